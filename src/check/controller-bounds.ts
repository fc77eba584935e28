import type { Cluster } from '../api/cluster.js';
import type { Millis } from '../model/meta.js';
import { podKey, type Pod } from '../model/pod.js';
import { entryOf } from '../kinds/table.js';
import type { Deployment, Workload } from '../model/workloads.js';
import { OwnedPods } from './owned-pods.js';
import { RecentMax } from './recent-max.js';
import { scaled } from './scaled.js';

/** A broken bound: the object it concerns and what happened. */
export interface BoundViolation {
  readonly object: string;
  readonly message: string;
}

interface Tracked {
  readonly w: Workload;
  /** The most active pods the controller may keep (replicas, parallelism; 0 when it must create none). */
  readonly bound: RecentMax;
  /** Deployments: the most replicas its ReplicaSets may ask for together. */
  readonly total?: RecentMax;
  /** ReplicaSets: the last spec.replicas seen, to notice scale-ups. */
  replicas?: number;
}

/**
 * The bounds controllers keep, read from the workload objects in the cluster
 * (whichever controllers are wired): at each pod creation,
 * - a workload has at most the active pods its kind's podBound allows
 *   (kinds/table.ts: a ReplicaSet spec.replicas; a Job spec.parallelism, and
 *   none while suspended or once finished; a DaemonSet one per node, two with
 *   a RollingUpdate maxSurge), and a kind that owns workloads (a Deployment)
 *   creates no pod;
 * - a Recreate Deployment creates no pod while pods of its other ReplicaSets are not terminated;
 * and a RollingUpdate Deployment never scales its ReplicaSets up past
 * spec.replicas + maxSurge in total. Each bound is the largest value in
 * effect within the last `latencyMs` (a controller may act on what it saw
 * that long ago). Pods whose controller is not a known workload (a bare pod
 * exported with its ownerReferences) are not checked.
 */
export class ControllerBounds {
  private readonly byUid = new Map<string, Tracked>();
  private readonly owned = new OwnedPods();

  constructor(
    private readonly cluster: Cluster,
    private readonly latencyMs: Millis,
  ) {}

  workloadChanged(w: Workload, now: Millis): BoundViolation[] {
    let t = this.byUid.get(w.metadata.uid);
    if (!t) {
      t = { w, bound: new RecentMax(this.latencyMs), ...(w.kind === 'Deployment' ? { total: new RecentMax(this.latencyMs) } : {}) };
      this.byUid.set(w.metadata.uid, t);
    }
    t.bound.set(entryOf(w).podBound?.bound(w) ?? 0, now);
    if (w.kind === 'Deployment') t.total!.set(rolloutBound(w), now);
    if (w.kind !== 'ReplicaSet') return [];
    const scaledUp = w.spec.replicas > (t.replicas ?? 0);
    t.replicas = w.spec.replicas;
    return scaledUp ? this.checkRollout(w, now) : [];
  }

  workloadRemoved(w: Workload): void {
    this.byUid.delete(w.metadata.uid);
  }

  /** Counts the new pod, then checks its controller's bound. */
  podAdded(pod: Pod, owner: string | undefined, now: Millis): BoundViolation[] {
    this.owned.update(pod);
    const t = owner === undefined ? undefined : this.byUid.get(owner);
    if (!t) return [];
    const w = t.w;
    const what = `${w.kind} ${w.metadata.namespace}/${w.metadata.name}`;
    const created = `created pod ${podKey(pod)}`;
    const active = this.owned.activeOf(w.metadata.uid);
    const bound = t.bound.get(now);
    const rule = entryOf(w).podBound;
    if (rule === undefined) return [{ object: what, message: `${created}: a ${w.kind} owns ${entryOf(w).owns ?? 'no pods'}, never pods` }];
    if (rule.per === 'node') {
      const node = this.owned.nodeOf(pod);
      if (node === undefined) return [{ object: what, message: `${created} for no node (neither nodeName nor a matchFields metadata.name pin)` }];
      const onNode = this.owned.activeOn(w.metadata.uid, node);
      return onNode > bound ? [{ object: what, message: rule.exceeded(created, onNode, bound, node) }] : [];
    }
    const out = active > bound ? [{ object: what, message: rule.exceeded(created, active, bound) }] : [];
    return [...out, ...this.checkRecreate(w.metadata.uid, what, created)];
  }

  /** After any other change to a pod (bound, phase, deletion). */
  podChanged(pod: Pod): void {
    this.owned.update(pod);
  }

  podRemoved(pod: Pod): void {
    this.owned.remove(pod);
  }

  /** A ReplicaSet scaled up: its Deployment's ReplicaSets together stay within replicas + maxSurge. */
  private checkRollout(rs: Workload, now: Millis): BoundViolation[] {
    const d = this.deploymentOf(rs);
    if (!d || d.w.kind !== 'Deployment' || d.w.spec.strategy.type !== 'RollingUpdate') return [];
    const total = this.replicaSetsOf(d.w.metadata.uid).reduce((n, x) => n + (x.kind === 'ReplicaSet' ? x.spec.replicas : 0), 0);
    const bound = d.total!.get(now);
    if (total <= bound) return [];
    const what = `Deployment ${d.w.metadata.namespace}/${d.w.metadata.name}`;
    return [{ object: what, message: `scaling ReplicaSet ${rs.metadata.name} up to ${rs.kind === 'ReplicaSet' ? rs.spec.replicas : 0} asks for ${total} replicas in total, more than spec.replicas + maxSurge = ${bound}` }];
  }

  /** A pod of a Recreate Deployment's ReplicaSet while its other ReplicaSets still have pods that are not terminated. */
  private checkRecreate(rsUid: string, rsWhat: string, created: string): BoundViolation[] {
    const rs = this.byUid.get(rsUid)?.w;
    const d = rs && this.deploymentOf(rs);
    if (!d || d.w.kind !== 'Deployment' || d.w.spec.strategy.type !== 'Recreate') return [];
    const others = this.replicaSetsOf(d.w.metadata.uid).filter((x) => x.metadata.uid !== rsUid);
    const running = others.reduce((n, x) => n + this.owned.nonTerminalOf(x.metadata.uid), 0);
    if (running === 0) return [];
    const what = `Deployment ${d.w.metadata.namespace}/${d.w.metadata.name}`;
    return [{ object: what, message: `Recreate: ${rsWhat} ${created} while ${running} pod(s) of its older ReplicaSets are not terminated` }];
  }

  private deploymentOf(rs: Workload): Tracked | undefined {
    const ref = rs.metadata.ownerReferences.find((r) => r.controller);
    return ref ? this.byUid.get(ref.uid) : undefined;
  }

  /** The ReplicaSets whose controller is the workload `uid`, in creation order. */
  private replicaSetsOf(uid: string): Workload[] {
    const out: Workload[] = [];
    for (const w of this.cluster.workloadsOfKind('ReplicaSet')) {
      if (w.metadata.ownerReferences.some((r) => r.controller && r.uid === uid)) out.push(w);
    }
    return out;
  }
}

/** spec.replicas + maxSurge (ResolveFenceposts: surge rounds up), for RollingUpdate. */
function rolloutBound(d: Deployment): number {
  const s = d.spec.strategy;
  return s.type === 'RollingUpdate' ? d.spec.replicas + scaled(s.maxSurge, d.spec.replicas, true) : d.spec.replicas;
}
