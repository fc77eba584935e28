import path from 'node:path';
import { formatDiagnostic, hasErrors } from '../io/diagnostics.js';
import { validateFiles } from '../io/validate.js';
import { EXIT, displayPath, type CommandContext } from './io.js';
import { runnableDiagnostics } from './load.js';

/**
 * `podsim validate FILE...`: every problem of every file (scenarios, or plain
 * manifest files such as includes) as `file:line:col: error|warning: message`
 * on stderr; simulates nothing. Exit 1 when any error was found, else 0.
 */
export function validateCommand(files: readonly string[], set: readonly string[], ctx: CommandContext): number {
  const diagnostics = validateFiles(
    files.map((f) => path.resolve(ctx.cwd, f)),
    { set, check: runnableDiagnostics },
  );
  for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
  if (hasErrors(diagnostics)) return EXIT.problems;
  ctx.stdout(`${files.length} file(s) valid\n`);
  return EXIT.ok;
}
