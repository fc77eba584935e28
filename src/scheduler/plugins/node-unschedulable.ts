import type { Toleration } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import { TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from '../../model/taints.js';
import { ActionType, type ClusterEventWithHint, type EventObjects, type QueueingHint } from '../events.js';
import { newStatus, withPlugin, type CycleState, type EnqueueExtensions, type FilterPlugin, type Status } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';

/** ErrReasonUnschedulable (plugins/nodeunschedulable/node_unschedulable.go). */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' } as const;

/**
 * Rejects nodes with spec.unschedulable (cordoned) unless the pod tolerates
 * node.kubernetes.io/unschedulable:NoSchedule. UnschedulableAndUnresolvable:
 * preemption cannot help.
 */
export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = 'NodeUnschedulable';

  /** Node-local: reads only whether the pod tolerates the unschedulable taint. */
  equivalence(pod: Pod): string {
    const tolerations = pod.spec.tolerations;
    // Alike pods come in runs and share their tolerations list (admission): the last answer, kept with its list.
    if (tolerations !== this.lastTolerations) {
      this.lastTolerations = tolerations;
      this.lastKey = tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT) ? 'tolerates' : '';
    }
    return this.lastKey;
  }

  private lastTolerations: readonly Toleration[] | undefined;
  private lastKey = '';

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    if (!nodeInfo.node.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return newStatus('UnschedulableAndUnresolvable', ERR_REASON_UNSCHEDULABLE);
  }

  filterNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const nodeInfo = nodes[i] as NodeInfo;
      if (statuses[i] !== null || !nodeInfo.nodeUnschedulable) continue;
      const status = this.filter(state, pod, nodeInfo);
      if (status !== null) statuses[i] = withPlugin(status, this.name);
    }
  }

  /** Pod toleration updates are registered upstream too; podsim pods are immutable. */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint, label: 'Node/Add|UpdateNodeTaint' },
        hint: schedulableAfterNodeChange,
      },
    ];
  }
}

/** Queue when a node is added schedulable, or goes from unschedulable to schedulable. */
function schedulableAfterNodeChange(_pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Node') return 'Queue';
  const { old, new: now } = objects;
  if (now.unschedulable) return 'QueueSkip';
  return old === undefined || old.unschedulable ? 'Queue' : 'QueueSkip';
}
