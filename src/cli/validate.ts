import { formatDiagnostic, hasErrors } from '../io/diagnostics.js';
import { EXIT, displayPath, type CommandContext } from './io.js';
import { loadRunnable } from './load.js';
import path from 'node:path';

/**
 * `podsim validate FILE...`: every problem of every file as
 * `file:line:col: error|warning: message` on stderr; simulates nothing.
 * Exit 1 when any error was found, else 0.
 */
export function validateCommand(files: readonly string[], set: readonly string[], ctx: CommandContext): number {
  let failed = false;
  for (const file of files) {
    const { diagnostics } = loadRunnable(path.resolve(ctx.cwd, file), set);
    for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
    if (hasErrors(diagnostics)) failed = true;
  }
  if (!failed) ctx.stdout(`${files.length} file(s) valid\n`);
  return failed ? EXIT.problems : EXIT.ok;
}
