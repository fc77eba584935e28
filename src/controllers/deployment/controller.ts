import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { Pod } from '../../model/pod.js';
import { workloadKey, type Deployment, type ReplicaSet, type Workload } from '../../model/workloads.js';
import { WorkQueue } from '../workqueue.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { DeploymentWriter } from './sync.js';
import type { ControllerContext } from '../context.js';

const controllerOf = (obj: { metadata: { ownerReferences: readonly { kind: string; name: string; uid: string; controller: boolean }[] } }) =>
  obj.metadata.ownerReferences.find((r) => r.controller);

/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go).
 * It owns ReplicaSets named `<deployment>-<pod-template-hash>` (ordinary
 * workloads the ReplicaSet controller syncs) and moves replicas between them:
 * a scaling event or a paused Deployment scales proportionally, otherwise
 * the strategy (RollingUpdate or Recreate) runs. It hears its Deployments
 * (status updates included, as the informer does), their ReplicaSets, and the
 * removal of pods of a Recreate Deployment. Its ReplicaSets are the ones
 * whose controller reference names the Deployment (no adoption).
 */
export class DeploymentController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;
  private readonly writer: DeploymentWriter;
  /** The ReplicaSets each Deployment (by uid) controls, in creation order (the rsLister's controller index). */
  private readonly owned = new Map<string, Set<ReplicaSet>>();

  constructor(ctx: ControllerContext) {
    this.cluster = ctx.cluster;
    this.queue = new WorkQueue(ctx.engine, (key) => this.syncDeployment(key), ctx.config.apiLatencyMs);
    this.writer = new DeploymentWriter(ctx.cluster, (d, delayMs) =>
      delayMs === 0 ? this.queue.addRateLimited(keyOf(d)) : this.queue.addAfter(keyOf(d), delayMs),
    );
  }

  workloadAdded(w: Workload): void {
    if (w.kind === 'ReplicaSet') {
      const ref = controllerOf(w);
      if (ref?.kind === 'Deployment') {
        let set = this.owned.get(ref.uid);
        if (!set) this.owned.set(ref.uid, (set = new Set()));
        set.add(w);
      }
    }
    this.workloadUpdated(w);
  }

  workloadUpdated(w: Workload): void {
    if (w.kind === 'Deployment') this.queue.add(keyOf(w));
    else if (w.kind === 'ReplicaSet') this.enqueueOwner(w);
  }

  workloadStatusUpdated(w: Workload): void {
    this.workloadUpdated(w);
  }

  workloadRemoved(w: Workload): void {
    if (w.kind === 'Deployment') this.owned.delete(w.metadata.uid);
    if (w.kind !== 'ReplicaSet') return;
    const ref = controllerOf(w);
    if (ref) this.owned.get(ref.uid)?.delete(w);
    this.enqueueOwner(w);
  }

  /** deletePod: a Recreate Deployment waits for its last pod to be gone. */
  podRemoved(pod: Pod): void {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.cluster.workload('ReplicaSet', pod.metadata.namespace, ref.name);
    if (rs?.metadata.uid !== ref.uid) return;
    const d = this.owner(rs as ReplicaSet);
    if (d?.spec.strategy.type !== 'Recreate') return;
    if (this.replicaSetsOf(d).every((x) => this.cluster.podsOwnedBy(x.metadata.uid).size === 0)) this.queue.add(keyOf(d));
  }

  private enqueueOwner(rs: Workload): void {
    const d = this.owner(rs as ReplicaSet);
    if (d) this.queue.add(keyOf(d));
  }

  /** resolveControllerRef: the Deployment controlling `rs`, if it still exists. */
  private owner(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.cluster.workload('Deployment', rs.metadata.namespace, ref.name);
    return d?.metadata.uid === ref.uid ? (d as Deployment) : undefined;
  }

  /** getReplicaSetsForDeployment: the ReplicaSets it controls, in creation order. */
  private replicaSetsOf(d: Deployment): ReplicaSet[] {
    return [...(this.owned.get(d.metadata.uid) ?? [])];
  }

  /** syncDeployment. */
  private syncDeployment(key: string): void {
    const [, namespace = '', name = ''] = key.split('/');
    const d = this.cluster.workload('Deployment', namespace, name) as Deployment | undefined;
    if (!d) return;
    const w = this.writer;
    const rsList = this.replicaSetsOf(d);
    w.checkPausedConditions(d);
    const rss = getAllReplicaSetsAndSyncRevision(w, d, rsList, false)!;
    if (d.spec.paused || w.isScalingEvent(d, rss)) {
      w.scale(d, rss);
      if (d.spec.paused) w.cleanupDeployment(rss.oldRSs, d);
      w.syncDeploymentStatus(d, rss);
      return;
    }
    const ok = d.spec.strategy.type === 'Recreate' ? rolloutRecreate(w, d, rsList) : rolloutRolling(w, d, rsList);
    if (!ok) this.queue.add(key);
  }
}

function keyOf(w: Workload): string {
  return workloadKey(w.kind, w.metadata.namespace, w.metadata.name);
}

