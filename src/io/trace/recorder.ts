import { join } from 'node:path';
import { controllerUid, type Cluster, type ClusterWatcher } from '../../api/cluster.js';
import type { KubeEvent } from '../../api/event.js';
import type { Millis } from '../../model/meta.js';
import type { Node } from '../../model/node.js';
import { isTerminal, type Pod, type PodPhase } from '../../model/pod.js';
import { sharedPodRequests } from '../../model/requests.js';
import { CPU, MEMORY } from '../../model/resources.js';
import { LiveRecords } from './live-records.js';
import { NotableEvents, type FoldedEvent } from './notable-events.js';
import { NodeSamples } from './node-samples.js';
import { NodeUsage } from './node-usage.js';
import { isEvicted, newRecord, type PodRecord } from './pod-record.js';
import { PodsCsv } from './pods-csv.js';
import { buildSummary, PodTotals, writeSummary, type RunFacts, type Summary } from './summary.js';
import { TraceRows } from './trace-rows.js';
import { WorkloadSeries } from './workload-series.js';
import { WorkloadTracker, type JobRow } from './workloads.js';
import type { NodeSampleMode } from '../../model/scenario.js';
import type { Workload } from '../../model/workloads.js';

export interface TraceRecorderOptions {
  /** The folder to write into (the OutputDir's temp folder); it must exist. */
  readonly dir: string;
  /** The simulation clock (the Engine). */
  readonly engine: { readonly now: Millis };
  /** nodes.csv sampling period, a whole number of ms > 0. */
  readonly sampleIntervalMs: Millis;
  /** Which nodes.csv rows each sample gets (NodeSamples); default `changes`. */
  readonly nodeSamples?: NodeSampleMode;
  /**
   * The cluster being recorded. Optional: the recorder hears everything it
   * needs as a watcher; when given, it must still be empty (a recorder
   * attached late would write an incomplete trace).
   */
  readonly cluster?: Cluster;
}

/** What the printed summary (print-summary.ts) shows beyond summary.json. */
export interface PrintFacts {
  /** Pods by how they ended: deleted ones (Evicted, Preempted, Deleted) apart from their phase. */
  readonly endings: ReadonlyMap<string, number>;
  /** Pods that had a FailedScheduling event, bound later or never. */
  readonly failedSchedulingPods: number;
  readonly jobs: readonly JobRow[];
  /** The events to show, most needed first (notable-events.ts). */
  readonly events: readonly FoldedEvent[];
}

/** How many Warning events `lastWarnings` keeps. */
export const LAST_WARNINGS = 5;

/**
 * The trace writer: a ClusterWatcher that streams transitions.csv, events.csv,
 * nodes.csv, pods.csv and workloads.csv as the run goes and accumulates the summary. Register
 * it before the run starts; call `finish(endMs, facts)` once after it, with the
 * time the run ended (its horizon, or the last event's time when the queue ran
 * dry, or the interruption time).
 *
 * It schedules nothing on the engine: nodes.csv samples are taken by the run
 * loop between events (`sampler`), or when the next change arrives, and the
 * last ones, up to and including `endMs`, by `finish` (see NodeSamples). So
 * the recorder never keeps a run alive and never changes `eventsProcessed`.
 *
 * Memory: one record per pod in the API (plus finished rows waiting behind an
 * older live pod), per-node sums, one latency number per pod; never the trace
 * itself. Write failures throw OutputError, from whichever callback hit them.
 */
export class TraceRecorder implements ClusterWatcher {
  private readonly clock: { readonly now: Millis };
  private readonly rows: TraceRows;
  private readonly usage = new NodeUsage();
  private readonly samples: NodeSamples;
  private readonly totals = new PodTotals();
  private readonly podsCsv: PodsCsv;
  private readonly series: WorkloadSeries;
  /** Records of pods in the API, by namespace and name. */
  private readonly live = new LiveRecords();
  private readonly warnings: KubeEvent[] = [];
  private readonly workloads = new WorkloadTracker();
  private readonly notable = new NotableEvents();
  private endMs: Millis | undefined;
  /** Evictions not yet followed by a new pod of the same controller, by controller uid. */
  private readonly awaitingReplacement = new Map<string, number>();
  private finished = false;

