import { writeFileSync } from 'node:fs';
import type { Millis } from '../../model/meta.js';
import { PHASES, type PodPhase } from '../../model/pod.js';
import { writing } from './errors.js';
import { msToSeconds, round3 } from './format.js';
import { LatencySamples, latencySummary, type LatencySummary } from './percentiles.js';
import type { PodEnding, PodOutcome } from './pod-record.js';

export type { LatencySummary } from './percentiles.js';

export interface JobsSummary {
  readonly completed: number;
  readonly failed: number;
  /** Job start to completion (successful Jobs). */
  readonly completion_time_s: LatencySummary;
}

export interface WorkloadSummary {
  readonly kind: string;
  readonly desired: number;
  readonly min_available: number;
  readonly time_below_desired_s: number;
}

/** summary.json. Keys are written in this order. */
export interface Summary {
  readonly scenario: string;
  readonly seed: number;
  /** The simulated time the run ended at. */
  readonly duration_s: number;
  readonly scenario_sha256: string;
  /** Every pod that ever existed, by its final phase. */
  readonly pods: { readonly total: number } & Readonly<Record<PodPhase, number>>;
  /** created -> bound, over every pod that got bound (by the scheduler or created bound). */
  readonly scheduling_latency_s: LatencySummary;
  /** created -> first Running, over every pod that got there. */
  readonly startup_latency_s: LatencySummary;
  /** Container restarts, summed over all pods at their end. */
  readonly restarts: number;
  /** Pods evicted: status.reason Evicted, or a DisruptionTarget condition from the taint manager, the Eviction API or the kubelet. */
  readonly evictions: number;
  /** Evicted pods whose controller created a pod after the eviction (one replacement counted per evicted pod). */
  readonly replacements: number;
  /** Preempted events. */
  readonly preemptions: number;
  /** Pods that had a FailedScheduling and were never bound. */
  readonly unschedulable_pods: number;
  readonly jobs: JobsSummary;
  /** Keyed by workload name (`namespace/name` when names repeat), keys sorted. */
  readonly workloads: Readonly<Record<string, WorkloadSummary>>;
  readonly nodes: {
    /** Node objects that ever existed. */
    readonly total: number;
    /** Node objects that ever went from Ready=True to False or Unknown. */
    readonly lost: number;
    /** Each time a node left Ready=True, and when it came back (null: not by the end). */
    readonly outages: readonly NodeOutage[];
    /** Time-weighted mean over the run of sum(requested)/sum(allocatable) over present nodes. */
    readonly cpu_requested_mean: number;
    readonly memory_requested_mean: number;
    /** Node-seconds: each Node object from its creation to its removal or the run's end (the cost of a cluster). */
    readonly node_seconds: number;
  };
  readonly events_processed: number;
}

/** What the recorder cannot know: given to `finish` by the caller. Controllers fill `jobs`, `workloads`. */
export interface RunFacts {
  readonly scenario: string;
  readonly seed: number;
  readonly scenarioSha256: string;
  readonly eventsProcessed: number;
  readonly jobs?: JobsSummary;
  readonly workloads?: Readonly<Record<string, WorkloadSummary>>;
}

export const NO_JOBS: JobsSummary = { completed: 0, failed: 0, completion_time_s: latencySummary([]) };

/** The pod figures of the summary, accumulated as the run goes (O(1) per pod but the latency samples). */
export class PodTotals {
  readonly byPhase = new Map<PodPhase, number>(PHASES.map((p) => [p, 0]));
  total = 0;
  restarts = 0;
  evictions = 0;
  replacements = 0;
  preemptions = 0;
  unschedulable = 0;
  /** Pods by how they ended (the printed summary: deleted pods apart from workload failures). */
  readonly endings = new Map<PodEnding, number>();
  /** Pods that had at least one FailedScheduling, bound later or not. */
  failedScheduling = 0;
  readonly scheduling = new LatencySamples();
  readonly startup = new LatencySamples();

  /** Counts a pod at its end (once). */
  count(o: PodOutcome): void {
    this.total++;
    this.byPhase.set(o.phase, (this.byPhase.get(o.phase) ?? 0) + 1);
    this.restarts += o.restarts;
    if (o.evicted) this.evictions++;
    if (o.unschedulable) this.unschedulable++;
    if (o.failedScheduling) this.failedScheduling++;
    const ending = o.ending ?? o.phase;
    this.endings.set(ending, (this.endings.get(ending) ?? 0) + 1);
  }
}

export interface NodeOutage {
  readonly node: string;
  readonly lost_s: number;
  readonly recovered_s: number | null;
}

export interface NodeFigures {
  readonly outages: readonly NodeOutage[];
  readonly total: number;
  readonly lost: number;
  readonly cpuMean: number;
  readonly memoryMean: number;
  readonly nodeMs: number;
}

export function buildSummary(facts: RunFacts, endMs: Millis, pods: PodTotals, nodes: NodeFigures): Summary {
  const phase = (p: PodPhase): number => pods.byPhase.get(p) ?? 0;
  return {
    scenario: facts.scenario,
    seed: facts.seed,
    duration_s: msToSeconds(endMs),
    scenario_sha256: facts.scenarioSha256,
    pods: {
      total: pods.total,
      Pending: phase('Pending'),
      Running: phase('Running'),
      Succeeded: phase('Succeeded'),
      Failed: phase('Failed'),
      Unknown: phase('Unknown'),
    },
    scheduling_latency_s: pods.scheduling.summary(),
    startup_latency_s: pods.startup.summary(),
    restarts: pods.restarts,
    evictions: pods.evictions,
    replacements: pods.replacements,
    preemptions: pods.preemptions,
    unschedulable_pods: pods.unschedulable,
    jobs: facts.jobs ?? NO_JOBS,
    workloads: sortedKeys(facts.workloads ?? {}),
    nodes: {
      total: nodes.total,
      lost: nodes.lost,
      outages: nodes.outages,
      cpu_requested_mean: round3(nodes.cpuMean),
      memory_requested_mean: round3(nodes.memoryMean),
      node_seconds: msToSeconds(nodes.nodeMs),
    },
    events_processed: facts.eventsProcessed,
  };
}

/** Deterministic text: 2-space indent, final newline. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

export function writeSummary(path: string, summary: Summary): void {
  writing(path, () => writeFileSync(path, summaryJson(summary)));
}

function sortedKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(record).sort()) out[k] = record[k] as T;
  return out;
}
