/**
 * The whole simulation at scale: each shape of bench/e2e/shapes.ts at
 * several cluster sizes through `podsim run` as a user runs it (its own
 * process, traces written), with wall and CPU time, simulated pods and events
 * per wall second, peak RSS, and the growth exponent of CPU time against
 * cluster size; the two target runs; and the scheduler_perf
 * workloads inside the whole simulation beside their isolated rate; and
 * `podsim validate` of a file of 100,000 Pods (the loader's target).
 *
 * Run: `podsim bench --suite e2e` (after `npm run build:bench`), or
 *   node dist-bench/bench/e2e.bench.js [--quick] [--only SHAPE,...] [--reps N] [--sizes 500,1000] [--out DIR]
 * Writes DIR/e2e.json (default results/bench/) with the machine, the Node
 * version and the commit. Figures depend on the machine; nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_WARMUP } from './defaults.js';
import { measureInSimulation } from './e2e/scheduler-in-sim.js';
import { SHAPES, shape, type ShapeName } from './e2e/shapes.js';
import { type ValidateFigures, measureValidate } from './e2e/validate-load.js';
import { measurePodsim, median } from './scheduler/measure.js';
import { WORKLOADS, scaled } from './scheduler/workloads.js';

/** The targets (2-core machine, medians). */
export const TARGETS = {
  /** Growth exponent of CPU time against cluster size, every shape. */
  exponent: 1.1,
  /** mixed at 5,000 nodes (a 50,000-replica Deployment, a 100,000-completion Job at parallelism 20,000), 30 min: wall seconds. */
  mixed5000WallS: 10,
  /** a million pods on 10,000 nodes: wall seconds and peak RSS. */
  millionWallS: 60,
  millionRssBytes: 1024 ** 3,
  /** SchedulingBasic inside the whole simulation / isolated. */
  inSimulationRatio: 0.5,
  /** `podsim validate` of a Scenario and 100,000 small Pods (17.5 MB, issue 13): wall seconds, about. */
  validate100kWallS: 1,
} as const;

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/bin.js');

export interface RunFigures {
  readonly shape: ShapeName;
  readonly nodes: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakRssBytes: number;
  readonly pods: number;
  readonly events: number;
  readonly simulatedS: number;
  readonly status: string;
}

