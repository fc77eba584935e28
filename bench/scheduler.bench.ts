/**
 * Scheduler throughput on kubernetes' scheduler_perf workloads (5000 nodes):
 * pods bound per second of wall time through the real Scheduler on a
 * Cluster + Engine (no kubelet), with percentageOfNodesToScore adaptive (0)
 * and 100, the median of several repetitions; and in the same run the
 * reference implementation (bench/reference) on the same state, and the ratio.
 *
 * Run: `podsim bench` (after `npm run build:bench`), or
 *   npx tsc -p tsconfig.bench.json && node dist-bench/bench/scheduler.bench.js [--quick] [--only A,B] [--reps N] [--warmup N] [--out DIR]
 * Writes DIR/scheduler.json (default results/bench/). Figures depend on the
 * machine; nothing here asserts a time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_WARMUP } from './defaults.js';
import { measurePodsim, measureReference, median, type Measurement, type ReferenceBudget } from './scheduler/measure.js';
import { WORKLOADS, scaled, type Workload } from './scheduler/workloads.js';

/** Targets from the scheduler performance issue, pods/s at 5000 nodes. */
export const TARGETS: Readonly<Record<string, { adaptive: number; full?: number }>> = {
  SchedulingBasic: { adaptive: 100_000, full: 20_000 },
  SchedulingTopologySpreading: { adaptive: 9_200 },
  SchedulingNodeAffinity: { adaptive: 4_400 },
  SchedulingPodAntiAffinity: { adaptive: 1_200 },
  SchedulingPodAffinity: { adaptive: 700 },
};

export interface ModeResult {
  /** Median over the repetitions. */
  readonly podsPerSecond: number;
  readonly runs: readonly Measurement[];
  readonly reference: Measurement;
  /** podsim / reference. */
  readonly ratio: number;
}

export interface WorkloadResult {
  readonly name: string;
  readonly nodes: number;
  readonly initPods: number;
  readonly measurePods: number;
  readonly adaptive: ModeResult;
  readonly full: ModeResult;
  readonly target: { adaptive: number; full?: number } | undefined;
}

export interface SchedulerBenchOptions {
  readonly only?: readonly string[];
  readonly reps?: number;
  /** Unmeasured runs of each workload and mode before the measured ones (JIT and heap warm-up); default 0 (the command line's: DEFAULT_WARMUP, defaults.ts). */
  readonly warmup?: number;
  /** Divide nodes and pods by this (1 = the real sizes). */
  readonly scale?: number;
  readonly referenceBudget?: ReferenceBudget;
  readonly log?: (line: string) => void;
  /** Called after each workload with the results so far (to save partial figures). */
  readonly onWorkload?: (results: readonly WorkloadResult[]) => void;
}

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');

function runMode(w: Workload, percentage: number, reps: number, warmup: number, budget: ReferenceBudget): ModeResult {
  for (let i = 0; i < warmup; i++) measurePodsim(w, percentage);
  const runs = Array.from({ length: reps }, () => measurePodsim(w, percentage));
  const reference = measureReference(w, percentage, runs[0]?.initPlacement ?? [], budget);
  const podsPerSecond = median(runs.map((r) => r.podsPerSecond));
  return {
    podsPerSecond,
    runs: runs.map(({ attempted, scheduled, seconds, podsPerSecond: pps }) => ({ attempted, scheduled, seconds, podsPerSecond: pps })),
    reference,
    ratio: podsPerSecond / reference.podsPerSecond,
  };
}

export function runSchedulerBench(options: SchedulerBenchOptions = {}): WorkloadResult[] {
  const reps = options.reps ?? 3;
  const warmup = options.warmup ?? 0;
  const budget = options.referenceBudget ?? { maxPods: 500, maxSeconds: 15 };
  const log = options.log ?? (() => {});
  const selected = WORKLOADS.filter((w) => !options.only || options.only.includes(w.name));
  const results: WorkloadResult[] = [];
  for (const base of selected) {
    const w = options.scale && options.scale !== 1 ? scaled(base, options.scale) : base;
    log(`${w.name}: ${w.nodes} nodes, ${w.initPods} init pods, ${w.measurePods} measured pods...`);
    const adaptive = runMode(w, 0, reps, warmup, budget);
    const full = runMode(w, 100, reps, warmup, budget);
    results.push({ name: w.name, nodes: w.nodes, initPods: w.initPods, measurePods: w.measurePods, adaptive, full, target: TARGETS[w.name] });
    log(`  podsim ${fmt(adaptive.podsPerSecond)} pods/s adaptive, ${fmt(full.podsPerSecond)} at 100%; reference ${fmt(adaptive.reference.podsPerSecond)} / ${fmt(full.reference.podsPerSecond)}`);
    options.onWorkload?.(results);
  }
  return results;
}

export function formatTable(results: readonly WorkloadResult[]): string {
  const header = ['workload', 'nodes', 'pods/s adaptive', 'target', 'ref pods/s', 'x ref', 'pods/s 100%', 'target', 'ref pods/s', 'x ref', 'bound'];
  const rows = results.map((r) => [
    r.name,
    String(r.nodes),
    fmt(r.adaptive.podsPerSecond),
    r.target ? fmt(r.target.adaptive) : '',
    fmt(r.adaptive.reference.podsPerSecond),
    r.adaptive.ratio.toFixed(1),
    fmt(r.full.podsPerSecond),
    r.target?.full ? fmt(r.target.full) : '',
    fmt(r.full.reference.podsPerSecond),
    r.full.ratio.toFixed(1),
    `${r.adaptive.runs[0]?.scheduled ?? 0}/${r.measurePods}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function parseArgs(argv: readonly string[]): SchedulerBenchOptions & { out: string } {
  let out = path.join('results', 'bench');
  let options: SchedulerBenchOptions = {};
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--quick') {
      quick = true;
      options = { ...options, scale: 10, reps: 1, referenceBudget: { maxPods: 200, maxSeconds: 5 } };
    } else if (a === '--only') options = { ...options, only: next().split(',') };
    else if (a === '--reps') options = { ...options, reps: Number(next()) };
    else if (a === '--warmup') options = { ...options, warmup: Number(next()) };
    else if (a === '--scale') options = { ...options, scale: Number(next()) };
    else if (a === '--out') out = next();
  }
  return { ...options, warmup: options.warmup ?? (quick ? 0 : DEFAULT_WARMUP), out };
}

function main(): void {
  const { out, ...options } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'scheduler.json');
  const save = (workloads: readonly WorkloadResult[]) =>
    writeFileSync(file, JSON.stringify({ bench: 'scheduler', node: process.version, options, workloads }, null, 2) + '\n');
  const results = runSchedulerBench({ ...options, log: (l) => process.stderr.write(l + '\n'), onWorkload: save });
  process.stdout.write(formatTable(results));
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
