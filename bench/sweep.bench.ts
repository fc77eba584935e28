/**
 * The cost of a sweep beside its runs: bench/sweep/hundred.yml (100 small
 * runs of tiny.yml, ~10 ms of simulation each) three ways, in turn:
 *   - the runs alone: each run played in this thread (runOne, the same code
 *     a worker runs), one after another; the sum of their wall times;
 *   - `podsim sweep --jobs 1`: the whole sweep (grid check, one worker
 *     thread, folders, sweep.csv) as executeSweep runs it;
 *   - `podsim sweep --jobs 2`: the same on two worker threads.
 * Reported: runs per wall second of each, the CPU seconds of each (the
 * process, worker threads included: what two workers cost beyond one), the speed-up of --jobs 2 over
 * --jobs 1, and the sweep's overhead (sweep --jobs 1 wall / the runs alone).
 * The machine's load average before and after goes with the figures: on a
 * shared machine they say how much of it the bench had. The median of
 * --reps repetitions (default 3, 1 with --quick, 25 runs instead of 100).
 *
 * Run: `podsim bench --suite sweep` (after `npm run build` and `npm run build:bench`), or
 *   node dist-bench/bench/sweep.bench.js [--quick] [--reps N] [--out DIR]
 * Writes DIR/sweep.json. Nothing here asserts a time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Sweep } from '../src/sweep/sweep.js';
import { median } from './scheduler/measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/**
 * The sweep as users run it: the modules of dist/ (`npm run build`), whose
 * worker threads load dist/sweep/worker.js, not a copy compiled for the bench.
 */
const dist = (m: string) => import(pathToFileURL(path.resolve(HERE, '../../dist/sweep', m)).href);
const { executeSweep, runRequest } = (await dist('execute.js')) as typeof import('../src/sweep/execute.js');
const { loadSweep } = (await dist('load-sweep.js')) as typeof import('../src/sweep/load-sweep.js');
const { checkGrid, planRuns } = (await dist('plan.js')) as typeof import('../src/sweep/plan.js');
const { RunPool, processRunner } = (await dist('pool.js')) as typeof import('../src/sweep/pool.js');
const { runOne } = (await dist('run-one.js')) as typeof import('../src/sweep/run-one.js');
const { WHOLE } = (await dist('shard.js')) as typeof import('../src/sweep/shard.js');
/** bench/sweep/ in the package (this file runs from dist-bench/bench/). */
const FIXTURE = path.resolve(HERE, '../../bench/sweep/hundred.yml');
const seconds = () => performance.now() / 1000;
const meters = {
  wallClock: seconds,
  peakMemoryBytes: () => process.resourceUsage().maxRSS * 1024,
  cpuSeconds: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  },
};

/** CPU seconds (user + system) of the whole process, worker threads included. */
const cpu = () => meters.cpuSeconds();

/** Wall and CPU seconds of `f`. */
async function timed(f: () => Promise<number>): Promise<{ wall: number; cpu: number }> {
  const c = cpu();
  const wall = await f();
  return { wall, cpu: cpu() - c };
}

/** The runs one after another in this thread: the sum of their wall seconds. */
async function runsAlone(sweep: Sweep, out: string): Promise<number> {
  let sum = 0;
  for (const run of planRuns(sweep)) {
    const started = seconds();
    const o = await runOne(runRequest(sweep, run, out, String(process.pid)), meters, {});
    if (o.status === 'failed') throw new Error(`run ${o.id} failed: ${o.message}`);
    sum += seconds() - started;
  }
  return sum;
}

