import { setCondition, type Cluster, type ClusterWatcher } from '../../api/cluster.js';
import type { Engine, Timer } from '../../engine/engine.js';
import type { Millis, Taint } from '../../model/meta.js';
import type { Node } from '../../model/node.js';
import { podKey, type Pod } from '../../model/pod.js';
import { matchingTolerations, minTolerationTime, noExecuteTaints, sameTaints } from './tolerations.js';
import type { ControllerContext } from '../context.js';

export type TaintEvictionOptions = Pick<ControllerContext, 'cluster' | 'engine'>;

/** Event reason and messages (taint_eviction.go emitPodDeletionEvent / emitCancelPodDeletionEvent). */
export const REASON_TAINT_MANAGER_EVICTION = 'TaintManagerEviction';
export const markingForDeletion = (key: string): string => `Marking for deletion Pod ${key}`;
export const cancellingDeletion = (key: string): string => `Cancelling deletion of Pod ${key}`;

/** The DisruptionTarget condition addConditionAndDeletePod sets before deleting. */
export const DELETION_BY_TAINT_MANAGER = 'DeletionByTaintManager';
export const DELETION_BY_TAINT_MANAGER_MESSAGE = 'Taint manager: deleting due to NoExecute taint';

/** A TimedWorkerQueue entry: pending while `timer` is set; once done it stays, so that the pod is not queued again. */
interface Work {
  readonly node: string;
  timer: Timer | undefined;
}

/**
 * The taint eviction controller (pkg/controller/tainteviction, its own
 * controller since v1.29). A pod on a node with NoExecute taints it does not
 * all tolerate is deleted at once; one that tolerates them with
 * tolerationSeconds is deleted that long (the smallest) after the controller
 * first saw the taints; tolerations without seconds keep it forever. The
 * deletion: a TaintManagerEviction event, the DisruptionTarget condition
 * (DeletionByTaintManager), then a graceful delete. When the taints go, or the
 * pod does, a pending deletion is cancelled (with an event). Work is only
 * scheduled for nodes that have NoExecute taints: an untainted cluster costs
 * nothing.
 */
export class TaintEvictionController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly engine: Engine;
  /** The NoExecute taints of each tainted node, as last handled. */
  private readonly taintedNodes = new Map<string, readonly Taint[]>();
  private readonly work = new Map<string, Work>();
  private readonly nodesPending = new Set<string>();

  constructor(o: TaintEvictionOptions) {
    this.cluster = o.cluster;
    this.engine = o.engine;
  }

  nodeAdded(node: Node): void {
    this.nodeUpdated(node);
  }

  nodeUpdated(node: Node): void {
    const known = this.taintedNodes.get(node.name) ?? [];
    if (sameTaints(known, noExecuteTaints(node.taints)) || this.nodesPending.has(node.name)) return;
    this.nodesPending.add(node.name);
    this.engine.schedule(0, () => this.handleNodeUpdate(node.name));
  }

  nodeRemoved(node: Node): void {
    if (this.taintedNodes.has(node.name)) this.engine.schedule(0, () => this.handleNodeUpdate(node.name));
  }

  podBound(pod: Pod, node: Node): void {
    if (this.taintedNodes.has(node.name)) this.engine.schedule(0, () => this.handlePodUpdate(pod));
  }

  podRemoved(pod: Pod): void {
    const key = podKey(pod);
    if (this.work.has(key)) this.engine.schedule(0, () => this.cancelWorkWithEvent(key));
  }

  // ---- handlers (engine events) ----

  private handleNodeUpdate(name: string): void {
    this.nodesPending.delete(name);
    const node = this.cluster.node(name);
    const taints = node ? noExecuteTaints(node.taints) : [];
    if (taints.length === 0) this.taintedNodes.delete(name);
    else this.taintedNodes.set(name, taints);
    if (!node) return;
    const pods = [...this.cluster.podsOn(name)];
    for (const pod of pods) {
      if (taints.length === 0) this.cancelWorkWithEvent(podKey(pod));
      else this.processPodOnNode(pod, name, taints);
    }
  }

  private handlePodUpdate(pod: Pod): void {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || this.cluster.pod(pod.metadata.namespace, pod.metadata.name) !== pod) return;
    const taints = this.taintedNodes.get(nodeName);
    if (taints) this.processPodOnNode(pod, nodeName, taints);
  }

  /**
   * processPodOnNode. A pending deletion is kept as it is (upstream replaces
   * it only when re-processed at the very instant it was created, an
   * accident of time.Now that simulated time would make systematic).
   */
  private processPodOnNode(pod: Pod, node: string, taints: readonly Taint[]): void {
    const key = podKey(pod);
    const now = this.engine.now;
    const used = matchingTolerations(taints, pod.spec.tolerations);
    if (used === undefined) {
      this.cancelWorkWithEvent(key);
      return this.addWork(key, node, now);
    }
    const min = minTolerationTime(used);
    if (min < 0) return this.cancelWorkWithEvent(key);
    if (this.work.get(key)?.timer) return;
    this.addWork(key, node, now + min);
  }

  /** TimedWorkerQueue.AddWork: nothing when the key is already there, pending or done. */
  private addWork(key: string, node: string, fireAt: Millis): void {
    if (this.work.has(key)) return;
    const work: Work = { node, timer: undefined };
    work.timer = this.engine.at(fireAt, () => {
      work.timer = undefined;
      this.evict(key, node);
    });
    this.work.set(key, work);
  }

  /** CancelWork: drops the key; the cancel event only for a deletion still pending. */
  private cancelWorkWithEvent(key: string): void {
    const work = this.work.get(key);
    if (!work) return;
    this.work.delete(key);
    if (!work.timer) return;
    work.timer.cancel();
    this.record(key, work.node, cancellingDeletion(key));
  }

  /** deletePodHandler: the event, then addConditionAndDeletePod. */
  private evict(key: string, node: string): void {
    this.record(key, node, markingForDeletion(key));
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.cluster.pod(namespace, name);
    if (!pod) return;
    const c = pod.status.conditions.find((x) => x.type === 'DisruptionTarget');
    if (c?.status !== 'True' || c.reason !== DELETION_BY_TAINT_MANAGER || c.message !== DELETION_BY_TAINT_MANAGER_MESSAGE) {
      setCondition(pod, 'DisruptionTarget', 'True', this.engine.now, DELETION_BY_TAINT_MANAGER, DELETION_BY_TAINT_MANAGER_MESSAGE);
      this.cluster.updatePodStatus(pod, pod.status.phase, DELETION_BY_TAINT_MANAGER);
    }
    this.cluster.deletePod(pod);
  }

  private record(key: string, node: string, message: string): void {
    const [namespace = '', name = ''] = key.split('/');
    this.cluster.recordEvent({ type: 'Normal', reason: REASON_TAINT_MANAGER_EVICTION, kind: 'Pod', namespace, name, node, message });
  }
}
