import type { Cluster } from '../api/cluster.js';
import { evictPod } from '../api/eviction.js';
import type { Engine } from '../engine/engine.js';
import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import { TAINT_NODE_UNSCHEDULABLE } from '../model/taints.js';

/** kubectl drain waits this long before evicting again a pod whose eviction was refused with 429 (its PDB). */
export const EVICTION_RETRY_MS = 5_000;

/**
 * `kubectl drain --ignore-daemonsets --force`: cordons the node (spec.
 * unschedulable and the unschedulable:NoSchedule taint the node lifecycle
 * controller keeps in step with it), then evicts every pod on it that no
 * DaemonSet controls and that is not already being deleted, in binding
 * order, through the Eviction API (api/eviction.ts). A refusal with 429 (a
 * PodDisruptionBudget allows no disruption now) is retried every 5 s, as
 * kubectl's evictPods loop does, until the pod is evicted or gone; another
 * error ends the attempts on that pod (kubectl reports it and gives up).
 */
export function drainNode(cluster: Cluster, node: Node, engine: Engine): void {
  cordonNode(cluster, node);
  for (const pod of [...cluster.podsOn(node.name)]) {
    if (pod.metadata.deletionTimestamp !== undefined || isDaemonSetPod(pod)) continue;
    evictUntilDone(cluster, engine, pod);
  }
}

function evictUntilDone(cluster: Cluster, engine: Engine, pod: Pod): void {
  if (!cluster.holds(pod) || pod.metadata.deletionTimestamp !== undefined) return;
  const r = evictPod(cluster, pod);
  if (!r.evicted && r.code === 429) engine.schedule(EVICTION_RETRY_MS, () => evictUntilDone(cluster, engine, pod));
}

/** `kubectl cordon`: spec.unschedulable with its taint (TaintNodesByCondition). */
export function cordonNode(cluster: Cluster, node: Node): void {
  const tainted = node.taints.some((t) => t.key === TAINT_NODE_UNSCHEDULABLE && t.effect === 'NoSchedule');
  if (node.unschedulable && tainted) return;
  node.unschedulable = true;
  if (!tainted) node.taints = [...node.taints, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: cluster.now }];
  cluster.updateNode(node);
}

function isDaemonSetPod(pod: Pod): boolean {
  return pod.metadata.ownerReferences.some((r) => r.controller && r.kind === 'DaemonSet');
}