/** The whole sweep on `jobs` worker threads: wall seconds. */
async function wholeSweep(sweep: Sweep, out: string, jobs: number): Promise<number> {
  const started = seconds();
  const loaded = loadSweep(sweep.file);
  if (checkGrid(loaded.sweep!, loaded.labels).some((d) => d.severity === 'error')) throw new Error('the bench sweep does not load');
  const pool = new RunPool(Array.from({ length: jobs }, () => processRunner()));
  try {
    const r = await executeSweep(sweep, { out, shard: WHOLE, resume: false, pool, tag: String(process.pid), onDone: () => {} });
    if (r.failures.length > 0 || r.table.missing.length > 0) throw new Error('the bench sweep lost runs');
  } finally {
    await pool.close();
  }
  return seconds() - started;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const reps = Number(arg('--reps') ?? (quick ? 1 : 3));
  const outDir = arg('--out') ?? path.join('results', 'bench');
  const loaded = loadSweep(FIXTURE);
  if (loaded.sweep === undefined) throw new Error(`${FIXTURE} does not load`);
  const sweep: Sweep = quick ? { ...loaded.sweep, seeds: loaded.sweep.seeds.slice(0, 7) } : loaded.sweep;
  const n = planRuns(sweep).length;
  const scratch = mkdtempSync(path.join(tmpdir(), 'podsim-sweep-bench-'));
  const loadBefore = loadavg();
  type Way = { wall: number; cpu: number };
  const reps_: { alone: Way; jobs1: Way; jobs2: Way }[] = [];
  try {
    await runsAlone(sweep, path.join(scratch, 'warm')); // JIT warm-up, unmeasured
    for (let i = 0; i < reps; i++) {
      const alone = await timed(() => runsAlone(sweep, path.join(scratch, `alone-${i}`)));
      const jobs1 = await timed(() => wholeSweep(sweep, path.join(scratch, `j1-${i}`), 1));
      const jobs2 = await timed(() => wholeSweep(sweep, path.join(scratch, `j2-${i}`), 2));
      reps_.push({ alone, jobs1, jobs2 });
      const f = (w: Way) => `${w.wall.toFixed(2)} s (cpu ${w.cpu.toFixed(2)} s)`;
      process.stderr.write(`rep ${i + 1}/${reps}: runs alone ${f(alone)}, --jobs 1 ${f(jobs1)}, --jobs 2 ${f(jobs2)}, load ${loadavg()[0]?.toFixed(2)}\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const loadAfter = loadavg();
  const alone = median(reps_.map((r) => r.alone.wall));
  const jobs1 = median(reps_.map((r) => r.jobs1.wall));
  const jobs2 = median(reps_.map((r) => r.jobs2.wall));
  const cpuOf = (k: 'alone' | 'jobs1' | 'jobs2') => median(reps_.map((r) => r[k].cpu));
  const figures = {
    bench: 'sweep',
    node: process.version,
    runs: n,
    reps,
    wall_s: { runs_alone: alone, jobs1, jobs2 },
    runs_per_s: { runs_alone: n / alone, jobs1: n / jobs1, jobs2: n / jobs2 },
    cpu_s: { runs_alone: cpuOf('alone'), jobs1: cpuOf('jobs1'), jobs2: cpuOf('jobs2') },
    speedup_jobs2_over_jobs1: jobs1 / jobs2,
    overhead_jobs1_over_runs_alone: jobs1 / alone,
    loadavg_1m: { before: loadBefore[0], after: loadAfter[0] },
    repetitions: reps_,
  };
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'sweep.json');
  writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
  const f = (x: number) => x.toFixed(2);
  process.stdout.write(`runs  way          wall s  runs/s  cpu s\n`);
  process.stdout.write(`${n}   runs alone   ${f(alone)}    ${f(n / alone)}   ${f(cpuOf('alone'))}\n`);
  process.stdout.write(`${n}   --jobs 1     ${f(jobs1)}    ${f(n / jobs1)}   ${f(cpuOf('jobs1'))}\n`);
  process.stdout.write(`${n}   --jobs 2     ${f(jobs2)}    ${f(n / jobs2)}   ${f(cpuOf('jobs2'))}\n`);
  process.stdout.write(`--jobs 2 / --jobs 1: ${f(jobs1 / jobs2)}x; sweep overhead (--jobs 1 / runs alone): ${f(jobs1 / alone)}x\n`);
  process.stdout.write(`load average (1 min) before ${f(loadBefore[0] ?? 0)}, after ${f(loadAfter[0] ?? 0)} (2 cores shared: figures are what the bench got)\n`);
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
