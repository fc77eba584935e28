/**
 * The fixed cost of scheduling a pod: everything but the per-node filter and
 * score work. One node with room for every pod, N pods created at one
 * instant, the real Scheduler on a Cluster + Engine (no kubelet) run until
 * all are bound: microseconds per pod, wall and CPU, the median of several
 * runs in one process, after unmeasured ones (--warmup, defaults.ts). The scheduler suite's
 * pods/s is roughly 1e6 / (this + the node work per pod).
 *
 * Run: `podsim bench --suite pod-overhead` (after `npm run build:bench`), or
 *   node dist-bench/bench/pod-overhead.bench.js [--quick] [--reps N] [--warmup N] [--out DIR]
 * Writes DIR/pod-overhead.json. Nothing here asserts a time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Cluster } from '../src/api/cluster.js';
import { Engine } from '../src/engine/engine.js';
import { RandomStreams } from '../src/engine/random.js';
import { defaultProfile } from '../src/scheduler/profile.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { DEFAULT_WARMUP } from './defaults.js';
import { median } from './scheduler/measure.js';
import { makeNodes, makePods, WORKLOADS } from './scheduler/workloads.js';

export interface OverheadRun {
  readonly pods: number;
  readonly wallMicrosPerPod: number;
  readonly cpuMicrosPerPod: number;
}

/** One run: `pods` default pods onto one node that fits them all. */
export function measureOverhead(pods: number): OverheadRun {
  const basic = WORKLOADS.find((w) => w.name === 'SchedulingBasic');
  if (basic === undefined) throw new Error('no SchedulingBasic workload');
  const engine = new Engine();
  const cluster = new Cluster(engine);
  for (const node of makeNodes({ ...basic, nodes: 1 })) {
    const allocatable = { cpu: 1000 * pods, memory: 1024 ** 3 * pods, pods: 2 * pods };
    cluster.addNode({ ...node, allocatable, capacity: allocatable });
  }
  const scheduler = new Scheduler({ cluster, engine, streams: new RandomStreams(1), profiles: [defaultProfile()] });
  cluster.watch(scheduler);
  const measured = makePods('default', 'default', 'overhead', pods);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const pod of measured) cluster.createPod(pod);
  engine.run(engine.now + 60_000);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const bound = measured.filter((p) => p.spec.nodeName !== undefined).length;
  if (bound !== pods) throw new Error(`only ${bound} of ${pods} pods were bound`);
  return { pods, wallMicrosPerPod: (wall * 1000) / pods, cpuMicrosPerPod: (used.user + used.system) / pods };
}

function main(): void {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const reps = Number(arg('--reps') ?? (quick ? 2 : 7));
  const pods = quick ? 2000 : 20_000;
  const out = arg('--out') ?? path.join('results', 'bench');
  const warmup = Number(arg('--warmup') ?? (quick ? 0 : DEFAULT_WARMUP));
  for (let i = 0; i < warmup; i++) measureOverhead(pods);
  const runs = Array.from({ length: reps }, () => measureOverhead(pods));
  const wall = median(runs.map((r) => r.wallMicrosPerPod));
  const cpu = median(runs.map((r) => r.cpuMicrosPerPod));
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'pod-overhead.json');
  writeFileSync(file, JSON.stringify({ bench: 'pod-overhead', node: process.version, pods, reps, warmup, wallMicrosPerPod: wall, cpuMicrosPerPod: cpu, runs }, null, 2) + '\n');
  process.stdout.write(`pods  reps  wall us/pod (median)  cpu us/pod (median)\n`);
  process.stdout.write(`${pods}  ${reps}  ${wall.toFixed(1)}  ${cpu.toFixed(1)}\n`);
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
