import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { Engine } from '../../engine/engine.js';
import type { Node } from '../../model/node.js';
import type { Pod } from '../../model/pod.js';
import { isPodReady, readySince } from '../../model/podutil.js';
import { workloadKey, type DaemonSet, type Workload } from '../../model/workloads.js';
import { WorkQueue } from '../workqueue.js';
import { Backoff } from './backoff.js';
import { DaemonSetReason, FAILED_PODS_BACKOFF, MESSAGE_SELECTING_ALL } from './constants.js';
import { DelayingAdds } from './delaying.js';
import { shouldRun } from './eligibility.js';
import { KnownDaemonSet } from './known.js';
import { planManage, type DaemonEvent, type DaemonSetView } from './manage.js';
import { nodesToDaemonPods } from './node-pods.js';
import { DaemonPodControl } from './pod-control.js';
import { planRollingUpdate } from './rolling-update.js';
import { calculateStatus, statusUnchanged } from './status.js';
import type { ControllerContext } from '../context.js';

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node,
 * pinned to it by required node affinity and placed by the default
 * scheduler; failed daemon pods deleted and replaced under a per-node
 * back-off (1 s doubling to 15 min); RollingUpdate or OnDelete updates; the
 * status recomputed at each sync and written only when it changed.
 *
 * Level-triggered through a WorkQueue keyed `DaemonSet/ns/name`. A sync that
 * created or deleted pods skips the rolling update (upstream's expectations
 * are unmet until the watch events arrive); those events sync it again at
 * the same instant. The DaemonSet's pods are the ones whose controller
 * ownerReference is it (no adoption of orphans); nodes are walked in
 * creation order where upstream walks a Go map.
 */
