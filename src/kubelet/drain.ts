import { setCondition, type Cluster } from '../api/cluster.js';
import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import { TAINT_NODE_UNSCHEDULABLE } from '../model/taints.js';

/** The DisruptionTarget condition the Eviction API adds before deleting (pkg/registry/core/pod/storage/eviction.go). */
export const EVICTION_BY_EVICTION_API = 'EvictionByEvictionAPI';
export const EVICTION_BY_EVICTION_API_MESSAGE = 'Eviction API: evicting';

/**
 * `kubectl drain --ignore-daemonsets --force`: cordons the node (spec.
 * unschedulable and the unschedulable:NoSchedule taint the node lifecycle
 * controller keeps in step with it), then evicts every pod on it that no
 * DaemonSet controls and that is not already being deleted, in binding order.
 * An eviction is the Eviction API with no PodDisruptionBudget to check yet:
 * the DisruptionTarget condition, then a graceful delete.
 */
export function drainNode(cluster: Cluster, node: Node): void {
  cordonNode(cluster, node);
  for (const pod of [...cluster.podsOn(node.name)]) {
    if (pod.metadata.deletionTimestamp !== undefined || isDaemonSetPod(pod)) continue;
    evictPod(cluster, pod);
  }
}

/** `kubectl cordon`: spec.unschedulable with its taint (TaintNodesByCondition). */
export function cordonNode(cluster: Cluster, node: Node): void {
  const tainted = node.taints.some((t) => t.key === TAINT_NODE_UNSCHEDULABLE && t.effect === 'NoSchedule');
  if (node.unschedulable && tainted) return;
  node.unschedulable = true;
  if (!tainted) node.taints = [...node.taints, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: cluster.now }];
  cluster.updateNode(node);
}

/** The Eviction API on one pod (no PDBs yet): DisruptionTarget, then a graceful delete. */
export function evictPod(cluster: Cluster, pod: Pod): void {
  setCondition(pod, 'DisruptionTarget', 'True', cluster.now, EVICTION_BY_EVICTION_API, EVICTION_BY_EVICTION_API_MESSAGE);
  cluster.updatePodStatus(pod, pod.status.phase, EVICTION_BY_EVICTION_API);
  cluster.deletePod(pod);
}

function isDaemonSetPod(pod: Pod): boolean {
  return pod.metadata.ownerReferences.some((r) => r.controller && r.kind === 'DaemonSet');
}
