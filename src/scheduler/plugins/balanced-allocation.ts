import type { Pod } from '../../model/pod.js';
import type { BalancedAllocationArgs } from '../../model/scheduler-config.js';
import { pluginStatus, stateKey, type CycleState, type PreScorePlugin, type ScorePlugin, type Status } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { balancedResourceScorer } from './allocation-scorers.js';
import { DEFAULT_SCORING_RESOURCES } from './least-allocated.js';
import { podResources } from '../pod-resources.js';
import { ResourceAllocation } from './resource-allocation.js';

const NAME = 'NodeResourcesBalancedAllocation';
const SKIP = pluginStatus(NAME, 'Skip');
const preScoreKey = stateKey<readonly number[]>(`PreScore${NAME}`);

/**
 * NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go):
 * favours nodes whose cpu and memory shares would be alike after placing the
 * pod, on the real requests (useRequested). Best-effort pods (no request for
 * any of the resources) are skipped (kubernetes #129138).
 */
export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  private readonly allocation: ResourceAllocation;

  constructor(args: BalancedAllocationArgs = { resources: DEFAULT_SCORING_RESOURCES }) {
    this.allocation = new ResourceAllocation(args.resources, true, balancedResourceScorer);
  }

  /** Node-local: reads the pod's request list. */
  equivalence(pod: Pod): string {
    return podResources(pod).key;
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    const requests = this.allocation.podRequests(pod);
    if (allZero(requests)) return SKIP;
    state.write(preScoreKey, requests);
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const requests = state.read(preScoreKey) ?? this.allocation.podRequests(pod);
    if (allZero(requests)) return 0;
    return this.allocation.score(nodeInfo, requests);
  }
}

/** A best-effort pod's request list: every configured resource 0. */
function allZero(requests: readonly number[]): boolean {
  for (let i = 0; i < requests.length; i++) if (requests[i] !== 0) return false;
  return true;
}
