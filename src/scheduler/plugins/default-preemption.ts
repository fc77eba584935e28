import type { Rng } from '../../engine/random.js';
import type { Pod } from '../../model/pod.js';
import type { DefaultPreemptionArgs } from '../../model/scheduler-config.js';
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
import { NO_VICTIMS, pickOneNodeForPreemption, selectVictimsOnNode, type Candidate } from './preemption-victims.js';

export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

/** SetDefaults_DefaultPreemptionArgs. */
export const DEFAULT_PREEMPTION_ARGS: DefaultPreemptionArgs = { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 };

/**
 * DefaultPreemption's PostFilter (plugins/defaultpreemption, framework/preemption,
 * v1.35). For a pod that may preempt (preemptionPolicy PreemptLowerPriority,
 * no lower-priority pod already terminating by preemption on its nominated
 * node), the nodes whose verdict was Unschedulable are dry-run from a random
 * offset until enough candidates are found (calculateNumCandidates: 10 % of
 * them, at least 100): on each, every lower-priority pod is removed and, if
 * the pod then fits, the victims are reprieved in priority order while it
 * still fits. One candidate is picked (pickOneNodeForPreemption) and returned
 * with its victims; the caller evicts them and nominates the node. With no
 * candidate the answer is `preemption: 0/N nodes are available: ...`.
 */
export class DefaultPreemption implements PostFilterPlugin {
  readonly name = 'DefaultPreemption';

  constructor(
    private readonly args: DefaultPreemptionArgs = DEFAULT_PREEMPTION_ARGS,
    /** The offset draw (rand.Int31n); a fixed 0 when absent. */
    private readonly rng?: Rng,
  ) {}

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

  /** calculateNumCandidates. */
  numCandidates(numNodes: number): number {
    const n = Math.max(Math.floor((numNodes * this.args.minCandidateNodesPercentage) / 100), this.args.minCandidateNodesAbsolute);
    return Math.min(n, numNodes);
  }

  private preempt(state: CycleState, pod: Pod, filtered: NodeToStatus, context: PostFilterContext): { result?: PostFilterResult; status: Status | null } {
    const ineligible = eligibilityProblem(state, pod, filtered, context.nodes);
    if (ineligible !== undefined) return { status: newStatus('Unschedulable', ineligible) };
    const potential = context.nodes.filter((n) => filtered.get(n.name).code === 'Unschedulable');
    const statuses = new NodeToStatus(newStatus('UnschedulableAndUnresolvable', MSG_NOT_HELPFUL));
    const candidates = potential.length === 0 ? [] : this.dryRun(state, pod, potential, context, statuses);
    if (candidates.length === 0) {
      const message = fitErrorMessage({ numAllNodes: context.nodes.length, nodeToStatus: statuses, preFilterMsg: '', postFilterMsg: '' });
      return { result: { nominatedNodeName: '' }, status: newStatus('Unschedulable', message) };
    }
    const best = candidates.length === 1 ? candidates[0] : pickOneNodeForPreemption(candidates);
    if (best === undefined) return { status: newStatus('Unschedulable', 'no candidate node for preemption') };
    return { result: { nominatedNodeName: best.node, victims: best.victims }, status: null };
  }

  /** DryRunPreemption: candidates in discovery order, non-violating first (no PDBs yet: all are). */
  private dryRun(state: CycleState, pod: Pod, potential: readonly NodeInfo[], context: PostFilterContext, statuses: NodeToStatus): Candidate[] {
    const offset = this.rng ? Math.floor(this.rng() * potential.length) : 0;
    const wanted = this.numCandidates(potential.length);
    const found: Candidate[] = [];
    for (let i = 0; i < potential.length && found.length < wanted; i++) {
      const nodeInfo = potential[(offset + i) % potential.length] as NodeInfo;
      // SelectVictimsOnNode's first answer, without copying the node and the state to find it.
      if (!nodeInfo.hasPodBelow(pod.spec.priority)) {
        statuses.set(nodeInfo.name, NO_VICTIMS);
        continue;
      }
      const { victims, status } = selectVictimsOnNode(state.clone(), pod, nodeInfo.clone(), context);
      if (isSuccess(status) && victims.length > 0) found.push({ node: nodeInfo.name, victims, numPDBViolations: 0 });
      else statuses.set(nodeInfo.name, status ?? newStatus('Error', `expected at least one victim pod on node "${nodeInfo.name}"`));
    }
    return found;
  }
}

/** PodEligibleToPreemptOthers: the reason it may not, or undefined. */
function eligibilityProblem(state: CycleState, pod: Pod, filtered: NodeToStatus, nodes: readonly NodeInfo[]): string | undefined {
  if (pod.spec.preemptionPolicy === 'Never') return MSG_POLICY_NEVER;
  const nominated = pod.status.nominatedNodeName;
  if (nominated === undefined || nominated === '') return undefined;
  if (filtered.get(nominated).code === 'UnschedulableAndUnresolvable') return undefined;
  const info = nodes[state.snapshot.nodePosition(nominated)];
  if (info === undefined || info.name !== nominated) return undefined;
  for (const p of info.pods) {
    if (p.spec.priority < pod.spec.priority && terminatingByPreemption(p)) return MSG_TERMINATING_ON_NOMINATED;
  }
  return undefined;
}

/** podTerminatingByPreemption: deleting, with DisruptionTarget reason PreemptionByScheduler. */
function terminatingByPreemption(p: Pod): boolean {
  if (p.metadata.deletionTimestamp === undefined) return false;
  return p.status.conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}