  constructor(private readonly options: TraceRecorderOptions) {
    const { dir, cluster } = options;
    if (cluster !== undefined && (cluster.podCount > 0 || cluster.nodeCount > 0)) {
      throw new Error('TraceRecorder: attach it before the cluster has objects');
    }
    this.clock = options.engine;
    const opened: { discard(): void }[] = [];
    const open = <T extends { discard(): void }>(make: () => T): T => {
      try {
        const file = make();
        opened.push(file);
        return file;
      } catch (e) {
        for (const f of opened) f.discard();
        throw e;
      }
    };
    this.samples = open(() => new NodeSamples(join(dir, 'nodes.csv'), options.sampleIntervalMs, this.usage, options.nodeSamples));
    this.rows = open(() => new TraceRows(join(dir, 'transitions.csv'), join(dir, 'events.csv')));
    this.podsCsv = open(() => new PodsCsv(join(dir, 'pods.csv'), (o) => this.totals.count(o)));
    this.series = open(() => new WorkloadSeries(join(dir, 'workloads.csv')));
  }

  /** nodes.csv's samples, for the run loop to take between events (its Ticker). */
  get sampler(): NodeSamples {
    return this.samples;
  }

  /** The last Warning events heard (up to LAST_WARNINGS), oldest first. */
  get lastWarnings(): readonly KubeEvent[] {
    return this.warnings;
  }

  /** What the printed summary shows beside summary.json (after `finish`). */
  get printFacts(): PrintFacts {
    return {
      endings: this.totals.endings,
      failedSchedulingPods: this.totals.failedScheduling,
      jobs: this.workloads.jobRows(this.endMs ?? this.clock.now),
      events: this.notable.shown(),
    };
  }

  podAdded(pod: Pod): void {
    const now = this.tick();
    const owner = controllerUid(pod);
    const waiting = owner === undefined ? 0 : (this.awaitingReplacement.get(owner) ?? 0);
    if (waiting > 0) {
      this.awaitingReplacement.set(owner!, waiting - 1);
      this.totals.replacements++;
    }
    const record = newRecord(pod);
    this.live.set(pod, record);
    this.podsCsv.add(record);
    this.rows.transition(now, pod, undefined, pod.status.phase, '');
  }

  podBound(pod: Pod, node: Node): void {
    const now = this.tick();
    const r = this.record(pod);
    if (!r) return;
    r.scheduled = now;
    this.totals.scheduling.add(now - r.created);
    if (isTerminal(pod.status.phase)) return;
    const requests = sharedPodRequests(pod.spec);
    r.charged = this.usage.charge(node.name, requests[CPU] ?? 0, requests[MEMORY] ?? 0);
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase, reason: string): void {
    const now = this.tick();
    const phase = pod.status.phase;
    if (phase === oldPhase) return;
    this.rows.transition(now, pod, oldPhase, phase, reason);
    const r = this.record(pod);
    if (!r) return;
    r.phaseReason = reason;
    if (phase === 'Running' && r.running === undefined) {
      r.running = now;
      this.totals.startup.add(now - r.created);
    }
    if (isTerminal(phase) && r.finished === undefined) {
      r.finished = now;
      this.release(r);
    }
  }

  podDeleting(pod: Pod): void {
    const now = this.tick();
    const owner = controllerUid(pod);
    if (owner !== undefined && isEvicted(pod)) this.awaitingReplacement.set(owner, (this.awaitingReplacement.get(owner) ?? 0) + 1);
    const r = this.record(pod);
    if (r && r.deleted === undefined) r.deleted = pod.metadata.deletionTimestamp ?? now;
  }

  podRemoved(pod: Pod): void {
    const now = this.tick();
    const r = this.record(pod);
    if (!r) return;
    if (r.deleted === undefined) r.deleted = pod.metadata.deletionTimestamp ?? now;
    this.release(r);
    this.live.delete(pod);
    this.podsCsv.close(r, pod);
  }