export class DaemonSetController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly engine: Engine;
  private readonly queue: WorkQueue;
  private readonly delaying: DelayingAdds;
  private readonly control: DaemonPodControl;
  private readonly backoff = new Backoff(FAILED_PODS_BACKOFF.initialMs, FAILED_PODS_BACKOFF.maxMs);
  private readonly known = new Map<string, KnownDaemonSet>();

  constructor(ctx: ControllerContext) {
    this.cluster = ctx.cluster;
    this.engine = ctx.engine;
    this.queue = new WorkQueue(ctx.engine, (key) => this.sync(key), ctx.config.apiLatencyMs);
    this.delaying = new DelayingAdds(ctx.engine, this.queue, ctx.config.apiLatencyMs);
    this.control = new DaemonPodControl(ctx.cluster);
  }

  workloadAdded(w: Workload): void {
    if (w.kind !== 'DaemonSet') return;
    if (!this.known.has(w.metadata.uid)) this.known.set(w.metadata.uid, new KnownDaemonSet(w));
    this.queue.add(keyOf(w));
  }

  workloadUpdated(w: Workload): void {
    this.workloadAdded(w);
  }

  workloadRemoved(w: Workload): void {
    if (w.kind !== 'DaemonSet') return;
    this.known.delete(w.metadata.uid);
    this.backoff.deletePrefix(`${w.metadata.uid}/`);
  }

  podAdded(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  podBound(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  /** updatePod: a pod that just became ready resyncs minReadySeconds + 1 s later. */
  podStatusChanged(pod: Pod): void {
    const ds = this.enqueueOwner(pod);
    if (!ds || ds.spec.minReadySeconds <= 0 || !isPodReady(pod) || readySince(pod) !== this.engine.now) return;
    this.delaying.addAfter(keyOf(ds), (ds.spec.minReadySeconds + 1) * 1000);
  }

  podDeleting(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  podRemoved(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  /** addNode: the DaemonSets that should run on the new node. */
  nodeAdded(node: Node): void {
    for (const k of this.known.values()) {
      if (shouldRun(k.noteNode(node).eligibility)) this.queue.add(keyOf(k.ds));
    }
  }

  /** updateNode: the DaemonSets for which the node's eligibility changed. */
  nodeUpdated(node: Node): void {
    for (const k of this.known.values()) {
      if (k.noteNode(node).changed) this.queue.add(keyOf(k.ds));
    }
  }

  /** No resync (upstream has no node delete handler): the node's pods are PodGC's. */
  nodeRemoved(node: Node): void {
    for (const k of this.known.values()) k.forgetNode(node.name);
  }

  /** resolveControllerRef: the pod's DaemonSet, enqueued, if it still exists. */
  private enqueueOwner(pod: Pod): DaemonSet | undefined {
    const ref = pod.metadata.ownerReferences.find((r) => r.controller);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.cluster.workload('DaemonSet', pod.metadata.namespace, ref.name);
    if (ds?.kind !== 'DaemonSet' || ds.metadata.uid !== ref.uid) return undefined;
    this.queue.add(keyOf(ds));
    return ds;
  }

  private sync(key: string): void {
    const [, namespace = '', name = ''] = key.split('/');
    const ds = this.cluster.workload('DaemonSet', namespace, name);
    if (ds?.kind !== 'DaemonSet' || ds.metadata.deletionTimestamp !== undefined) return;
    if (selectsAll(ds)) {
      this.record(ds, { type: 'Warning', reason: DaemonSetReason.SelectingAll, message: MESSAGE_SELECTING_ALL });
      return;
    }
    const k = this.refresh(ds);
    const view = this.view(k);
    let acted = this.manage(k, view, key);
    if (!acted && ds.spec.updateStrategy.type === 'RollingUpdate') {
      const plan = planRollingUpdate(view);
      const r = this.control.syncNodes(ds, k.template, plan.podsToDelete, plan.nodesNeedingDaemonPods, (e) => this.record(ds, e));
      acted = r.created + r.deleted + r.failed > 0;
    }
    this.updateStatus(k, acted ? this.view(k) : view, key);
  }

  /** manage: creations, deletions and events for every node; true when it wrote anything. */
  private manage(k: KnownDaemonSet, view: DaemonSetView, key: string): boolean {
    const plan = planManage(view, this.backoff);
    for (const e of plan.events) this.record(k.ds, e);
    if (plan.requeueAfter !== undefined) this.delaying.addAfter(key, plan.requeueAfter);
    const { created, deleted, failed } = this.control.syncNodes(
      k.ds,
      k.template,
      plan.podsToDelete,
      plan.nodesNeedingDaemonPods,
      (e) => this.record(k.ds, e),
    );
    if (failed > 0) this.queue.add(key);
    return created + deleted + failed > 0;
  }

  /** updateDaemonSetStatus, after this sync's writes; a resync while pods wait out minReadySeconds. */
  private updateStatus(k: KnownDaemonSet, view: DaemonSetView, key: string): void {
    const ds = k.ds;
    const status = calculateStatus(view, ds.metadata.generation);
    if (!statusUnchanged(ds.status, status, ds.metadata.generation)) {
      ds.status = status;
      this.cluster.updateWorkloadStatus(ds);
    }
    if (ds.spec.minReadySeconds > 0 && status.numberReady !== status.numberAvailable) {
      this.delaying.addAfter(key, ds.spec.minReadySeconds * 1000);
    }
  }

  /** The controller's cache of `ds` (a new one for an object it has not seen). */
  private refresh(ds: DaemonSet): KnownDaemonSet {
    let k = this.known.get(ds.metadata.uid);
    if (!k || k.ds !== ds) this.known.set(ds.metadata.uid, (k = new KnownDaemonSet(ds)));
    return k.refresh();
  }

  /** What a sync reads now. */
  private view(k: KnownDaemonSet): DaemonSetView {
    const nodes = [...this.cluster.nodes()];
    const eligibility = k.eligibilityFor(nodes);
    const podsByNode = nodesToDaemonPods(this.cluster.podsOwnedBy(k.ds.metadata.uid));
    return { ds: k.ds, hash: k.hash, nodes, eligibility, podsByNode, now: this.engine.now };
  }

  /** An Event about the DaemonSet: like the other workload controllers', with no node (the message names it). */
  private record(ds: DaemonSet, e: DaemonEvent): void {
    const { namespace, name } = ds.metadata;
    this.cluster.recordEvent({ type: e.type, reason: e.reason, kind: 'DaemonSet', namespace, name, node: '', message: e.message });
  }
}

function keyOf(ds: Workload): string {
  return workloadKey(ds.kind, ds.metadata.namespace, ds.metadata.name);
}

/** An empty selector selects every pod: the controller refuses it (SelectingAll). */
function selectsAll(ds: DaemonSet): boolean {
  const { matchLabels, matchExpressions } = ds.spec.selector;
  return Object.keys(matchLabels ?? {}).length === 0 && (matchExpressions ?? []).length === 0;
}
