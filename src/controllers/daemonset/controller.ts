import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { Engine, Timer } from '../../engine/engine.js';
import type { RandomStreams } from '../../engine/random.js';
import type { Millis } from '../../model/meta.js';
import type { Node } from '../../model/node.js';
import type { Pod } from '../../model/pod.js';
import { isPodReady, readySince } from '../../model/podutil.js';
import type { ControlPlaneConfig, PodTemplate } from '../../model/scenario.js';
import { workloadKey, type DaemonSet, type Workload } from '../../model/workloads.js';
import { WorkQueue } from '../workqueue.js';
import { Backoff } from './backoff.js';
import { DaemonSetReason, FAILED_PODS_BACKOFF, MESSAGE_SELECTING_ALL } from './constants.js';
import { nodeShouldRunDaemonPod, shouldRun, type Eligibility } from './eligibility.js';
import { computeHash } from './hash.js';
import { planManage, type DaemonEvent, type DaemonSetView } from './manage.js';
import { nodesToDaemonPods } from './node-pods.js';
import { DaemonPodControl } from './pod-control.js';
import { createPodTemplate } from './pod-template.js';
import { planRollingUpdate } from './rolling-update.js';
import { calculateStatus, statusUnchanged } from './status.js';

export interface ControllerContext {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly streams: RandomStreams;
  readonly config: ControlPlaneConfig;
}

