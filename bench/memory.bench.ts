/**
 * Memory of a whole simulation, against issue 13's two memory targets:
 *
 *   - heap per live pod, beyond a fixed base: the Deployment scale shape at
 *     one node count with 10, 20 and 30 pods per node, played in this
 *     process with the trace recorder attached (as `podsim run` plays it),
 *     stopped at 15 simulated minutes (every pod long Running), a full GC,
 *     then the heap in use. The slope of heap against live pods (least
 *     squares over the three) is the cost of a pod; the intercept is the
 *     base (nodes, code, the recorder's files).
 *   - a run twice as long with the same live pods: the million shape (30
 *     Deployment pods per node live all run, Jobs cycling through the rest),
 *     30 simulated minutes against 60 with twice the completions, each a
 *     real `podsim run` process: peak RSS (run.json) of each, and the live
 *     heap after a full GC at the last minute of each (in this process), so
 *     that what is retained is told apart from what V8 lets pile up before
 *     collecting.
 *
 * Run: `podsim bench --suite memory` (after `npm run build` and
 * `npm run build:bench`), or
 *   node dist-bench/bench/memory.bench.js [--quick] [--out DIR]
 * Writes DIR/memory.json. Nothing here asserts a figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { TraceRecorder } from '../src/io/trace/recorder.js';
import { loadRunnable } from '../src/sim/load-runnable.js';
import { RunLoop } from '../src/sim/run-loop.js';
import { NODE_FLAGS } from '../src/cli/node-flags.js';
import { shape } from './e2e/shapes.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/bin.js');

/** The targets. */
const TARGETS = { bytesPerLivePod: 2048, twiceAsLongPeakRatio: 1.2 };

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface HeapPoint {
  readonly podsPerNode: number;
  readonly livePods: number;
  readonly heapBytes: number;
}

/** `text` played to `atMs` with a trace recorder into `dir`; then a full GC: heap in use and pods in the API. */
async function heapAt(text: string, dir: string, atMs: number): Promise<{ heapBytes: number; pods: number }> {
  const file = path.join(dir, 'scenario.yml');
  writeFileSync(file, text);
  const { scenario, diagnostics } = loadRunnable(file, []);
  if (!scenario) throw new Error(`the scenario does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
  const out = path.join(dir, 'out');
  mkdirSync(out, { recursive: true });
  const loop = new RunLoop({ ...scenario, durationMs: atMs });
  const recorder = new TraceRecorder({ dir: out, engine: loop.clock, sampleIntervalMs: scenario.output.sampleIntervalMs, nodeSamples: scenario.output.nodeSamples });
  let pods = 0;
  loop.observe(recorder, recorder.sampler);
  loop.observe({ podAdded: () => void pods++, podRemoved: () => void pods-- });
  await loop.run();
  gc();
  gc();
  const heapBytes = process.memoryUsage().heapUsed;
  recorder.finish(atMs, { scenario: scenario.name, seed: scenario.seed, scenarioSha256: scenario.sha256, eventsProcessed: 0 });
  return { heapBytes, pods };
}

/** `text` with `from` replaced by `to`; a shape whose wording changed is an error, not a silent no-op. */
function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the shape's scenario has no "${from}" to change`);
  return text.replace(from, to);
}

