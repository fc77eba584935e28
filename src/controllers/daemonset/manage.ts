import type { Millis } from '../../model/meta.js';
import type { Node } from '../../model/node.js';
import type { Pod } from '../../model/pod.js';
import { isPodAvailable, isPodReady } from '../../model/podutil.js';
import type { DaemonSet } from '../../model/workloads.js';
import type { Backoff } from './backoff.js';
import {
  CONTROLLER_REVISION_HASH,
  DaemonSetReason,
  failedDaemonPodMessage,
  succeededDaemonPodMessage,
} from './constants.js';
import { shouldContinueRunning, shouldRun, type Eligibility } from './eligibility.js';
import { byCreationTimestampAndPhase, type NodeToDaemonPods } from './node-pods.js';
import { allowsSurge } from './strategy.js';

/** An Event about the DaemonSet, recorded when the plan is carried out. */
export interface DaemonEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

/** What one sync reads: the object, its current hash, the nodes (creation order) and its pods by node. */
export interface DaemonSetView {
  readonly ds: DaemonSet;
  readonly hash: string;
  readonly nodes: readonly Node[];
  readonly eligibility: ReadonlyMap<string, Eligibility>;
  readonly podsByNode: NodeToDaemonPods;
  readonly now: Millis;
}

/** What manage decided: pods to create (by node) and delete, events, and a retry delay for pods in back-off. */
export interface ManagePlan {
  readonly nodesNeedingDaemonPods: string[];
  readonly podsToDelete: Pod[];
  readonly events: DaemonEvent[];
  /** enqueueDaemonSetAfter: the shortest back-off still running, if any. */
  requeueAfter?: Millis;
}

/** failedPodsBackoffKey: per object, generation it last observed, and node. */
export function failedPodsBackoffKey(ds: DaemonSet, nodeName: string): string {
  return `${ds.metadata.uid}/${ds.status.observedGeneration}/${nodeName}`;
}

/**
 * manage: podsShouldBeOnNode for every node in order, then the unbound pods
 * meant for nodes that no longer exist (getUnscheduledPodsWithoutNode).
 * Failed pods are deleted subject to the per-node back-off, which `next`s
 * here as upstream does while planning.
 */
export function planManage(view: DaemonSetView, backoff: Backoff): ManagePlan {
  const plan: ManagePlan = { nodesNeedingDaemonPods: [], podsToDelete: [], events: [] };
  for (const node of view.nodes) podsShouldBeOnNode(view, node.name, backoff, plan);
  const existing = new Set(view.nodes.map((n) => n.name));
  for (const [nodeName, pods] of view.podsByNode) {
    if (existing.has(nodeName)) continue;
    for (const pod of pods) if (pod.spec.nodeName === undefined) plan.podsToDelete.push(pod);
  }
  return plan;
}

function podsShouldBeOnNode(view: DaemonSetView, nodeName: string, backoff: Backoff, plan: ManagePlan): void {
  const e = view.eligibility.get(nodeName) ?? 'none';
  const daemonPods = view.podsByNode.get(nodeName);
  if (shouldRun(e) && !daemonPods) {
    plan.nodesNeedingDaemonPods.push(nodeName);
  } else if (shouldContinueRunning(e)) {
    const running = terminalPodsOut(view, nodeName, daemonPods ?? [], backoff, plan);
    if (!allowsSurge(view.ds)) {
      running.sort(byCreationTimestampAndPhase);
      plan.podsToDelete.push(...running.slice(1));
    } else if (running.length === 0) {
      if (shouldRun(e)) plan.nodesNeedingDaemonPods.push(nodeName);
    } else if (running.length > 1) {
      plan.podsToDelete.push(...surgeExcess(view, running));
    }
  } else if (daemonPods) {
    for (const pod of daemonPods) if (pod.metadata.deletionTimestamp === undefined) plan.podsToDelete.push(pod);
  }
}

/**
 * The node's pods not being deleted that are still running: failed ones are
 * deleted once out of back-off (FailedDaemonPod), succeeded ones at once
 * (SucceededDaemonPod).
 */
function terminalPodsOut(view: DaemonSetView, nodeName: string, pods: readonly Pod[], backoff: Backoff, plan: ManagePlan): Pod[] {
  const running: Pod[] = [];
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const { namespace, name } = pod.metadata;
    if (pod.status.phase === 'Failed') {
      const key = failedPodsBackoffKey(view.ds, nodeName);
      if (backoff.isInBackOffSinceUpdate(key, view.now)) {
        const delay = backoff.get(key);
        plan.requeueAfter = Math.min(plan.requeueAfter ?? delay, delay);
        continue;
      }
      backoff.next(key, view.now);
      const message = failedDaemonPodMessage(namespace, name, nodeName);
      plan.events.push({ type: 'Warning', reason: DaemonSetReason.FailedDaemonPod, message });
      plan.podsToDelete.push(pod);
    } else if (pod.status.phase === 'Succeeded') {
      const message = succeededDaemonPodMessage(namespace, name, nodeName);
      plan.events.push({ type: 'Normal', reason: DaemonSetReason.SucceededDaemonPod, message });
      plan.podsToDelete.push(pod);
    } else {
      running.push(pod);
    }
  }
  return running;
}

/**
 * With surge, two pods may share a node only while the oldest new one is
 * not yet available and the oldest old one is still ready; every other pod
 * goes, and the old one too once the new one is available or it is not ready.
 */
function surgeExcess(view: DaemonSetView, running: Pod[]): Pod[] {
  const out: Pod[] = [];
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  running.sort(byCreationTimestampAndPhase);
  for (const pod of running) {
    const updated = pod.metadata.labels[CONTROLLER_REVISION_HASH] === view.hash;
    if (updated && !oldestNew) oldestNew = pod;
    else if (!updated && !oldestOld) oldestOld = pod;
    else out.push(pod);
  }
  if (oldestNew && oldestOld) {
    const available = isPodAvailable(oldestNew, view.ds.spec.minReadySeconds, view.now);
    if (!isPodReady(oldestOld) || available) out.push(oldestOld);
  }
  return out;
}
