import type { Pod } from '../../model/pod.js';
import { fitErrorMessage } from '../fit-error.js';
import {
  NodeToStatus,
  isSuccess,
  newStatus,
  statusMessage,
  type CycleState,
  type PostFilterContext,
  type PostFilterPlugin,
  type PostFilterResult,
  type Status,
} from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { podResources } from '../pod-resources.js';

export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';

/**
 * DefaultPreemption's PostFilter (plugins/defaultpreemption, framework/preemption):
 * nodes whose verdict was UnschedulableAndUnresolvable cannot be helped; on
 * the others it removes every lower-priority pod and re-runs the filters
 * (SelectVictimsOnNode). With no candidate it answers
 * `preemption: 0/N nodes are available: ...`, counting "Preemption is not
 * helpful for scheduling", "No preemption victims found for incoming pod" or
 * the filters' reasons per node.
 *
 * Seam: evicting victims and nominating the node is a later issue. When a
 * candidate exists this returns success without acting, which gives the same
 * FailedScheduling message as upstream (no preemption suffix) but leaves the
 * pod pending.
 */
export class DefaultPreemption implements PostFilterPlugin {
  readonly name = 'DefaultPreemption';

  postFilter(
    state: CycleState,
    pod: Pod,
    filtered: NodeToStatus,
    context: PostFilterContext,
  ): { result?: PostFilterResult; status: Status | null } {
    const outcome = this.preempt(state, pod, filtered, context);
    const msg = statusMessage(outcome.status);
    return msg === '' ? outcome : { ...outcome, status: newStatus(outcome.status?.code ?? 'Unschedulable', `preemption: ${msg}`) };
  }

  private preempt(state: CycleState, pod: Pod, filtered: NodeToStatus, context: PostFilterContext) {
    if (pod.spec.preemptionPolicy === 'Never') return { status: newStatus('Unschedulable', MSG_POLICY_NEVER) };
    const statuses = new NodeToStatus(newStatus('UnschedulableAndUnresolvable', MSG_NOT_HELPFUL));
    let candidates = 0;
    for (const nodeInfo of context.nodes) {
      if (filtered.get(nodeInfo.name).code === 'UnschedulableAndUnresolvable') continue;
      const status = selectVictimsOnNode(state, pod, nodeInfo, context);
      if (status === null) candidates++;
      else statuses.set(nodeInfo.name, status);
    }
    if (candidates > 0) return { status: null };
    const message = fitErrorMessage({ numAllNodes: context.nodes.length, nodeToStatus: statuses, preFilterMsg: '', postFilterMsg: '' });
    return { status: newStatus('Unschedulable', message) };
  }
}

/**
 * Whether removing every pod of lower priority makes the pod fit: null when
 * it does (a candidate), else why not.
 */
function selectVictimsOnNode(state: CycleState, pod: Pod, nodeInfo: NodeInfo, context: PostFilterContext): Status | null {
  const victims = [...nodeInfo.pods].filter((p) => p.spec.priority < pod.spec.priority);
  if (victims.length === 0) return newStatus('UnschedulableAndUnresolvable', MSG_NO_VICTIMS);
  const without = nodeInfo.clone();
  for (const victim of victims) without.removePod(victim, podResources(victim));
  const status = context.runFilters(state, pod, without);
  return isSuccess(status) ? null : status;
}
