import type { PodCondition, PodConditionType, PodStatus } from '../model/pod.js';

/**
 * The conditions the kubelet owns (pkg/kubelet/status/generate.go); the rest
 * (PodScheduled, DisruptionTarget) belong to the API's other writers.
 */
const KUBELET_CONDITIONS: ReadonlySet<PodConditionType> = new Set(['Initialized', 'ContainersReady', 'Ready']);

/**
 * The kubelet loses touch with the API: returns the kubelet's own status,
 * which keeps the live container status objects (the pod worker's records go
 * on changing them), while the API object keeps copies that only the control
 * plane changes from now on. Cost: O(containers + conditions).
 */
export function forkStatus(api: PodStatus): PodStatus {
  const local: PodStatus = { ...api };
  api.conditions = [...api.conditions];
  api.initContainerStatuses = api.initContainerStatuses.map((s) => ({ ...s }));
  api.containerStatuses = api.containerStatuses.map((s) => ({ ...s }));
  return local;
}

/**
 * The kubelet reports again (status_manager's mergePodStatus): its status
 * replaces the API's except the phase, which the caller publishes, and the
 * conditions it does not own. A reason the control plane set while the node
 * was lost (NodeLost) goes with it: the kubelet reports none.
 */
export function mergeStatus(api: PodStatus, local: PodStatus): void {
  api.startTime = local.startTime;
  api.hostIP = local.hostIP;
  api.podIP = local.podIP;
  api.reason = local.reason;
  api.message = local.message;
  api.initContainerStatuses = local.initContainerStatuses;
  api.containerStatuses = local.containerStatuses;
  api.conditions = mergeConditions(api.conditions, local.conditions);
}

/** The API's conditions in their order, the kubelet-owned ones replaced by the kubelet's; the kubelet's new ones appended. */
function mergeConditions(api: readonly PodCondition[], local: readonly PodCondition[]): PodCondition[] {
  const own = (c: PodCondition) => KUBELET_CONDITIONS.has(c.type);
  const merged = api.map((c) => (own(c) ? (local.find((l) => l.type === c.type) ?? c) : c));
  for (const c of local) if (own(c) && !merged.some((m) => m.type === c.type)) merged.push(c);
  return merged;
}
