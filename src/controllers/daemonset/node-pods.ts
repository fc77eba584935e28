import { isTerminal, type Pod } from '../../model/pod.js';
import { CONTROLLER_REVISION_HASH } from './constants.js';
import { targetNodeName } from './pod-template.js';

/** A DaemonSet's pods grouped by target node, each list in pod creation order. */
export type NodeToDaemonPods = Map<string, Pod[]>;

/**
 * getNodesToDaemonPods: the pods grouped by the node they are on or meant
 * for (GetTargetNodeName); pods naming no node are left out, and so are
 * terminal pods already being deleted unless `includeDeletedTerminal`.
 * `pods` come in creation order and keep it within each node.
 */
export function nodesToDaemonPods(pods: Iterable<Pod>, includeDeletedTerminal = false): NodeToDaemonPods {
  const out: NodeToDaemonPods = new Map();
  for (const pod of pods) {
    if (!includeDeletedTerminal && isTerminal(pod.status.phase) && pod.metadata.deletionTimestamp !== undefined) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = out.get(node);
    if (list) list.push(pod);
    else out.set(node, [pod]);
  }
  return out;
}

/**
 * podByCreationTimestampAndPhase: bound pods before unbound ones, then older
 * first, then by name.
 */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = a.spec.nodeName !== undefined;
  const bBound = b.spec.nodeName !== undefined;
  if (aBound !== bBound) return aBound ? -1 : 1;
  if (a.metadata.creationTimestamp !== b.metadata.creationTimestamp) {
    return a.metadata.creationTimestamp - b.metadata.creationTimestamp;
  }
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** IsPodUpdated: the pod carries the current template hash. */
export function isPodUpdated(pod: Pod, hash: string): boolean {
  return hash.length > 0 && pod.metadata.labels[CONTROLLER_REVISION_HASH] === hash;
}

/**
 * findUpdatedPodsOnNode: among the node's pods not being deleted, the one
 * with the current hash and the one without; `ok` false when there are two
 * of either kind (the manage loop prunes those first).
 */
export function findUpdatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
): { readonly ok: boolean; readonly newPod?: Pod; readonly oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(pod, hash)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}
