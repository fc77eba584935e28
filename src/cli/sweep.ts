import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../io/diagnostics.js';
import { OutputError, osReason } from '../io/trace/errors.js';
import { cheapestMeeting } from '../sweep/aggregate.js';
import { executeSweep } from '../sweep/execute.js';
import { SWEEP_COPY } from '../sweep/folder-layout.js';
import { loadSweep } from '../sweep/load-sweep.js';
import { checkGrid, planRuns } from '../sweep/plan.js';
import { inProcessRunner, RunPool, processRunner } from '../sweep/pool.js';
import { SweepProgress } from '../sweep/progress.js';
import { RunFolderError } from '../sweep/results.js';
import { maxProbes } from '../sweep/search.js';
import { inShard, parseShard } from '../sweep/shard.js';
import { formatSweepTable } from '../sweep/sweep-csv.js';
import { EXIT, displayPath, signalExit, type CommandContext } from './io.js';

export interface SweepArgs {
  readonly sweep: string;
  /** Worker threads (default: the machine's available parallelism). */
  readonly jobs?: number;
  readonly shard?: string;
  readonly shards?: number;
  readonly out?: string;
  readonly resume: boolean;
  readonly search?: string;
  /** The environment, for `--shard auto`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stderr is a terminal (progress redrawn in place). */
  readonly terminal: boolean;
  /** Run in this process instead of worker processes (tests, which run the TypeScript sources). */
  readonly inProcess?: boolean;
}

function printDiagnostics(ds: readonly Diagnostic[], ctx: CommandContext): void {
  for (const d of ds) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
}

/** The sweep folder, created; or why it cannot be used (a non-empty folder that is not a sweep's). */
function prepareOut(out: string, sweepFile: string, resume: boolean): string | undefined {
  try {
    const copy = path.join(out, SWEEP_COPY);
    if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(copy)) {
      return `${out} is not empty and holds no ${SWEEP_COPY}: not a sweep folder; choose another --out`;
    }
    // Runs kept by --resume must be of this Sweep: another one's would be averaged in with them.
    if (resume && existsSync(copy) && !readFileSync(copy).equals(readFileSync(sweepFile))) {
      return `--resume: ${copy} is not this Sweep document (${sweepFile}) as it is now: its runs may differ; run without --resume or choose another --out`;
    }
    mkdirSync(out, { recursive: true });
    return undefined;
  } catch (e) {
    return `cannot write ${out}: ${osReason(e)}`;
  }
}

/**
 * `podsim sweep`: loads the Sweep document and checks every grid point's
 * scenario (exit 2 on any error, nothing written), runs its share of the
 * runs on worker processes, writes sweep.csv and prints the table and the
 * cheapest grid point meeting every SLO. Exit 0; 1 when runs failed or are
 * missing, or no grid point meets the SLOs; 2 bad input; 130/143 interrupted.
 */
