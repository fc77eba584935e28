import type { Cluster, ClusterWatcher } from '../api/cluster.js';
import type { Millis } from '../model/meta.js';
import { isTerminal, podKey, type Pod, type PodPhase } from '../model/pod.js';
import type { Scenario } from '../model/scenario.js';

/**
 * How long a run without spec.duration may go with nothing changing before it
 * is stopped: long past every back-off (the longest, a Job's, caps at 10
 * minutes), so what is still happening is retrying the same thing.
 */
export const STALL_MS = 24 * 3600_000;

/**
 * Engine events between two looks at whether a run without a horizon has
 * stalled. A count, never a wall time: a stalled run ends at the same event
 * whatever the machine.
 */
export const STALL_CHECK_EVENTS = 2_000;

/**
 * When the cluster last changed: a pod created, bound, changing phase, deleted
 * or removed, a node or a workload's spec. What a retry loop does (a
 * FailedScheduling, a back-off, a status rewrite with the same phase) is not a change.
 */
export class Progress implements ClusterWatcher {
  private last: Millis = 0;

  constructor(private readonly cluster: Cluster) {}

  get lastChangeMs(): Millis {
    return this.last;
  }

  podAdded(): void {
    this.mark();
  }

  podBound(): void {
    this.mark();
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase): void {
    if (pod.status.phase !== oldPhase) this.mark();
  }

  podDeleting(): void {
    this.mark();
  }

  podRemoved(): void {
    this.mark();
  }

  nodeAdded(): void {
    this.mark();
  }

  nodeUpdated(): void {
    this.mark();
  }

  nodeRemoved(): void {
    this.mark();
  }

  workloadAdded(): void {
    this.mark();
  }

  workloadUpdated(): void {
    this.mark();
  }

  workloadRemoved(): void {
    this.mark();
  }

  /** Why the run is stuck: the pods never scheduled, or the ones not finished (at most 3 named). */
  stuck(): string {
    const live = [...this.cluster.pods()].filter((p) => !isTerminal(p.status.phase));
    const pending = live.filter((p) => p.spec.nodeName === undefined);
    const [what, pods] = pending.length > 0 ? ['never scheduled', pending] : ['not finished', live];
    if (pods.length === 0) return 'only retries left';
    const named = pods.slice(0, 3).map(podKey).join(', ') + (pods.length > 3 ? `, and ${pods.length - 3} more` : '');
    return `${pods.length} pod(s) ${what}: ${named}`;
  }

  private mark(): void {
    this.last = this.cluster.now;
  }
}

/**
 * When the scenario's own timeline ends: its last timed event (and heal), its
 * last arrival; Infinity when arrivals have no until. A loop, not a spread
 * into Math.max: a scenario may hold more events than a call takes arguments.
 */
export function scriptEndMs(scenario: Scenario): number {
  let end = 0;
  for (const e of scenario.events) end = Math.max(end, e.at + (e.forMs ?? 0));
  for (const a of scenario.arrivals) end = Math.max(end, a.untilMs ?? Infinity);
  return end;
}

/**
 * A reason to stop a run without a horizon once nothing has changed for
 * STALL_MS after the scenario's timeline is over at `scriptEnd` (scriptEndMs:
 * an event later on, such as addNodes, could still unblock it); undefined
 * while it has not stalled.
 */
export function stalledReason(now: Millis, progress: Progress, scriptEnd: Millis): string | undefined {
  const since = Math.max(progress.lastChangeMs, scriptEnd);
  if (now - since <= STALL_MS) return undefined;
  return `stalled at t=${(now / 1000).toFixed(3)}s: nothing has changed since t=${(progress.lastChangeMs / 1000).toFixed(3)}s but retries (${progress.stuck()})`;
}
