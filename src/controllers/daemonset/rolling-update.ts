import type { Pod } from '../../model/pod.js';
import { isPodAvailable } from '../../model/podutil.js';
import { shouldRun } from './eligibility.js';
import type { DaemonSetView } from './manage.js';
import { findUpdatedPodsOnNode } from './node-pods.js';
import { surgeCount, unavailableCount } from './strategy.js';

/** What rollingUpdate decided: old pods to delete and nodes to surge a new pod onto. */
export interface RollingUpdatePlan {
  readonly podsToDelete: Pod[];
  readonly nodesNeedingDaemonPods: string[];
}

/**
 * The nodes to look at, with their pods: every node that should run the
 * daemon (an empty list when it has no pod) and every node holding a pod.
 * Upstream walks a Go map (random order); podsim walks nodes in creation
 * order, then nodes that no longer exist in pod order.
 */
function nodeEntries(view: DaemonSetView): [string, readonly Pod[]][] {
  const out: [string, readonly Pod[]][] = [];
  const seen = new Set<string>();
  for (const node of view.nodes) {
    seen.add(node.name);
    const pods = view.podsByNode.get(node.name);
    if (pods || shouldRun(view.eligibility.get(node.name) ?? 'none')) out.push([node.name, pods ?? []]);
  }
  for (const [name, pods] of view.podsByNode) if (!seen.has(name)) out.push([name, pods]);
  return out;
}

/**
 * updatedDesiredNodeCounts: maxSurge and maxUnavailable of the nodes that
 * should run the daemon, both rounded up; with neither, one unavailable.
 */
export function updatedDesiredNodeCounts(view: DaemonSetView): { maxSurge: number; maxUnavailable: number } {
  let desired = 0;
  for (const node of view.nodes) if (shouldRun(view.eligibility.get(node.name) ?? 'none')) desired++;
  const maxSurge = surgeCount(view.ds, desired);
  let maxUnavailable = unavailableCount(view.ds, desired);
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/**
 * rollingUpdate (pkg/controller/daemon/update.go). Without surge: delete old
 * pods, unavailable ones always and available ones while fewer than
 * maxUnavailable nodes are unavailable; manage creates the new pod once the
 * old one is gone. With surge: create a new pod beside an old one (always
 * when the old one is unavailable, else up to maxSurge at a time) and delete
 * the old one once the new one is available.
 */
export function planRollingUpdate(view: DaemonSetView): RollingUpdatePlan {
  const { maxSurge, maxUnavailable } = updatedDesiredNodeCounts(view);
  const entries = nodeEntries(view);
  return maxSurge === 0 ? withoutSurge(view, entries, maxUnavailable) : withSurge(view, entries, maxSurge);
}

function withoutSurge(view: DaemonSetView, entries: [string, readonly Pod[]][], maxUnavailable: number): RollingUpdatePlan {
  const available = (pod: Pod) => isPodAvailable(pod, view.ds.spec.minReadySeconds, view.now);
  let numUnavailable = 0;
  const allowedReplacements: Pod[] = [];
  const candidates: Pod[] = [];
  for (const [, pods] of entries) {
    const { ok, newPod, oldPod } = findUpdatedPodsOnNode(pods, view.hash);
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
    else if (newPod) {
      if (!available(newPod)) numUnavailable++;
    } else if (oldPod && !available(oldPod)) {
      allowedReplacements.push(oldPod);
      numUnavailable++;
    } else if (oldPod && numUnavailable < maxUnavailable) {
      candidates.push(oldPod);
    }
  }
  const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
  return { podsToDelete: [...allowedReplacements, ...candidates.slice(0, remaining)], nodesNeedingDaemonPods: [] };
}

function withSurge(view: DaemonSetView, entries: [string, readonly Pod[]][], maxSurge: number): RollingUpdatePlan {
  const available = (pod: Pod) => isPodAvailable(pod, view.ds.spec.minReadySeconds, view.now);
  const canRun = (node: string) => shouldRun(view.eligibility.get(node) ?? 'none');
  const existing = new Set(view.nodes.map((n) => n.name));
  const oldPodsToDelete: Pod[] = [];
  const shouldNotRunPodsToDelete: Pod[] = [];
  const allowedNewNodes: string[] = [];
  const candidateNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  let desired = 0;
  for (const node of view.nodes) if (canRun(node.name)) desired++;
  for (const [nodeName, pods] of entries) {
    const { ok, newPod, oldPod } = findUpdatedPodsOnNode(pods, view.hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    const counted = oldPod ?? newPod;
    if (counted && available(counted)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      // Upstream fails the sync when the node is gone; podsim leaves such pods to PodGC.
      if (!existing.has(nodeName)) continue;
      if (!available(oldPod)) {
        if (!canRun(nodeName)) oldPodsToDelete.push(oldPod);
        else allowedNewNodes.push(nodeName);
      } else if (!canRun(nodeName)) shouldNotRunPodsToDelete.push(oldPod);
      else if (numSurge < maxSurge) candidateNewNodes.push(nodeName);
    } else if (!available(newPod)) numSurge++;
    else oldPodsToDelete.push(oldPod);
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return { podsToDelete: oldPodsToDelete, nodesNeedingDaemonPods: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
