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
 * Then real-size runs (bench/sweep/real.yml: 8 runs of the 1,000-node
 * Deployment shape, about a second each): --jobs 1 against --jobs 2, and
 * the ceiling this machine puts on that speed-up (`ceiling` below).
 * The machine's load average before and after goes with the figures: on a
 * shared machine they say how much of it the bench had. The median of
 * --reps repetitions (default 3, 1 with --quick, 25 runs instead of 100).
 *
 * Run: `podsim bench --suite sweep` (after `npm run build` and `npm run build:bench`), or
 *   node dist-bench/bench/sweep.bench.js [--quick] [--reps N] [--out DIR]
 * Writes DIR/sweep.json. Nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
/** The real-size part: 8 runs of about a second each (scenarios/scale/deployment-1000.yml). */
const REAL = path.resolve(HERE, '../../bench/sweep/real.yml');
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

/**
 * What this machine allows two runs at once, whatever the sweep does: one
 * run alone in a warm worker process, then the same run in two warm worker
 * processes at once. `contention` is how much slower each of the pair runs
 * (memory bandwidth and the shared cache on a small VM; 1 on idle separate
 * cores); `coresPerRun` is a run's own CPU over its wall time alone (V8's
 * GC and compiler threads: above 1, two runs want more than two cores).
 * The --jobs 2 speed-up cannot pass 2 / max(contention, coresPerRun).
 */
