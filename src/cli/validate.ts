import path from 'node:path';
import { formatDiagnostic, hasErrors } from '../io/diagnostics.js';
import { validateFiles } from '../io/validate.js';
import { EXIT, displayPath, type CommandContext } from './io.js';
import { runnableDiagnostics } from './load.js';
import { printData } from './output-format.js';

/**
 * `podsim validate FILE...`: every problem of every file (scenarios, or plain
 * manifest files such as includes) as `file:line:col: error|warning: message`
 * on stderr; simulates nothing. Exit 1 when any error was found, else 0.
 * `-o json|yaml`: the same on stdout as data (`files`, `valid`, `diagnostics`
 * with file, line, col, severity, code, path, message), nothing on stderr.
 */
export function validateCommand(files: readonly string[], set: readonly string[], ctx: CommandContext, output?: 'json' | 'yaml'): number {
  const diagnostics = validateFiles(
    files.map((f) => path.resolve(ctx.cwd, f)),
    { set, check: runnableDiagnostics },
  );
  if (output !== undefined) {
    const problems = diagnostics.map((d) => ({ file: displayPath(ctx.cwd, d.file), line: d.line, col: d.col, severity: d.severity, code: d.code, path: d.path, message: d.message }));
    ctx.stdout(printData({ files: files.length, valid: !hasErrors(diagnostics), diagnostics: problems }, output));
    return hasErrors(diagnostics) ? EXIT.problems : EXIT.ok;
  }
  for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
  if (hasErrors(diagnostics)) return EXIT.problems;
  ctx.stdout(`${files.length} file(s) valid\n`);
  return EXIT.ok;
}