  nodeAdded(node: Node): void {
    this.tick();
    this.usage.addNode(node);
  }

  nodeUpdated(node: Node): void {
    this.usage.updateNode(node, this.tick());
  }

  nodeRemoved(node: Node): void {
    this.tick();
    this.usage.removeNode(node);
  }

  workloadAdded(w: Workload): void {
    const now = this.tick();
    this.workloads.observe(w, now);
    this.series.observe(w, now);
  }

  workloadUpdated(w: Workload): void {
    const now = this.tick();
    this.workloads.observe(w, now);
    this.series.observe(w, now);
  }

  workloadStatusUpdated(w: Workload): void {
    const now = this.tick();
    this.workloads.observe(w, now);
    this.series.observe(w, now);
  }

  workloadRemoved(w: Workload): void {
    this.workloads.removed(w, this.tick());
  }

  eventRecorded(event: KubeEvent): void {
    this.tick();
    this.rows.event(event);
    this.notable.add(event);
    if (event.type === 'Warning') {
      this.warnings.push(event);
      if (this.warnings.length > LAST_WARNINGS) this.warnings.shift();
    }
    if (event.kind !== 'Pod') return;
    if (event.reason === 'Preempted') this.totals.preemptions++;
    const r = this.live.get(event.namespace, event.name);
    if (!r) return;
    if (event.reason === 'FailedScheduling') r.failedScheduling++;
    else if (event.reason === 'Scheduled') r.scheduledEvents++;
  }

  /**
   * Ends the trace at `endMs` (the time the run ended): writes the samples
   * due (the last at `endMs`), the rows of pods still in the API, and
   * summary.json; closes every file. Call once. On failure every file is
   * closed and the error (OutputError) rethrown: abort the OutputDir.
   */
  finish(endMs: Millis, facts: RunFacts): Summary {
    if (this.finished) throw new Error('TraceRecorder.finish: called twice');
    this.finished = true;
    this.endMs = endMs;
    try {
      this.usage.advance(endMs);
      this.samples.finish(endMs);
      this.podsCsv.finish();
      this.rows.close();
      this.series.close();
      const means = this.usage.means(endMs);
      const withWorkloads: RunFacts = {
        ...facts,
        jobs: facts.jobs ?? this.workloads.jobsSummary(),
        workloads: facts.workloads ?? this.workloads.workloads(endMs),
      };
      const summary = buildSummary(withWorkloads, endMs, this.totals, {
        total: this.usage.total,
        lost: this.usage.lost,
        outages: this.usage.outages(),
        cpuMean: means.cpu,
        memoryMean: means.memory,
        nodeMs: this.usage.nodeMs,
      });
      writeSummary(join(this.options.dir, 'summary.json'), summary);
      return summary;
    } catch (e) {
      this.discard();
      throw e;
    }
  }

  /** Closes every file without finishing (the run failed; the folder will be removed). */
  discard(): void {
    this.finished = true;
    this.samples.discard();
    this.podsCsv.discard();
    this.rows.discard();
    this.series.discard();
  }

  /** The current time, after writing the node samples due before it and integrating usage up to it. */
  private tick(): Millis {
    const now = this.clock.now;
    this.samples.catchUp(now);
    this.usage.advance(now);
    return now;
  }

  private record(pod: Pod): PodRecord | undefined {
    const r = this.live.get(pod.metadata.namespace, pod.metadata.name);
    return r !== undefined && r.pod === pod ? r : undefined;
  }

  /** Releases the pod's requests from its node (those charged at its binding: its spec has not changed since). */
  private release(r: PodRecord): void {
    if (r.charged === undefined || r.pod === undefined) return;
    const requests = sharedPodRequests(r.pod.spec);
    this.usage.release(r.charged, requests[CPU] ?? 0, requests[MEMORY] ?? 0);
    r.charged = undefined;
  }
}