/** One `podsim run` of a shape at `nodes`, in its own process (launcher included, as a user runs it). */
export function runShape(name: ShapeName, nodes: number, duration?: string): RunFigures {
  const s = shape(name);
  if (!s) throw new Error(`no shape ${name}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'podsim-e2e-'));
  try {
    const file = path.join(dir, `${name}-${nodes}.yml`);
    writeFileSync(file, s.scenario(nodes));
    const args = [BIN, 'run', file, '--out', path.join(dir, 'out'), ...(duration ? ['--duration', duration] : [])];
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wallS = (performance.now() - start) / 1000;
    if (r.status !== 0) throw new Error(`podsim run ${name} at ${nodes} nodes exited ${r.status ?? r.signal}: ${r.stderr}`);
    const info = JSON.parse(readFileSync(path.join(dir, 'out', 'run.json'), 'utf8'));
    const summary = JSON.parse(readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8'));
    return {
      shape: name,
      nodes,
      wallS,
      cpuS: info.cpu_s,
      peakRssBytes: info.peak_memory_bytes,
      pods: summary.pods.total,
      events: info.events_processed,
      simulatedS: summary.duration_s,
      status: info.status,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The run with the median wall time. */
function medianRun(runs: readonly RunFigures[]): RunFigures {
  const sorted = [...runs].sort((a, b) => a.wallS - b.wallS);
  const m = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!m) throw new Error('no runs');
  return m;
}

/** Least-squares slope of log(cpu) against log(nodes): cost ~ nodes^exponent. */
export function growthExponent(points: readonly { nodes: number; cpuS: number }[]): number {
  const xs = points.map((p) => Math.log(p.nodes));
  const ys = points.map((p) => Math.log(p.cpuS));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? 0) - my);
    den += (x - mx) ** 2;
  });
  return den > 0 ? num / den : NaN;
}

export interface ShapeSeries {
  readonly shape: ShapeName;
  readonly title: string;
  readonly runs: readonly RunFigures[];
  /** Over all sizes, and between the two largest. */
  readonly exponent: number;
  readonly exponentAtTop: number;
}

export interface E2eOptions {
  readonly shapes: readonly ShapeName[];
  readonly sizes: readonly number[];
  readonly reps: number;
  readonly duration?: string;
  /** Node count of the million-pod run (10,000; smaller with --quick). */
  readonly millionNodes: number;
  /** Scheduler workloads scaled down by this factor (1: 5,000 nodes). */
  readonly schedulerScale: number;
  readonly schedulerReps: number;
  readonly warmup: number;
  readonly log: (line: string) => void;
}

export function runSeries(o: E2eOptions): ShapeSeries[] {
  const series: ShapeSeries[] = [];
  for (const name of o.shapes) {
    const s = shape(name);
    if (!s) continue;
    const runs = o.sizes.map((nodes) => {
      const reps = Array.from({ length: o.reps }, () => runShape(name, nodes, o.duration));
      const m = medianRun(reps);
      o.log(`${name} ${nodes} nodes: ${m.wallS.toFixed(2)} s wall, ${m.cpuS.toFixed(2)} s CPU, ${m.pods} pods, ${(m.peakRssBytes / 2 ** 20).toFixed(0)} MB`);
      return m;
    });
    const top = runs.slice(-2);
    series.push({
      shape: name,
      title: s.title,
      runs,
      exponent: growthExponent(runs),
      exponentAtTop: top.length === 2 ? growthExponent(top) : NaN,
    });
  }
  return series;
}

export interface SchedulerFigures {
  readonly workload: string;
  readonly nodes: number;
  readonly isolated: number;
  readonly inSimulation: number;
  readonly ratio: number;
}

export async function runScheduler(o: E2eOptions, names: readonly string[]): Promise<SchedulerFigures[]> {
  const figures: SchedulerFigures[] = [];
  for (const base of WORKLOADS.filter((w) => names.includes(w.name))) {
    const w = o.schedulerScale !== 1 ? scaled(base, o.schedulerScale) : base;
    for (let i = 0; i < o.warmup; i++) measurePodsim(w, 0);
    const isolated = median(Array.from({ length: o.schedulerReps }, () => measurePodsim(w, 0).podsPerSecond));
    for (let i = 0; i < Math.min(o.warmup, 1); i++) await measureInSimulation(w);
    const inSimulation: number[] = [];
    for (let i = 0; i < o.schedulerReps; i++) inSimulation.push((await measureInSimulation(w)).podsPerSecond);
    const inSim = median(inSimulation);
    o.log(`${w.name}: ${Math.round(isolated)} pods/s isolated, ${Math.round(inSim)} in the whole simulation`);
    figures.push({ workload: w.name, nodes: w.nodes, isolated, inSimulation: inSim, ratio: inSim / isolated });
  }
  return figures;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '-');
const mb = (b: number) => `${fmt(b / 2 ** 20)} MB`;
const ok = (pass: boolean) => (pass ? 'yes' : 'NO');
/** A target holds for its own size only: a smaller run (--quick) is shown, not judged. */
const judged = (nodes: number, targetNodes: number, pass: boolean, unit = 'nodes') => (nodes === targetNodes ? ok(pass) : `n/a (${fmt(targetNodes)} ${unit})`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function formatReport(
  series: readonly ShapeSeries[],
  targets: readonly RunFigures[],
  scheduler: readonly SchedulerFigures[],
  validate?: ValidateFigures,
): string {
  const runRow = (r: RunFigures) => [
    `${r.shape} ${r.nodes}`,
    fmt(r.wallS, 2),
    fmt(r.cpuS, 2),
    fmt(r.pods),
    fmt(r.pods / r.wallS),
    fmt(r.events / r.wallS),
    mb(r.peakRssBytes),
  ];
  const runHeader = ['shape, nodes', 'wall s', 'CPU s', 'pods', 'pods/wall-s', 'events/wall-s', 'peak RSS'];
  let out = table(runHeader, series.flatMap((s) => s.runs.map(runRow)));
  out += '\n' + table(
    ['shape', 'exponent', 'at the top', 'target', 'met'],
    series.map((s) => [s.shape, fmt(s.exponent, 2), fmt(s.exponentAtTop, 2), `<= ${TARGETS.exponent}`, ok(s.exponent <= TARGETS.exponent && !(s.exponentAtTop > TARGETS.exponent))]),
  );
  const targetRows: string[][] = [];
  for (const r of targets) {
    if (r.shape === 'mixed') {
      targetRows.push([`mixed ${r.nodes} wall`, `${fmt(r.wallS, 2)} s`, `< ${TARGETS.mixed5000WallS} s`, judged(r.nodes, 5000, r.wallS < TARGETS.mixed5000WallS)]);
    }
    if (r.shape === 'million') {
      const wall = r.wallS < TARGETS.millionWallS;
      targetRows.push([`million ${r.nodes} wall (${fmt(r.pods)} pods)`, `${fmt(r.wallS, 2)} s`, `< ${TARGETS.millionWallS} s`, judged(r.nodes, 10000, wall)]);
      const rss = r.peakRssBytes < TARGETS.millionRssBytes;
      targetRows.push([`million ${r.nodes} peak RSS`, mb(r.peakRssBytes), `< ${mb(TARGETS.millionRssBytes)}`, judged(r.nodes, 10000, rss)]);
    }
  }
  for (const s of scheduler.filter((x) => x.workload === 'SchedulingBasic')) {
    const ratio = s.ratio >= TARGETS.inSimulationRatio;
    targetRows.push([`SchedulingBasic in the simulation / isolated`, fmt(s.ratio, 2), `>= ${TARGETS.inSimulationRatio}`, judged(s.nodes, 5000, ratio)]);
  }
  if (validate !== undefined) {
    const wall = validate.wallS < TARGETS.validate100kWallS;
    targetRows.push([`validate ${fmt(validate.pods)} Pods wall (${mb(validate.bytes)})`, `${fmt(validate.wallS, 2)} s`, `~ ${TARGETS.validate100kWallS} s`, judged(validate.pods, 100_000, wall, 'Pods')]);
  }
  if (targetRows.length > 0) out += '\n' + table(['target', 'measured', 'target', 'met'], targetRows);
  if (scheduler.length > 0) {
    out += '\n' + table(
      ['scheduler workload', 'nodes', 'pods/s isolated', 'in the simulation', 'ratio'],
      scheduler.map((s) => [s.workload, fmt(s.nodes), fmt(s.isolated), fmt(s.inSimulation), fmt(s.ratio, 2)]),
    );
  }
  return out;
}

function commit(): string {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: path.dirname(fileURLToPath(import.meta.url)), encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

function machine(): { cpu: string; cores: number; memoryBytes: number; platform: string } {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryBytes: os.totalmem(), platform: `${os.platform()} ${os.release()}` };
}

/**
 * `--only` names shapes (deployment, job, mixed, daemonsets), `million`
 * (the two target runs), `validate` (the loader's run) and scheduler
 * workloads (SchedulingBasic...): the suite runs just the parts named.
 * Without it, everything.
 */
function parseArgs(
  argv: readonly string[],
): E2eOptions & { out: string; targets: boolean; schedulerWorkloads: readonly string[]; validatePods: number | undefined } {
  let out = path.join('results', 'bench');
  let quick = false;
  let only: string[] | undefined;
  let reps: number | undefined;
  let sizes: number[] | undefined;
  let warmup: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--quick') quick = true;
    else if (a === '--only') only = next().split(',');
    else if (a === '--reps') reps = Number(next());
    else if (a === '--sizes') sizes = next().split(',').map(Number);
    else if (a === '--warmup') warmup = Number(next());
    else if (a === '--out') out = next();
  }
  const picked = (name: string) => only === undefined || only.includes(name);
  return {
    out,
    shapes: SHAPES.map((s) => s.name).filter((s) => s !== 'million' && picked(s)),
    sizes: sizes ?? (quick ? [250, 500, 1000] : [500, 1000, 5000, 10000]),
    reps: reps ?? (quick ? 1 : 3),
    ...(quick ? { duration: '5m' } : {}),
    millionNodes: quick ? 1000 : 10000,
    schedulerScale: quick ? 10 : 1,
    schedulerReps: reps ?? (quick ? 1 : 3),
    warmup: warmup ?? (quick ? 0 : DEFAULT_WARMUP),
    targets: picked('million'),
    validatePods: picked('validate') ? (quick ? 10_000 : 100_000) : undefined,
    schedulerWorkloads: WORKLOADS.map((w) => w.name).filter(picked),
    log: (l) => process.stderr.write(l + '\n'),
  };
}

async function main(): Promise<void> {
  const { out, targets: withTargets, schedulerWorkloads, validatePods, ...o } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'e2e.json');
  const header = { bench: 'e2e', node: process.version, commit: commit(), machine: machine(), options: { ...o, log: undefined }, targets: TARGETS };
  const save = (data: object) => writeFileSync(file, JSON.stringify({ ...header, ...data }, null, 2) + '\n');
  const series = runSeries(o);
  save({ series });
  const targets: RunFigures[] = [];
  if (withTargets) {
    const mixed = series.find((s) => s.shape === 'mixed')?.runs.find((r) => r.nodes === 5000);
    targets.push(mixed ?? medianRun(Array.from({ length: o.reps }, () => runShape('mixed', o.millionNodes === 10000 ? 5000 : 500, o.duration))));
    const million = Array.from({ length: Math.min(o.reps, 2) }, () => runShape('million', o.millionNodes, o.duration));
    targets.push(medianRun(million));
    o.log(`million ${o.millionNodes} nodes: ${targets[1]?.wallS.toFixed(2)} s wall, ${targets[1]?.pods} pods`);
    save({ series, targets });
  }
  let validate: ValidateFigures | undefined;
  if (validatePods !== undefined) {
    validate = measureValidate(BIN, validatePods, o.reps);
    o.log(`validate ${validatePods} Pods: ${validate.wallS.toFixed(2)} s wall`);
    save({ series, targets, validate });
  }
  const scheduler = await runScheduler(o, schedulerWorkloads);
  save({ series, targets, validate, scheduler });
  process.stdout.write(formatReport(series, targets, scheduler, validate));
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
