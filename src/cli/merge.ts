import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../io/diagnostics.js';
import { OutputError, writing } from '../io/trace/errors.js';
import { writeFileWhole } from '../io/write-whole.js';
import { cheapestMeeting } from '../sweep/aggregate.js';
import { SWEEP_CSV } from '../sweep/folder-layout.js';
import { loadSweep } from '../sweep/load-sweep.js';
import { RunFolderError } from '../sweep/results.js';
import { mergeTable, sweepCopy } from '../sweep/merge.js';
import { formatSweepTable, sweepCsv } from '../sweep/sweep-csv.js';
import { EXIT, displayPath, type CommandContext } from './io.js';

export interface MergeArgs {
  readonly dirs: readonly string[];
  /** Where sweep.csv goes (default: the first folder). */
  readonly out?: string;
}

/**
 * `podsim merge DIR...`: joins the runs of a sweep's shards (from their
 * folders, or one shared folder), recomputes the aggregates, writes
 * sweep.csv and prints the table. Exit 0; 1 runs missing (listed on
 * stderr) or no grid point meets the SLOs; 2 folders that are not one
 * sweep's.
 */
export function mergeCommand(args: MergeArgs, ctx: CommandContext): number {
  const dirs = args.dirs.map((d) => path.resolve(ctx.cwd, d));
  const copy = sweepCopy(dirs);
  if ('error' in copy) return (ctx.stderr(`error: ${copy.error}\n`), EXIT.usage);
  const { sweep, diagnostics } = loadSweep(copy.file);
  for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
  if (sweep === undefined) return EXIT.usage;
  let merged;
  try {
    merged = mergeTable(sweep, dirs);
  } catch (e) {
    if (e instanceof RunFolderError) return (ctx.stderr(`error: ${e.message}\n`), EXIT.usage);
    throw e;
  }
  if ('error' in merged) return (ctx.stderr(`error: ${merged.error}; nothing was written\n`), EXIT.usage);
  const { table } = merged;
  const target = path.join(path.resolve(ctx.cwd, args.out ?? args.dirs[0] ?? '.'), SWEEP_CSV);
  try {
    writing(target, () => mkdirSync(path.dirname(target), { recursive: true }));
    writeFileWhole(target, sweepCsv(sweep, table), ctx.runTag);
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    return (ctx.stderr(`error: cannot write ${displayPath(ctx.cwd, e.path)}: ${e.reason}\n`), EXIT.usage);
  }
  ctx.stdout(formatSweepTable(sweep, table));
  ctx.stdout(`wrote ${displayPath(ctx.cwd, target)}\n`);
  if (table.missing.length > 0) {
    ctx.stderr(`error: ${table.missing.length} runs missing:\n`);
    for (const r of table.missing) ctx.stderr(`  ${r.id}\n`);
    return EXIT.problems;
  }
  return sweep.slos.length > 0 && cheapestMeeting(sweep, table) === undefined ? EXIT.problems : EXIT.ok;
}
