import type { Pod } from '../../model/pod.js';
import { ActionType, type ClusterEventWithHint, type EventObjects, type QueueingHint } from '../events.js';
import {
  PRE_FILTER_PASS,
  pluginStatus,
  stateKey,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreFilterReturn,
  type Status,
} from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { podInfo, type HostPort } from '../pod-info.js';

/** ErrReason (plugins/nodeports/node_ports.go). */
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const NAME = 'NodePorts';
const REJECTED = pluginStatus(NAME, 'Unschedulable', ERR_REASON_NODE_PORTS);
const SKIP = pluginStatus(NAME, 'Skip');
/** PreFilter's Skip, shared. */
const SKIPPED: PreFilterReturn = Object.freeze({ status: SKIP });
const portsKey = stateKey<readonly HostPort[]>('PreFilterNodePorts');

/**
 * A pod asking for host ports fits only a node where none of them is in use
 * (HostPortInfo.CheckConflict). PreFilter skips the plugin for pods without
 * host ports. Unschedulable: preemption can free a port.
 */
export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  preFilter(state: CycleState, pod: Pod): { status: Status | null } {
    const ports = podInfo(pod).hostPorts;
    if (ports.length === 0) return SKIPPED;
    state.write(portsKey, ports);
    return PRE_FILTER_PASS;
  }

  /** Node-local: reads the pod's host ports. */
  equivalence(pod: Pod): string {
    const ports = podInfo(pod).hostPorts;
    return ports.length === 0 ? '' : JSON.stringify(ports);
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const ports = state.read(portsKey) ?? podInfo(pod).hostPorts;
    for (const p of ports) if (nodeInfo.portConflicts(p)) return REJECTED;
    return null;
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Delete, label: 'Pod/Delete' }, hint: schedulableAfterPodDeleted },
      { event: { resource: 'Node', actionType: ActionType.Add, label: 'Node/Add' } },
    ];
  }
}

/** Queue when a deleted assigned pod held one of the wanted ports. */
function schedulableAfterPodDeleted(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Pod' || objects.old === undefined || objects.new !== undefined) return 'QueueSkip';
  const deleted = objects.old;
  if (deleted.spec.nodeName === undefined) return 'QueueSkip';
  const wanted = podInfo(pod).hostPorts;
  const freed = podInfo(deleted).hostPorts;
  return freed.some((f) => wanted.some((w) => w.port === f.port && (w.protocol || 'TCP') === (f.protocol || 'TCP'))) ? 'Queue' : 'QueueSkip';
}