export async function sweepCommand(args: SweepArgs, ctx: CommandContext): Promise<number> {
  const file = path.resolve(ctx.cwd, args.sweep);
  const { sweep, labels, diagnostics } = loadSweep(file);
  printDiagnostics(diagnostics, ctx);
  if (sweep === undefined) return EXIT.usage;
  const shard = parseShard(args.shard, args.shards, args.env);
  if (typeof shard === 'string') return (ctx.stderr(`error: ${shard}\n`), EXIT.usage);
  if (args.search !== undefined) {
    const names = sweep.axes.flatMap((a) => a.parameters.map((p) => p.name));
    if (!names.includes(args.search)) return (ctx.stderr(`error: --search ${args.search}: the grid has no such parameter (${names.join(', ') || 'none'})\n`), EXIT.usage);
    if (shard.count > 1) return (ctx.stderr('error: --search runs probes one after another: it cannot be sharded\n'), EXIT.usage);
    if (sweep.slos.length === 0) return (ctx.stderr('error: --search looks for the first value meeting the SLOs: the Sweep has none (spec.slos)\n'), EXIT.usage);
  }
  const checked = checkGrid(sweep, labels);
  printDiagnostics(checked, ctx);
  if (hasErrors(checked)) return EXIT.usage;

  const out = path.resolve(ctx.cwd, args.out ?? path.join('results', sweep.name));
  const outProblem = prepareOut(out, file, args.resume);
  if (outProblem !== undefined) return (ctx.stderr(`error: ${outProblem}; nothing was written\n`), EXIT.usage);
  const jobs = args.jobs ?? availableParallelism();
  const meters = { wallClock: ctx.wallClock, peakMemoryBytes: ctx.peakMemoryBytes, cpuSeconds: ctx.cpuSeconds };
  const pool = new RunPool(Array.from({ length: jobs }, () => (args.inProcess ? inProcessRunner(meters) : processRunner())));
  const runs = planRuns(sweep);
  const total = args.search !== undefined ? maxProbes(sweep, args.search) * sweep.seeds.length : runs.filter((r) => inShard(r.index, shard)).length;
  const shardText = shard.count > 1 ? ` shard ${shard.index}/${shard.count}` : '';
  const progress = new SweepProgress({ total, write: ctx.stderr, terminal: args.terminal, wallClock: () => performance.now() / 1000, label: `sweep ${sweep.name}${shardText}` });
  const unregister = ctx.onInterrupt((signal) => pool.interrupt(signal));
  progress.start();
  let result;
  try {
    result = await executeSweep(sweep, {
      out,
      shard,
      resume: args.resume,
      ...(args.search !== undefined ? { search: args.search } : {}),
      pool,
      // Shards may share a folder from several hosts, whose process ids mean nothing to one another (in
      // containers, all 1): a tag that is not a bare number keeps their temporary folders out of
      // stale-runs.ts's reach, and apart (the shard's index).
      tag: shard.count > 1 ? `${ctx.runTag}-shard${shard.index}` : ctx.runTag,
      onDone: (o) => progress.runDone(o.status !== 'failed'),
    });
  } catch (e: unknown) {
    // An output folder or file that cannot be written (read-only, full): one line, exit 2, as `podsim run`.
    if (e instanceof OutputError || e instanceof RunFolderError) return (ctx.stderr(`error: ${e.message}\n`), EXIT.usage);
    throw e;
  } finally {
    progress.stop();
    unregister();
    await pool.close();
  }
  for (const f of result.failures) ctx.stderr(`error: run ${f.id} failed: ${f.message ?? 'no reason given'}\n`);
  const incomplete = result.table.points.flatMap((p) => p.runs.filter((r) => r.status !== 'complete').map((r) => r.run.id));
  if (incomplete.length > 0) {
    ctx.stderr(`warning: ${incomplete.length} runs stopped before their end (their run.json says why; sweep.csv's status column): ${incomplete.slice(0, 5).join(', ')}${incomplete.length > 5 ? ', ...' : ''}\n`);
  }
  ctx.stdout(formatSweepTable(sweep, result.table, pool.interrupted === undefined && shard.count === 1));
  // A search cut short (interrupted, or probes whose runs failed) has no verdict to give.
  const searchDone = pool.interrupted === undefined && result.failures.length === 0;
  for (const s of searchDone ? (result.found ?? []) : []) {
    const where = s.group === '' ? '' : ` with ${s.group}`;
    ctx.stdout(s.found ? `search ${args.search}${where}: the smallest value meeting every SLO is ${s.found.id}\n` : `search ${args.search}${where}: no value meets every SLO\n`);
  }
  const shown = displayPath(ctx.cwd, out);
  if (result.rerun > 0) ctx.stderr(`${result.rerun} finished runs were made from a different scenario (scenario_sha256 differs) and run again\n`);
  if (result.skipped > 0) ctx.stdout(`${result.skipped} runs already finished were kept (--resume)\n`);
  ctx.stdout(`wrote ${shown}/${result.csvFile}\n`);
  if (pool.interrupted !== undefined) {
    ctx.stderr(`${pool.interrupted === 'SIGTERM' ? 'terminated' : 'interrupted'}: finished runs are in ${shown}/; run again with --resume to finish the sweep\n`);
    return signalExit(pool.interrupted);
  }
  if (result.failures.length > 0) return EXIT.problems;
  if (shard.count > 1) return EXIT.ok;
  if (args.search === undefined && result.table.missing.length > 0) {
    ctx.stderr(`error: ${result.table.missing.length} runs are missing: ${result.table.missing.slice(0, 5).map((r) => r.id).join(', ')}${result.table.missing.length > 5 ? ', ...' : ''}\n`);
    return EXIT.problems;
  }
  if (sweep.slos.length > 0 && cheapestMeeting(sweep, result.table) === undefined) return EXIT.problems;
  return EXIT.ok;
}
