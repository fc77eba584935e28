import type { Cluster, ClusterWatcher } from '../api/cluster.js';
import type { ObjectMeta } from '../model/meta.js';
import type { Pod } from '../model/pod.js';
import type { Workload } from '../model/workloads.js';
import { WorkQueue } from './workqueue.js';
import type { ControllerContext } from './context.js';

/** The uid of the object's controller ownerReference, if any. */
function controllerOf(meta: ObjectMeta): string | undefined {
  return meta.ownerReferences.find((r) => r.controller)?.uid;
}

/**
 * The garbage collector's cascading deletion with background propagation
 * (pkg/controller/garbagecollector), kept small: once an owner is gone from
 * the API, its dependents, the pods and workloads whose controller
 * ownerReference names its uid, are deleted: pods gracefully (the kubelet
 * kills them), workloads at once, whose own dependents follow the same way.
 * A dependent created after its owner was removed (a controller racing the
 * deletion) is collected too. Non-controller ownerReferences and the
 * foreground and orphan policies are not modelled.
 */
export class GarbageCollector implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;
  /** Owners removed so far: a dependent naming one of them is dangling. */
  private readonly removedOwners = new Set<string>();

  constructor(ctx: ControllerContext) {
    this.cluster = ctx.cluster;
    this.queue = new WorkQueue(ctx.engine, (uid) => this.collect(uid), ctx.config.apiLatencyMs);
  }

  workloadRemoved(w: Workload): void {
    this.removedOwners.add(w.metadata.uid);
    this.queue.add(w.metadata.uid);
  }

  workloadAdded(w: Workload): void {
    this.enqueueDangling(w.metadata);
  }

  podAdded(pod: Pod): void {
    this.enqueueDangling(pod.metadata);
  }

  private enqueueDangling(meta: ObjectMeta): void {
    const owner = controllerOf(meta);
    if (owner !== undefined && this.removedOwners.has(owner)) this.queue.add(owner);
  }

  /** Deletes every dependent of the removed owner `uid`: its pods, then its workloads in creation order. */
  private collect(uid: string): void {
    for (const pod of [...this.cluster.podsOwnedBy(uid)]) {
      if (pod.metadata.deletionTimestamp === undefined) this.cluster.deletePod(pod);
    }
    for (const w of [...this.cluster.workloads()]) {
      if (controllerOf(w.metadata) === uid) this.cluster.deleteWorkload(w);
    }
  }
}
