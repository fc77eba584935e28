import { EventQueue } from '../../engine/queue.js';
import { matchesLabelSelector } from '../../model/labels.js';
import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import { isPodActive, readySince } from '../../model/podutil.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../model/workloads.js';

/** A ready pod that becomes available at `time` (Ready for minReadySeconds), unless it is no longer `waiting` on this entry. */
interface Warming {
  readonly time: Millis;
  seq: number;
  readonly pod: Pod;
}

/**
 * calculateStatus (pkg/controller/replicaset/replica_set_utils.go) kept up to
 * date instead of recomputed from every pod at every sync: the replicas,
 * fully labeled, ready and available counts of one ReplicaSet's active pods.
 * The controller marks a pod `changed` whenever the API tells it the pod was
 * created, changed or went; `status(now)` then looks again at those pods only,
 * and at the ready pods whose minReadySeconds ran out by `now`. A sync costs
 * what changed since the last one, not the ReplicaSet's size.
 *
 * The counts are for one generation of the spec (template labels and
 * minReadySeconds); `status` starts again from `pods` when it changed.
 */
export class ReplicaCounts {
  /**
   * The active pods counted, each with when its Ready condition became True
   * as of the last look (undefined while not ready). The common state (labeled,
   * and available once ready) costs nothing more per pod; the rare ones are
   * kept apart: `unlabeled`, and `waiting` for minReadySeconds.
   */
  private readonly counted = new Map<Pod, Millis | undefined>();
  /** Counted pods the template's labels do not select (not fully labeled). */
  private readonly unlabeled = new Set<Pod>();
  /** Counted ready pods not yet available, each with its entry in `warming`. */
  private readonly waiting = new Map<Pod, Warming>();
  private readonly changed = new Set<Pod>();
  private readonly warming = new EventQueue<Warming>();
  private generation = -1;
  private ready = 0;
  private available = 0;

  /** The pod's state may differ from what was counted: look at it again at the next `status`. */
  markChanged(pod: Pod): void {
    this.changed.add(pod);
  }

  /** How many active pods the ReplicaSet has (valid after `status`). */
  get active(): number {
    return this.counted.size;
  }

  /**
   * The status as calculateStatus gives it at `now`, after looking again at
   * the changed pods. `pods` lists every pod the ReplicaSet owns (read only
   * when the spec's generation changed).
   */
  status(rs: ReplicaSet, pods: Iterable<Pod>, held: (pod: Pod) => boolean, now: Millis): ReplicaSetStatus {
    if (this.generation !== rs.metadata.generation) this.restart(rs, pods);
    const templateLabels = { matchLabels: rs.spec.template.labels };
    for (const pod of this.changed) this.recount(pod, held(pod) && isPodActive(pod), templateLabels, rs.spec.minReadySeconds, now);
    this.changed.clear();
    for (let w = this.warming.peek(); w !== undefined && w.time <= now; w = this.warming.peek()) {
      this.warming.pop();
      if (this.waiting.get(w.pod) !== w) continue;
      this.waiting.delete(w.pod);
      this.available++;
    }
    return {
      replicas: this.counted.size,
      fullyLabeledReplicas: this.counted.size - this.unlabeled.size,
      readyReplicas: this.ready,
      availableReplicas: this.available,
      observedGeneration: rs.metadata.generation,
    };
  }

  /** When the next ready pod becomes available, if one is still waiting (valid after `status`). */
  nextAvailableAt(): Millis | undefined {
    for (let w = this.warming.peek(); w !== undefined; w = this.warming.peek()) {
      if (this.waiting.get(w.pod) === w) return w.time;
      this.warming.pop();
    }
    return undefined;
  }

  private restart(rs: ReplicaSet, pods: Iterable<Pod>): void {
    this.generation = rs.metadata.generation;
    for (const pod of this.counted.keys()) this.changed.add(pod);
    for (const pod of pods) this.changed.add(pod);
    for (const pod of this.counted.keys()) this.forget(pod);
  }

  private recount(pod: Pod, active: boolean, templateLabels: { matchLabels: Readonly<Record<string, string>> }, minReadySeconds: number, now: Millis): void {
    if (!active) return this.forget(pod);
    const since = readySince(pod);
    if (this.counted.has(pod)) {
      if (this.counted.get(pod) === since) return;
      this.dropReadiness(pod);
    } else if (!matchesLabelSelector(templateLabels, pod.metadata.labels)) this.unlabeled.add(pod);
    // A counted pod's entry is updated in place: deleting and adding it again would leave a deleted slot in the
    // Map's table at every readiness change, growing the table to twice the pods.
    this.counted.set(pod, since);
    if (since === undefined) return;
    this.ready++;
    const at = since + minReadySeconds * 1000;
    if (minReadySeconds === 0 || at <= now) this.available++;
    else {
      const w: Warming = { time: at, seq: 0, pod };
      this.waiting.set(pod, w);
      this.warming.push(w);
    }
  }

  /** Takes back what a counted pod adds to the ready and available counts. */
  private dropReadiness(pod: Pod): void {
    if (this.counted.get(pod) === undefined) return;
    this.ready--;
    if (!this.waiting.delete(pod)) this.available--;
  }

  private forget(pod: Pod): void {
    if (!this.counted.has(pod)) return;
    this.dropReadiness(pod);
    this.counted.delete(pod);
    this.unlabeled.delete(pod);
  }
}
