import type { Cluster, ClusterWatcher } from '../api/cluster.js';
import type { Millis } from '../model/meta.js';
import { isTerminal, podKey, type Pod, type PodPhase } from '../model/pod.js';

/**
 * How long a run without spec.duration may go with nothing changing before it
 * is stopped: long past every back-off (the longest, a Job's, caps at 10
 * minutes), so what is still happening is retrying the same thing.
 */
export const STALL_MS = 24 * 3600_000;

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