async function ceiling(sweep: Sweep, out: string): Promise<{ alone: number; pair: number; contention: number; coresPerRun: number; ceiling: number }> {
  const run = planRuns(sweep)[0]!;
  const a = processRunner();
  const b = processRunner();
  const timedRun = async (r: ReturnType<typeof processRunner>, dir: string) => {
    const started = seconds();
    const o = await r.run(runRequest(sweep, run, path.join(out, dir), `${process.pid}-${dir}`));
    if (o.status !== 'complete') throw new Error(`run ${o.id}: ${o.status} ${o.message ?? ''}`);
    const wall = seconds() - started;
    const json = JSON.parse(readFileSync(path.join(out, dir, run.id, 'run.json'), 'utf8')) as { cpu_s: number };
    return { wall, cpu: json.cpu_s };
  };
  try {
    await Promise.all([timedRun(a, 'warm-a'), timedRun(b, 'warm-b')]);
    await timedRun(a, 'warm-a2');
    const alone = await timedRun(a, 'alone');
    const pair = await Promise.all([timedRun(a, 'pair-a'), timedRun(b, 'pair-b')]);
    const pairWall = Math.max(pair[0].wall, pair[1].wall);
    const contention = pairWall / alone.wall;
    const coresPerRun = alone.cpu / alone.wall;
    return { alone: alone.wall, pair: pairWall, contention, coresPerRun, ceiling: 2 / Math.max(contention, coresPerRun, 1) };
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

/** --jobs 1 against --jobs 2 on real-size runs, and the machine's ceiling for it. */
async function realSize(scratch: string, reps: number) {
  const loaded = loadSweep(REAL);
  if (loaded.sweep === undefined) throw new Error(`${REAL} does not load`);
  const sweep = loaded.sweep;
  const n = planRuns(sweep).length;
  const reps_: { jobs1: number; jobs2: number; ceiling: Awaited<ReturnType<typeof ceiling>> }[] = [];
  for (let i = 0; i < reps; i++) {
    const jobs1 = await wholeSweep(sweep, path.join(scratch, `real-j1-${i}`), 1);
    const jobs2 = await wholeSweep(sweep, path.join(scratch, `real-j2-${i}`), 2);
    const c = await ceiling(sweep, path.join(scratch, `real-ceiling-${i}`));
    reps_.push({ jobs1, jobs2, ceiling: c });
    process.stderr.write(
      `real-size rep ${i + 1}/${reps}: --jobs 1 ${jobs1.toFixed(2)} s, --jobs 2 ${jobs2.toFixed(2)} s (${(jobs1 / jobs2).toFixed(2)}x); ` +
        `one run alone ${c.alone.toFixed(2)} s, two at once ${c.pair.toFixed(2)} s, ${c.coresPerRun.toFixed(2)} cores per run alone: ceiling ${c.ceiling.toFixed(2)}x\n`,
    );
  }
  const med = (f: (r: (typeof reps_)[number]) => number) => median(reps_.map(f));
  return {
    runs: n,
    wall_s: { jobs1: med((r) => r.jobs1), jobs2: med((r) => r.jobs2) },
    speedup_jobs2_over_jobs1: med((r) => r.jobs1 / r.jobs2),
    one_run_alone_s: med((r) => r.ceiling.alone),
    two_runs_at_once_s: med((r) => r.ceiling.pair),
    contention: med((r) => r.ceiling.contention),
    cores_per_run: med((r) => r.ceiling.coresPerRun),
    ceiling_speedup: med((r) => r.ceiling.ceiling),
    repetitions: reps_,
  };
}

/**
 * The runs alone in a fresh node process (this file again, with
 * --runs-alone-in OUT): the sum of their wall seconds there. A sweep's
 * workers are fresh processes too; the warm figure above is this process's
 * after hundreds of runs (run setup code is called a few times a run, so the
 * JIT takes hundreds of runs to optimize it: 14 ms a run at first, 4-5 ms
 * after 700).
 */
function runsAloneFresh(out: string, quick: boolean): number {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--runs-alone-in', out, ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`runs alone in a fresh process: exit ${r.status ?? r.signal}: ${r.stderr}`);
  return Number(r.stdout.trim());
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
  const aloneIn = arg('--runs-alone-in');
  if (aloneIn !== undefined) {
    // The child of runsAloneFresh: the runs once, cold; the sum on stdout.
    process.stdout.write(`${await runsAlone(sweep, aloneIn)}\n`);
    return;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'podsim-sweep-bench-'));
  const loadBefore = loadavg();
  type Way = { wall: number; cpu: number };
  const reps_: { alone: Way; aloneFresh: number; jobs1: Way; jobs2: Way }[] = [];
  try {
    await runsAlone(sweep, path.join(scratch, 'warm')); // JIT warm-up, unmeasured
    for (let i = 0; i < reps; i++) {
      const alone = await timed(() => runsAlone(sweep, path.join(scratch, `alone-${i}`)));
      const aloneFresh = runsAloneFresh(path.join(scratch, `fresh-${i}`), quick);
      const jobs1 = await timed(() => wholeSweep(sweep, path.join(scratch, `j1-${i}`), 1));
      const jobs2 = await timed(() => wholeSweep(sweep, path.join(scratch, `j2-${i}`), 2));
      reps_.push({ alone, aloneFresh, jobs1, jobs2 });
      const f = (w: Way) => `${w.wall.toFixed(2)} s (cpu ${w.cpu.toFixed(2)} s)`;
      process.stderr.write(
        `rep ${i + 1}/${reps}: runs alone ${f(alone)} (in a fresh process ${aloneFresh.toFixed(2)} s), --jobs 1 ${f(jobs1)}, --jobs 2 ${f(jobs2)}, load ${loadavg()[0]?.toFixed(2)}\n`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const realScratch = mkdtempSync(path.join(tmpdir(), 'podsim-sweep-bench-real-'));
  const real = await realSize(realScratch, reps).finally(() => rmSync(realScratch, { recursive: true, force: true }));
  const loadAfter = loadavg();
  const alone = median(reps_.map((r) => r.alone.wall));
  const aloneFresh = median(reps_.map((r) => r.aloneFresh));
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
    runs_alone_fresh_process_s: aloneFresh,
    overhead_jobs1_over_runs_alone_fresh: jobs1 / aloneFresh,
    loadavg_1m: { before: loadBefore[0], after: loadAfter[0] },
    repetitions: reps_,
    real_size: real,
  };
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'sweep.json');
  writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
  const f = (x: number) => x.toFixed(2);
  process.stdout.write(`runs  way          wall s  runs/s  cpu s\n`);
  process.stdout.write(`${n}   runs alone   ${f(alone)}    ${f(n / alone)}   ${f(cpuOf('alone'))}\n`);
  process.stdout.write(`${n}   --jobs 1     ${f(jobs1)}    ${f(n / jobs1)}   ${f(cpuOf('jobs1'))}\n`);
  process.stdout.write(`${n}   --jobs 2     ${f(jobs2)}    ${f(n / jobs2)}   ${f(cpuOf('jobs2'))}\n`);
  process.stdout.write(`--jobs 2 / --jobs 1: ${f(jobs1 / jobs2)}x; sweep overhead (--jobs 1 / runs alone): ${f(jobs1 / alone)}x (target < 2x)\n`);
  process.stdout.write(
    `  the runs alone in a fresh process (as a worker starts): ${f(aloneFresh)} s; sweep overhead against that: ${f(jobs1 / aloneFresh)}x\n`,
  );
  process.stdout.write(
    `real-size runs (${real.runs} x the 1,000-node Deployment shape): --jobs 1 ${f(real.wall_s.jobs1)} s, --jobs 2 ${f(real.wall_s.jobs2)} s: ${f(real.speedup_jobs2_over_jobs1)}x (target 1.8x)\n` +
      `  this machine's ceiling: one run alone ${f(real.one_run_alone_s)} s, two at once ${f(real.two_runs_at_once_s)} s each (${f(real.contention)}x slower), ` +
      `${f(real.cores_per_run)} cores per run alone: at most ${f(real.ceiling_speedup)}x\n`,
  );
  process.stdout.write(`load average (1 min) before ${f(loadBefore[0] ?? 0)}, after ${f(loadAfter[0] ?? 0)} (2 cores shared: figures are what the bench got)\n`);
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
