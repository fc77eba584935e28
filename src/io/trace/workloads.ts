import type { Millis } from '../../model/meta.js';
import { entryOf } from '../../kinds/table.js';
import type { Job, Workload } from '../../model/workloads.js';
import { msToSeconds } from './format.js';
import { latencySummary } from './percentiles.js';
import type { JobsSummary, WorkloadSummary } from './summary.js';

/** One Job at the end of the run, for the printed summary. */
export interface JobRow {
  readonly namespace: string;
  readonly name: string;
  readonly completions: string;
  readonly succeeded: number;
  readonly failed: number;
  /** Start to completion, or to the end of the run; null when it never started. */
  readonly durationS: number | null;
  /** kubectl's STATUS: the first True of Complete, Failed, Suspended, FailureTarget, else `Running`. */
  readonly status: string;
  readonly reason: string;
}

/**
 * Which True condition names a Job's STATUS, first match wins, else
 * `Running`: kubectl's order (pkg/printers/internalversion/printers.go,
 * printJob; its `Terminating` needs a deletionTimestamp podsim's Jobs never get).
 */
const JOB_STATUS_ORDER = ['Complete', 'Failed', 'Suspended', 'FailureTarget'] as const;

/** One long-running workload's availability over the run. */
interface Availability {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  desired: number;
  available: number;
  /** Once available first reached desired: the shortfall clock runs from then on. */
  settled: boolean;
  minAvailable: number;
  belowSince?: Millis;
  belowMs: Millis;
}

/**
 * Summarises workloads from their status as controllers write it:
 * `workloads.<name>` for the long-running workloads without an owner (the
 * kinds with `availability` in kinds/table.ts; a Deployment's ReplicaSets are
 * part of it), and `jobs`.
 *
 * Contract: a workload counts as below desired while its available pods
 * (status.availableReplicas, numberAvailable) are fewer than it wants
 * (spec.replicas, desiredNumberScheduled) — counted only after it first had
 * them all, so the initial rollout is not a shortfall; one that never got
 * there counts its whole life. `min_available` is the least it had after
 * settling (or ever, if it never settled).
 */
export class WorkloadTracker {
  private readonly tracked = new Map<string, Availability>();
  private readonly jobs = new Map<string, Job>();

  observe(w: Workload, now: Millis): void {
    if (w.kind === 'Job') {
      this.jobs.set(`${w.metadata.namespace}/${w.metadata.name}`, w);
      return;
    }
    if (w.metadata.ownerReferences.some((r) => r.controller)) return;
    const availability = entryOf(w).availability;
    if (availability === undefined) return;
    const [desired, available] = availability.counts(w);
    const key = `${w.kind}/${w.metadata.namespace}/${w.metadata.name}`;
    let a = this.tracked.get(key);
    if (!a) {
      a = { kind: w.kind, namespace: w.metadata.namespace, name: w.metadata.name, desired: 0, available: 0, settled: false, minAvailable: 0, belowMs: 0 };
      this.tracked.set(key, a);
      a.belowSince = now;
    }
    this.update(a, desired, available, availability.desiredFromStatus, now);
  }

  /** A removed workload stops accruing. */
  removed(w: Workload, now: Millis): void {
    const a = this.tracked.get(`${w.kind}/${w.metadata.namespace}/${w.metadata.name}`);
    if (a) this.close(a, now);
  }

  workloads(endMs: Millis): Record<string, WorkloadSummary> {
    const names = new Map<string, number>();
    for (const a of this.tracked.values()) names.set(a.name, (names.get(a.name) ?? 0) + 1);
    const out: Record<string, WorkloadSummary> = {};
    for (const a of this.tracked.values()) {
      const below = a.belowMs + (a.belowSince !== undefined ? endMs - a.belowSince : 0);
      const key = (names.get(a.name) ?? 0) > 1 ? `${a.namespace}/${a.name}` : a.name;
      out[key] = { kind: a.kind, desired: a.desired, min_available: a.minAvailable, time_below_desired_s: msToSeconds(below) };
    }
    return out;
  }

  jobsSummary(): JobsSummary {
    let completed = 0;
    let failed = 0;
    const durations: Millis[] = [];
    for (const job of this.jobs.values()) {
      const done = job.status.conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
      if (done?.type === 'Complete') {
        completed++;
        if (job.status.startTime !== undefined && job.status.completionTime !== undefined) {
          durations.push(job.status.completionTime - job.status.startTime);
        }
      } else if (done?.type === 'Failed') failed++;
    }
    return { completed, failed, completion_time_s: latencySummary(durations) };
  }

  /**
   * Every Job as `kubectl get jobs` shows it (printers.go, printJob):
   * COMPLETIONS `succeeded/completions` (`succeeded/1 of parallelism` for a
   * work queue run in parallel), the status from its conditions, DURATION
   * start to completion (to its Failed condition for a failed Job, to
   * `endMs` while it runs); in creation order.
   */
  jobRows(endMs: Millis): JobRow[] {
    return [...this.jobs.values()].map((job) => {
      const { spec, status } = job;
      const completions =
        spec.completions !== undefined
          ? `${status.succeeded}/${spec.completions}`
          : spec.parallelism > 1
            ? `${status.succeeded}/1 of ${spec.parallelism}`
            : `${status.succeeded}/1`;
      const condition = JOB_STATUS_ORDER.map((t) => status.conditions.find((c) => c.type === t && c.status === 'True')).find((c) => c !== undefined);
      // kubectl counts a Job without completionTime (a failed one) up to now; the summary stops it when it failed.
      const end = status.completionTime ?? (condition?.type === 'Failed' ? condition.lastTransitionTime : endMs);
      return {
        namespace: job.metadata.namespace,
        name: job.metadata.name,
        completions,
        succeeded: status.succeeded,
        failed: status.failed,
        durationS: status.startTime === undefined ? null : msToSeconds(end - status.startTime),
        status: condition?.type ?? 'Running',
        reason: condition?.reason ?? '',
      };
    });
  }


  /** `desiredFromStatus`: desired is 0 until the controller first syncs (a DaemonSet); otherwise 0 desired (scaled to 0) is had. */
  private update(a: Availability, desired: number, available: number, desiredFromStatus: boolean, now: Millis): void {
    a.desired = desired;
    a.available = available;
    if (!a.settled && available >= desired && (desired > 0 || !desiredFromStatus)) {
      a.settled = true;
      a.belowMs = 0;
      a.belowSince = undefined;
      a.minAvailable = available;
      return;
    }
    if (!a.settled) return; // minAvailable stays 0: it started with none
    a.minAvailable = Math.min(a.minAvailable, available);
    if (available < desired && a.belowSince === undefined) a.belowSince = now;
    if (available >= desired) this.close(a, now);
  }

  private close(a: Availability, now: Millis): void {
    if (a.belowSince === undefined) return;
    a.belowMs += now - a.belowSince;
    a.belowSince = undefined;
  }
}
