import type { Pod } from '../../model/pod.js';
import {
  newStatus,
  type CycleState,
  type NodeToStatus,
  type PostFilterPlugin,
  type PostFilterResult,
  type Status,
} from '../framework.js';

/**
 * DynamicResources, as far as podsim needs it. DRA is GA and on (locked) since
 * v1.35, which puts this plugin in the default profile just before
 * DefaultPreemption. Its PostFilter runs for every unschedulable pod; podsim
 * pods have no ResourceClaims, so it always answers Unschedulable with
 * "no new claims to deallocate", which RunPostFilterPlugins joins in front of
 * the preemption message.
 */
export class DynamicResources implements PostFilterPlugin {
  readonly name = 'DynamicResources';

  postFilter(_state: CycleState, _pod: Pod, _filtered: NodeToStatus): { result?: PostFilterResult; status: Status | null } {
    return { status: newStatus('Unschedulable', 'no new claims to deallocate') };
  }
}
