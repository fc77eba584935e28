import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { OwnerReference } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import { isPodActive } from '../../model/podutil.js';
import { workloadKey, type ReplicaSet, type Workload } from '../../model/workloads.js';
import { WorkQueue } from '../workqueue.js';
import { getPodsToDelete } from './ranking.js';
import { ReplicaCounts } from './replica-counts.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start.js';
import { statusUnchanged } from './status.js';
import type { ControllerContext } from '../context.js';

/** The most pods one sync creates or deletes (replicaset.BurstReplicas). */
export const BURST_REPLICAS = 500;

export const REASON = { SuccessfulCreate: 'SuccessfulCreate', SuccessfulDelete: 'SuccessfulDelete' } as const;

type Kind = ReplicaSet['kind'];

/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), also
 * serving ReplicationControllers (see ReplicationManager). Level-triggered:
 * a sync counts the object's active pods, creates the missing ones in
 * slow-start batches or deletes the surplus in victim order (at most
 * BURST_REPLICAS per sync), and writes the status (from the pods as they
 * were before) when it changed. The counts are kept up to date from the pod
 * events (ReplicaCounts), so a sync costs what changed since the last one;
 * only a scale-down lists the pods, to rank them.
 *
 * Pods are the ones whose controller ownerReference names the object: podsim
 * neither adopts matching orphans nor releases pods whose labels stopped
 * matching (pod labels never change in podsim).
 */
export class ReplicaSetController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;
  /** Per ReplicaSet uid. */
  private readonly counts = new Map<string, ReplicaCounts>();

  constructor(
    ctx: ControllerContext,
    readonly kind: Kind = 'ReplicaSet',
  ) {
    this.cluster = ctx.cluster;
    this.queue = new WorkQueue(ctx.engine, (key) => this.sync(key), ctx.config.apiLatencyMs);
  }

  workloadAdded(w: Workload): void {
    if (w.kind === this.kind) this.queue.add(workloadKey(w.kind, w.metadata.namespace, w.metadata.name));
  }

  workloadUpdated(w: Workload): void {
    this.workloadAdded(w);
  }

  workloadRemoved(w: Workload): void {
    if (w.kind === this.kind) this.counts.delete(w.metadata.uid);
  }

  podAdded(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  podStatusChanged(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  podDeleting(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  podRemoved(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  /** resolveControllerRef: the pod's controller, if it is one of ours that still exists. */
  private enqueueOwner(pod: Pod): void {
    const ref = pod.metadata.ownerReferences.find((r) => r.controller);
    if (!ref || ref.kind !== this.kind) return;
    const rs = this.cluster.workload(this.kind, pod.metadata.namespace, ref.name);
    if (rs?.metadata.uid !== ref.uid) return;
    this.countsOf(rs).markChanged(pod);
    this.queue.add(workloadKey(this.kind, pod.metadata.namespace, ref.name));
  }

  private countsOf(rs: Workload): ReplicaCounts {
    let c = this.counts.get(rs.metadata.uid);
    if (c === undefined) this.counts.set(rs.metadata.uid, (c = new ReplicaCounts()));
    return c;
  }

  private lookup(key: string): ReplicaSet | undefined {
    const [, namespace = '', name = ''] = key.split('/');
    const w = this.cluster.workload(this.kind, namespace, name);
    return w?.kind === this.kind ? (w as ReplicaSet) : undefined;
  }

  /** syncReplicaSet. */
  private sync(key: string): void {
    const rs = this.lookup(key);
    if (!rs) return;
    const now = this.cluster.now;
    const counts = this.countsOf(rs);
    const owned = this.cluster.podsOwnedBy(rs.metadata.uid);
    // The status is of the pods as the sync found them: what manageReplicas changes shows at the next sync.
    const next = counts.status(rs, owned, (p) => this.cluster.holds(p), now);
    const availableAt = counts.nextAvailableAt();
    if (rs.metadata.deletionTimestamp === undefined && !this.manageReplicas(rs, counts.active, owned)) this.queue.add(key);
    if (!statusUnchanged(rs, next)) {
      rs.status = next;
      this.cluster.updateWorkloadStatus(rs);
    }
    if (availableAt !== undefined) this.queue.addAfter(key, availableAt - now);
  }

  /** manageReplicas; false when a creation failed (the sync is retried). */
  private manageReplicas(rs: ReplicaSet, active: number, owned: Iterable<Pod>): boolean {
    const diff = active - rs.spec.replicas;
    if (diff < 0) {
      const want = Math.min(-diff, BURST_REPLICAS);
      const owner: readonly OwnerReference[] = [
        { kind: this.kind, name: rs.metadata.name, uid: rs.metadata.uid, controller: true },
      ];
      return slowStartBatch(want, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs, owner)) === want;
    }
    if (diff > 0) {
      const pods = [...owned].filter(isPodActive);
      const victims = getPodsToDelete(pods, this.relatedPods(rs), Math.min(diff, BURST_REPLICAS), this.cluster.now);
      for (const pod of victims) this.deletePod(rs, pod);
    }
    return true;
  }

  /** PodControl.CreatePods: generateName `<name>-`, the template, a controller reference. */
  private createPod(rs: ReplicaSet, ownerReferences: readonly OwnerReference[]): boolean {
    const { namespace, name } = rs.metadata;
    const pod = this.cluster.submitPod({ namespace, generateName: `${name}-`, ownerReferences, template: rs.spec.template });
    if (!pod) return false;
    this.record(rs, REASON.SuccessfulCreate, `Created pod: ${pod.metadata.name}`);
    return true;
  }

  private deletePod(rs: ReplicaSet, pod: Pod): void {
    this.cluster.deletePod(pod);
    this.record(rs, REASON.SuccessfulDelete, `Deleted pod: ${pod.metadata.name}`);
  }

  private record(rs: ReplicaSet, reason: string, message: string): void {
    const { namespace, name } = rs.metadata;
    this.cluster.recordEvent({ type: 'Normal', reason, kind: this.kind, namespace, name, node: '', message });
  }

  /**
   * getIndirectlyRelatedPods: the pods of every object of our kind with the
   * same controller (a Deployment's ReplicaSets); none without a controller.
   */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = rs.metadata.ownerReferences.find((r) => r.controller);
    if (!owner) return [];
    const related: Pod[] = [];
    for (const w of this.cluster.workloadsOfKind(this.kind)) {
      if (w.metadata.namespace !== rs.metadata.namespace) continue;
      if (!w.metadata.ownerReferences.some((r) => r.controller && r.uid === owner.uid)) continue;
      related.push(...this.cluster.podsOwnedBy(w.metadata.uid));
    }
    return related;
  }
}

/** The ReplicationController manager (pkg/controller/replication): the same controller, kind ReplicationController. */
export class ReplicationManager extends ReplicaSetController {
  constructor(ctx: ControllerContext) {
    super(ctx, 'ReplicationController');
  }
}
