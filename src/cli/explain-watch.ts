import type { ClusterWatcher } from '../api/cluster.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import type { Pod, PodPhase } from '../model/pod.js';
import type { AttemptReport, AttemptWatch } from '../scheduler/attempt-watch.js';

/** One scheduling attempt of the explained pod, as the Scheduler reported it. */
export type Attempt = Omit<AttemptReport, 'pod'>;

export interface PhaseChange {
  readonly timeMs: Millis;
  readonly what: string;
}

/**
 * What `podsim explain` learns about one pod: its scheduling attempts, from
 * the Scheduler's own hook (AttemptWatch: the cache, profile and nominations
 * the attempt used), and its phase history and the other pods of its
 * namespace, as a ClusterWatcher. Give it to the RunLoop both ways (options
 * `attempts`, and `observe`) before the run.
 */
export class ExplainWatch implements AttemptWatch, ClusterWatcher {
  readonly attempts: Attempt[] = [];
  readonly phases: PhaseChange[] = [];
  /** Set once a pod of that name existed. */
  seen = false;
  /** The pods of the namespace in the API now, in creation order (for a hint when the pod never existed). */
  private readonly inNamespace = new Set<string>();

  constructor(
    private readonly namespace: string,
    private readonly name: string,
    /** The simulated time now (the run loop's clock). */
    private readonly now: () => Millis,
  ) {}

  /** The pods of the namespace in the API now, in creation order. */
  get namespacePods(): readonly string[] {
    return [...this.inNamespace];
  }

  private isTarget(pod: Pod): boolean {
    return pod.metadata.namespace === this.namespace && pod.metadata.name === this.name;
  }

  private phase(what: string): void {
    this.phases.push({ timeMs: this.now(), what });
  }

  // ---- AttemptWatch ----

  watches(pod: Pod): boolean {
    return this.isTarget(pod);
  }

  attempt(report: AttemptReport): void {
    const { pod: _pod, ...attempt } = report;
    this.attempts.push(attempt);
  }

  // ---- ClusterWatcher ----

  podAdded(pod: Pod): void {
    if (pod.metadata.namespace === this.namespace) {
      this.inNamespace.delete(pod.metadata.name);
      this.inNamespace.add(pod.metadata.name);
    }
    if (!this.isTarget(pod)) return;
    this.seen = true;
    const gates = pod.spec.schedulingGates;
    const gated = gates !== undefined && gates.length > 0 ? `, SchedulingGated: ${gates.join(', ')}` : '';
    this.phase(`created (${pod.status.phase}${gated})`);
  }

  podUpdated(pod: Pod): void {
    if (!this.isTarget(pod)) return;
    const left = pod.spec.schedulingGates;
    this.phase(left === undefined ? 'scheduling gates removed: enters the scheduling queue' : `scheduling gates left: ${left.join(', ')}`);
  }

  podBound(pod: Pod, node: Node): void {
    if (this.isTarget(pod)) this.phase(`bound to ${node.name}`);
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase, reason: string): void {
    if (this.isTarget(pod) && oldPhase !== pod.status.phase) this.phase(`${pod.status.phase}${reason ? ` (${reason})` : ''}`);
  }

  podDeleting(pod: Pod): void {
    if (this.isTarget(pod)) this.phase('deletion requested');
  }

  podRemoved(pod: Pod): void {
    if (pod.metadata.namespace === this.namespace) this.inNamespace.delete(pod.metadata.name);
    if (this.isTarget(pod)) this.phase('removed from the API');
  }
}
