import { setCondition, type Cluster } from '../../api/cluster.js';
import { isTerminal, type Pod } from '../../model/pod.js';
import { NODE_LOST, nodeLostMessage, POD_NODE_NOT_READY_MESSAGE, REASON } from './constants.js';


/**
 * MarkPodsNotReady (pkg/controller/util/node/controller_utils.go): each pod
 * on the node whose Ready condition is not False gets it False (reason and
 * message kept, as UpdatePodCondition does) and a Warning NodeNotReady event.
 * With `reportUnknownPhase` (podsim's pod-lifecycle model, spec/scenario.md
 * §3), every pod that is not terminal is also reported in phase Unknown with
 * status reason NodeLost; the kubelet's next report replaces both.
 */
export function markPodsNotReady(cluster: Cluster, nodeName: string, reportUnknownPhase: boolean): void {
  for (const pod of [...cluster.podsOn(nodeName)]) markPodNotReady(cluster, pod, nodeName, reportUnknownPhase);
}

export function markPodNotReady(cluster: Cluster, pod: Pod, nodeName: string, reportUnknownPhase: boolean): void {
  const ready = pod.status.conditions.find((c) => c.type === 'Ready');
  const changed = ready !== undefined && ready.status !== 'False';
  if (changed) setCondition(pod, 'Ready', 'False', cluster.now, ready.reason, ready.message);
  const phase = pod.status.phase;
  if (reportUnknownPhase && !isTerminal(phase) && phase !== 'Unknown') {
    pod.status.reason = NODE_LOST;
    pod.status.message = nodeLostMessage(nodeName, pod.metadata.name);
    cluster.updatePodStatus(pod, 'Unknown', NODE_LOST);
  } else if (changed) {
    cluster.updatePodStatus(pod, phase, REASON.NodeNotReady);
  }
  if (!changed) return;
  const { namespace, name } = pod.metadata;
  cluster.recordEvent({
    type: 'Warning',
    reason: REASON.NodeNotReady,
    kind: 'Pod',
    namespace,
    name,
    node: nodeName,
    message: POD_NODE_NOT_READY_MESSAGE,
  });
}
