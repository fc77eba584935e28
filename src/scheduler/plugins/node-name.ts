import type { Pod } from '../../model/pod.js';
import { ActionType, type ClusterEventWithHint, type EventObjects, type QueueingHint } from '../events.js';
import { newStatus, withPlugin, type CycleState, type EnqueueExtensions, type FilterPlugin, type Status } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';

/** ErrReason (plugins/nodename/node_name.go). */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/**
 * A pod naming spec.nodeName fits only that node. (podsim binds such pods at
 * creation, so the scheduler never sees one; the filter is here for
 * completeness and for explain.)
 */
export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = 'NodeName';

  /** Node-local: reads spec.nodeName. */
  equivalence(pod: Pod): string {
    return pod.spec.nodeName ?? '';
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const wanted = pod.spec.nodeName;
    if (wanted === undefined || wanted === '' || wanted === nodeInfo.name) return null;
    return newStatus('UnschedulableAndUnresolvable', ERR_REASON_NODE_NAME);
  }

  filterNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[]): void {
    const wanted = pod.spec.nodeName;
    if (wanted === undefined || wanted === '') return;
    for (let i = 0; i < nodes.length; i++) {
      if (statuses[i] !== null) continue;
      const status = this.filter(state, pod, nodes[i] as NodeInfo);
      if (status !== null) statuses[i] = withPlugin(status, this.name);
    }
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [{ event: { resource: 'Node', actionType: ActionType.Add, label: 'Node/Add' }, hint: schedulableAfterNodeAdd }];
  }
}

function schedulableAfterNodeAdd(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Node') return 'Queue';
  return pod.spec.nodeName === objects.new.name ? 'Queue' : 'QueueSkip';
}