/** Least squares of y on x: slope and intercept. */
function fit(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

async function perPod(nodes: number): Promise<{ points: HeapPoint[]; bytesPerLivePod: number; baseBytes: number }> {
  const s = shape('deployment')!;
  const points: HeapPoint[] = [];
  for (const podsPerNode of [10, 20, 30]) {
    const text = replaced(s.scenario(nodes), `replicas: ${10 * nodes}`, `replicas: ${podsPerNode * nodes}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'podsim-memory-'));
    try {
      const { heapBytes, pods } = await heapAt(text, dir, 15 * 60_000);
      points.push({ podsPerNode, livePods: pods, heapBytes });
      process.stderr.write(`deployment ${nodes} nodes, ${podsPerNode} pods per node: ${pods} live pods, ${(heapBytes / 2 ** 20).toFixed(1)} MiB heap\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const { slope, intercept } = fit(points.map((p) => ({ x: p.livePods, y: p.heapBytes })));
  return { points, bytesPerLivePod: slope, baseBytes: intercept };
}

interface LengthRun {
  readonly simulatedMinutes: number;
  readonly completions: number;
  readonly pods: number;
  readonly peakRssBytes: number;
  readonly liveHeapBytes: number;
}

async function twiceAsLong(nodes: number): Promise<{ runs: LengthRun[]; peakRatio: number; liveRatio: number }> {
  const base = shape('million')!.scenario(nodes);
  const completions = 72 * nodes;
  const runs: LengthRun[] = [];
  for (const factor of [1, 2]) {
    const text = replaced(replaced(base, 'duration: 30m', `duration: ${30 * factor}m`), `completions: ${completions}`, `completions: ${completions * factor}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'podsim-memory-'));
    try {
      const file = path.join(dir, 'scenario.yml');
      writeFileSync(file, text);
      const r = spawnSync(process.execPath, [...NODE_FLAGS, BIN, 'run', file, '--out', path.join(dir, 'run')], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      if (r.status !== 0) throw new Error(`podsim run exited ${r.status ?? r.signal}: ${r.stderr}`);
      const info = JSON.parse(readFileSync(path.join(dir, 'run', 'run.json'), 'utf8'));
      const summary = JSON.parse(readFileSync(path.join(dir, 'run', 'summary.json'), 'utf8'));
      const live = await heapAt(text, dir, (30 * factor - 1) * 60_000);
      runs.push({ simulatedMinutes: 30 * factor, completions: completions * factor, pods: summary.pods.total, peakRssBytes: info.peak_memory_bytes, liveHeapBytes: live.heapBytes });
      process.stderr.write(
        `million ${nodes} nodes, ${30 * factor} min: ${summary.pods.total} pods, peak RSS ${(info.peak_memory_bytes / 2 ** 20).toFixed(0)} MiB, live heap at ${30 * factor - 1} min ${(live.heapBytes / 2 ** 20).toFixed(0)} MiB\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [a, b] = runs as [LengthRun, LengthRun];
  return { runs, peakRatio: b.peakRssBytes / a.peakRssBytes, liveRatio: b.liveHeapBytes / a.liveHeapBytes };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--out');
  const outDir = i >= 0 ? (argv[i + 1] ?? '') : path.join('results', 'bench');
  const nodes = quick ? 250 : 1000;
  const pod = await perPod(nodes);
  const length = await twiceAsLong(nodes);
  const figures = { bench: 'memory', node: process.version, nodes, targets: TARGETS, perPod: pod, twiceAsLong: length };
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'memory.json');
  writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
  const kb = (b: number) => (b / 1024).toFixed(2);
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  process.stdout.write(`figure                                              measured   target  met\n`);
  process.stdout.write(
    `heap per live pod (deployment, ${nodes} nodes, 10-30/node)   ${kb(pod.bytesPerLivePod)} KiB  < ${kb(TARGETS.bytesPerLivePod)} KiB  ${met(pod.bytesPerLivePod < TARGETS.bytesPerLivePod)}\n`,
  );
  process.stdout.write(
    `twice as long (million, ${nodes} nodes): peak RSS ratio         ${length.peakRatio.toFixed(2)}x    < ${TARGETS.twiceAsLongPeakRatio}x   ${met(length.peakRatio < TARGETS.twiceAsLongPeakRatio)}\n`,
  );
  process.stdout.write(`  (live heap after a full GC, ratio ${length.liveRatio.toFixed(2)}x; base heap ${(pod.baseBytes / 2 ** 20).toFixed(1)} MiB)\n`);
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
