import { EventQueue } from '../../engine/queue.js';
import { matchesLabelSelector } from '../../model/labels.js';
import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import { isPodActive, readySince } from '../../model/podutil.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../model/workloads.js';

/** What one pod adds to its ReplicaSet's counts, as of the last time it was looked at. */
interface Share {
  readonly labeled: boolean;
  /** When its Ready condition became True; undefined while not ready. */
  readonly readySince: Millis | undefined;
  available: boolean;
}

/** A ready pod that becomes available at `time` (Ready for minReadySeconds), unless its share was replaced. */
interface Warming {
  readonly time: Millis;
  seq: number;
  readonly pod: Pod;
  readonly share: Share;
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
  private readonly shares = new Map<Pod, Share>();
  private readonly changed = new Set<Pod>();
  private readonly warming = new EventQueue<Warming>();
  private generation = -1;
  private labeled = 0;
  private ready = 0;
  private available = 0;

  /** The pod's state may differ from what was counted: look at it again at the next `status`. */
  markChanged(pod: Pod): void {
    this.changed.add(pod);
  }

  /** How many active pods the ReplicaSet has (valid after `status`). */
  get active(): number {
    return this.shares.size;
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
      if (this.shares.get(w.pod) !== w.share) continue;
      w.share.available = true;
      this.available++;
    }
    return {
      replicas: this.shares.size,
      fullyLabeledReplicas: this.labeled,
      readyReplicas: this.ready,
      availableReplicas: this.available,
      observedGeneration: rs.metadata.generation,
    };
  }

  /** When the next ready pod becomes available, if one is still waiting (valid after `status`). */
  nextAvailableAt(): Millis | undefined {
    for (let w = this.warming.peek(); w !== undefined; w = this.warming.peek()) {
      if (this.shares.get(w.pod) === w.share) return w.time;
      this.warming.pop();
    }
    return undefined;
  }

  private restart(rs: ReplicaSet, pods: Iterable<Pod>): void {
    this.generation = rs.metadata.generation;
    for (const pod of this.shares.keys()) this.changed.add(pod);
    for (const pod of pods) this.changed.add(pod);
    for (const pod of this.shares.keys()) this.forget(pod);
  }

  private recount(pod: Pod, active: boolean, templateLabels: { matchLabels: Readonly<Record<string, string>> }, minReadySeconds: number, now: Millis): void {
    const old = this.shares.get(pod);
    const since = active ? readySince(pod) : undefined;
    if (old !== undefined && active && old.readySince === since) return;
    if (old !== undefined) this.forget(pod);
    if (!active) return;
    const labeled = old?.labeled ?? matchesLabelSelector(templateLabels, pod.metadata.labels);
    const share: Share = { labeled, readySince: since, available: false };
    this.shares.set(pod, share);
    if (labeled) this.labeled++;
    if (since === undefined) return;
    this.ready++;
    const at = since + minReadySeconds * 1000;
    if (minReadySeconds === 0 || at <= now) {
      share.available = true;
      this.available++;
    } else this.warming.push({ time: at, seq: 0, pod, share });
  }

  private forget(pod: Pod): void {
    const share = this.shares.get(pod);
    if (share === undefined) return;
    this.shares.delete(pod);
    if (share.labeled) this.labeled--;
    if (share.readySince !== undefined) this.ready--;
    if (share.available) this.available--;
  }
}