/** What the controller keeps per DaemonSet between syncs (its informer-side state). */
interface Known {
  readonly ds: DaemonSet;
  /** The generation `hash` and `template` were computed at. */
  generation: number;
  hash: string;
  /** The template pods are created from: daemon tolerations and hash label added. */
  template: PodTemplate;
  /**
   * Each node's eligibility for the template of `eligibilityGeneration`, kept
   * current by the node callbacks (so a sync does not recompute it, and a
   * node update is compared with the node's previous state).
   */
  readonly eligibility: Map<string, Eligibility>;
  eligibilityGeneration: number;
}

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
  private readonly latency: Millis;
  private readonly queue: WorkQueue;
  private readonly control: DaemonPodControl;
  private readonly backoff = new Backoff(FAILED_PODS_BACKOFF.initialMs, FAILED_PODS_BACKOFF.maxMs);
  private readonly known = new Map<string, Known>();
  /** AddAfter's waiting entries: the earliest per key, as client-go's delaying queue keeps them. */
  private readonly waiting = new Map<string, Timer>();

  constructor(ctx: ControllerContext) {
    this.cluster = ctx.cluster;
    this.engine = ctx.engine;
    this.latency = ctx.config.apiLatencyMs;
    this.queue = new WorkQueue(ctx.engine, (key) => this.sync(key), this.latency);
    this.control = new DaemonPodControl(ctx.cluster);
  }

  workloadAdded(w: Workload): void {
    if (w.kind !== 'DaemonSet') return;
    if (!this.known.has(w.metadata.uid)) this.known.set(w.metadata.uid, newKnown(w));
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
    this.addAfter(keyOf(ds), (ds.spec.minReadySeconds + 1) * 1000);
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
      const e = this.eligibilityOf(k, node);
      if (k.eligibilityGeneration === k.generation) k.eligibility.set(node.name, e);
      if (shouldRun(e)) this.queue.add(keyOf(k.ds));
    }
  }

  /** updateNode: the DaemonSets for which the node's eligibility changed. */
  nodeUpdated(node: Node): void {
    for (const k of this.known.values()) {
      const e = this.eligibilityOf(k, node);
      if (e === k.eligibility.get(node.name)) continue;
      if (k.eligibilityGeneration === k.generation) k.eligibility.set(node.name, e);
      this.queue.add(keyOf(k.ds));
    }
  }

  /** No resync (upstream has no node delete handler): the node's pods are PodGC's. */
  nodeRemoved(node: Node): void {
    for (const k of this.known.values()) k.eligibility.delete(node.name);
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

  /** enqueueDaemonSetAfter: syncs `delayMs` from now (at least the API latency), earliest request winning. */
  private addAfter(key: string, delayMs: Millis): void {
    const at = this.engine.now + Math.max(delayMs - this.latency, 0);
    const timer = this.waiting.get(key);
    if (timer && timer.time <= at) return;
    timer?.cancel();
    this.waiting.set(
      key,
      this.engine.at(at, () => {
        this.waiting.delete(key);
        this.queue.add(key);
      }),
    );
  }

  private sync(key: string): void {
    const [, namespace = '', name = ''] = key.split('/');
    const ds = this.cluster.workload('DaemonSet', namespace, name);
    if (ds?.kind !== 'DaemonSet' || ds.metadata.deletionTimestamp !== undefined) return;
    if (selectsAll(ds)) {
      this.record(ds, { type: 'Warning', reason: DaemonSetReason.SelectingAll, message: MESSAGE_SELECTING_ALL, node: '' });
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
  private manage(k: Known, view: DaemonSetView, key: string): boolean {
    const plan = planManage(view, this.backoff);
    for (const e of plan.events) this.record(k.ds, e);
    if (plan.requeueAfter !== undefined) this.addAfter(key, plan.requeueAfter);
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
  private updateStatus(k: Known, view: DaemonSetView, key: string): void {
    const ds = k.ds;
    const status = calculateStatus(view, ds.metadata.generation);
    if (!statusUnchanged(ds.status, status, ds.metadata.generation)) {
      ds.status = status;
      this.cluster.updateWorkloadStatus(ds);
    }
    if (ds.spec.minReadySeconds > 0 && status.numberReady !== status.numberAvailable) {
      this.addAfter(key, ds.spec.minReadySeconds * 1000);
    }
  }

  /** The cached hash and template, recomputed when the spec changed; the object the cluster holds now. */
  private refresh(ds: DaemonSet): Known {
    let k = this.known.get(ds.metadata.uid);
    if (!k || k.ds !== ds) this.known.set(ds.metadata.uid, (k = newKnown(ds)));
    if (k.generation !== ds.metadata.generation) {
      k.generation = ds.metadata.generation;
      k.hash = computeHash(ds.spec.template);
      k.template = createPodTemplate(ds.spec.template, k.hash);
    }
    return k;
  }

  /** What a sync reads now; each node's eligibility is computed afresh only when the template changed. */
  private view(k: Known): DaemonSetView {
    const nodes = [...this.cluster.nodes()];
    if (k.eligibilityGeneration !== k.generation) {
      k.eligibility.clear();
      for (const node of nodes) k.eligibility.set(node.name, this.eligibilityOf(k, node));
      k.eligibilityGeneration = k.generation;
    }
    const podsByNode = nodesToDaemonPods(this.cluster.podsOwnedBy(k.ds.metadata.uid));
    return { ds: k.ds, hash: k.hash, nodes, eligibility: k.eligibility, podsByNode, now: this.engine.now };
  }

  private eligibilityOf(k: Known, node: Node): Eligibility {
    if (k.generation !== k.ds.metadata.generation) this.refresh(k.ds);
    return nodeShouldRunDaemonPod(node, k.ds.spec.template.spec, k.template.spec.tolerations);
  }

  private record(ds: DaemonSet, e: DaemonEvent): void {
    const { namespace, name } = ds.metadata;
    this.cluster.recordEvent({ type: e.type, reason: e.reason, kind: 'DaemonSet', namespace, name, node: e.node, message: e.message });
  }
}

function keyOf(ds: Workload): string {
  return workloadKey(ds.kind, ds.metadata.namespace, ds.metadata.name);
}

function newKnown(ds: DaemonSet): Known {
  const hash = computeHash(ds.spec.template);
  const template = createPodTemplate(ds.spec.template, hash);
  return { ds, generation: ds.metadata.generation, hash, template, eligibility: new Map(), eligibilityGeneration: -1 };
}

/** An empty selector selects every pod: the controller refuses it (SelectingAll). */
function selectsAll(ds: DaemonSet): boolean {
  const { matchLabels, matchExpressions } = ds.spec.selector;
  return Object.keys(matchLabels ?? {}).length === 0 && (matchExpressions ?? []).length === 0;
}
