import { performance } from 'node:perf_hooks';
import { Cluster } from '../../src/api/cluster.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { defaultProfile, type Profile } from '../../src/scheduler/profile.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { ReferenceScheduler } from '../reference/scheduler.js';
import { makeNodes, makePods, type Workload } from './workloads.js';

/** One timed run: pods bound per second of wall time while the measured pods were scheduled. */
export interface Measurement {
  readonly attempted: number;
  readonly scheduled: number;
  readonly seconds: number;
  readonly podsPerSecond: number;
}

export interface PodsimRun extends Measurement {
  /** Where the init pods went, by index (undefined: left pending), to seed the reference with the same state. */
  readonly initPlacement: readonly (string | undefined)[];
}

/** Called just before the timed part of a run starts and just after it ends (instructions/window.mjs counts between them). */
export interface MeasuredWindow {
  opening(): void;
  closed(): void;
}

const NO_WINDOW: MeasuredWindow = { opening: () => {}, closed: () => {} };

/** Simulated time allowed for the measured pods (retries of unschedulable pods included). */
const HORIZON_MS = 60_000;

/**
 * The real Scheduler on a Cluster and Engine, no kubelet: nodes added, the
 * init pods created and scheduled (untimed), then the measured pods created
 * at one instant and the engine run (timed) until they are all handled.
 * `percentage` 0 is adaptive.
 */
export function measurePodsim(w: Workload, percentage: number, window: MeasuredWindow = NO_WINDOW): PodsimRun {
  const engine = new Engine();
  const cluster = new Cluster(engine);
  const profile: Profile = { ...defaultProfile(), percentageOfNodesToScore: percentage };
  for (const node of makeNodes(w)) cluster.addNode(node);
  const scheduler = new Scheduler({ cluster, engine, streams: new RandomStreams(1), profiles: [profile] });
  cluster.watch(scheduler);
  const init = makePods(w.initTemplate, w.initNamespace, 'init', w.initPods);
  for (const pod of init) cluster.createPod(pod);
  engine.run(engine.now + HORIZON_MS);
  const measured = makePods(w.measureTemplate, w.measureNamespace, 'measure', w.measurePods);
  window.opening();
  const start = performance.now();
  for (const pod of measured) cluster.createPod(pod);
  engine.run(engine.now + HORIZON_MS);
  const seconds = (performance.now() - start) / 1000;
  window.closed();
  const scheduled = measured.filter((p) => p.spec.nodeName !== undefined).length;
  return {
    attempted: measured.length,
    scheduled,
    seconds,
    podsPerSecond: scheduled / seconds,
    initPlacement: init.map((p) => p.spec.nodeName),
  };
}

export interface ReferenceBudget {
  /** Schedule at most this many of the measured pods. */
  readonly maxPods: number;
  /** Stop after this much wall time. */
  readonly maxSeconds: number;
}

/**
 * The reference scheduler (bench/reference) on the same nodes, with the init
 * pods where podsim put them, scheduling the first measured pods until the
 * budget runs out. Its rate is for the first pods only (the cluster is
 * emptiest then), which flatters it slightly.
 */
export function measureReference(
  w: Workload,
  percentage: number,
  initPlacement: readonly (string | undefined)[],
  budget: ReferenceBudget,
): Measurement {
  const nodes = makeNodes(w);
  const init = makePods(w.initTemplate, w.initNamespace, 'init', w.initPods).filter((pod, i) => {
    const node = initPlacement[i];
    if (node !== undefined) pod.spec.nodeName = node;
    return node !== undefined;
  });
  const scheduler = new ReferenceScheduler(nodes, { percentageOfNodesToScore: percentage, pods: init });
  const measured = makePods(w.measureTemplate, w.measureNamespace, 'measure', Math.min(w.measurePods, budget.maxPods));
  const start = performance.now();
  let attempted = 0;
  let scheduled = 0;
  for (const pod of measured) {
    attempted++;
    if (scheduler.schedule(pod) !== undefined) scheduled++;
    if (performance.now() - start > budget.maxSeconds * 1000) break;
  }
  const seconds = (performance.now() - start) / 1000;
  return { attempted, scheduled, seconds, podsPerSecond: scheduled / seconds };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
