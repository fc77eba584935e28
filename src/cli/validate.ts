import path from 'node:path';
import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../io/diagnostics.js';
import { validateFiles } from '../io/validate.js';
import { isSweepFile, loadSweep } from '../sweep/load-sweep.js';
import { checkGrid } from '../sweep/plan.js';
import { EXIT, displayPath, type CommandContext } from './io.js';
import { runnableDiagnostics } from '../sim/load-runnable.js';
import { printData } from './output-format.js';

/** A Sweep file's problems, and those of its scenario at every grid point (what `podsim sweep` checks first). */
function validateSweep(file: string): Diagnostic[] {
  const { sweep, labels, diagnostics } = loadSweep(file);
  return sweep === undefined ? diagnostics : [...diagnostics, ...checkGrid(sweep, labels)];
}

/**
 * `podsim validate FILE...`: every problem of every file (scenarios, Sweep
 * documents, or plain manifest files such as includes) as `file:line:col: error|warning: message`
 * on stderr; simulates nothing. Exit 1 when any error was found, else 0.
 * `-o json|yaml`: the same on stdout as data (`files`, `valid`, `diagnostics`
 * with file, line, col, severity, code, path, message), nothing on stderr.
 */
export function validateCommand(files: readonly string[], set: readonly string[], ctx: CommandContext, output?: 'json' | 'yaml'): number {
  const paths = files.map((f) => path.resolve(ctx.cwd, f));
  const sweeps = new Set(paths.filter(isSweepFile));
  const diagnostics = sortDiagnostics([
    ...validateFiles(paths.filter((f) => !sweeps.has(f)), { set, check: runnableDiagnostics }),
    ...paths.filter((f) => sweeps.has(f)).flatMap(validateSweep),
  ]);
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
