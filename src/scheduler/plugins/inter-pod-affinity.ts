import type { Pod } from '../../model/pod.js';
import type { InterPodAffinityArgs } from '../../model/scheduler-config.js';
import { matchesAllTerms, termMatches } from '../affinity-term.js';
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
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { podInfo } from '../pod-info.js';
import {
  affinityPreFilter,
  satisfyExistingPodsAntiAffinity,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
  type AffinityPreFilterState,
} from './inter-pod-affinity-filter.js';
import { affinityPreScore, affinityScore, normalizeAffinityScores, type ScoreMap } from './inter-pod-affinity-score.js';

const NAME = 'InterPodAffinity';
/** The filter's reasons (interpodaffinity/filtering.go). */
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const SKIP = pluginStatus(NAME, 'Skip');
/** PreFilter's Skip, shared. */
const SKIPPED: PreFilterReturn = Object.freeze({ status: SKIP });
const AFFINITY = pluginStatus(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_AFFINITY);
const ANTI = pluginStatus(NAME, 'Unschedulable', ERR_REASON_ANTI_AFFINITY);
const EXISTING = pluginStatus(NAME, 'Unschedulable', ERR_REASON_EXISTING_ANTI_AFFINITY);

const preFilterKey = stateKey<AffinityPreFilterState>(`PreFilter${NAME}`);
const preScoreKey = stateKey<ScoreMap>(`PreScore${NAME}`);

/** SetDefaults_InterPodAffinityArgs. */
export const DEFAULT_INTER_POD_AFFINITY_ARGS: InterPodAffinityArgs = { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false };

/**
 * InterPodAffinity (plugins/interpodaffinity, v1.35): required pod affinity
 * (UnschedulableAndUnresolvable when unmet), required anti-affinity of the
 * pod and of the pods already placed (Unschedulable: preemption may help),
 * and the preferred terms of both sides as a score.
 */
export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;

  constructor(private readonly args: InterPodAffinityArgs = DEFAULT_INTER_POD_AFFINITY_ARGS) {}

  preFilter(state: CycleState, pod: Pod): { status: Status | null } {
    const s = affinityPreFilter(pod, state.snapshot);
    if (s === undefined) return SKIPPED;
    state.write(preFilterKey, s);
    return PRE_FILTER_PASS;
  }

  addPod(state: CycleState, _pod: Pod, podToAdd: Pod, nodeInfo: NodeInfo): void {
    state.read(preFilterKey)?.updateWithPod(podToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, _pod: Pod, podToRemove: Pod, nodeInfo: NodeInfo): void {
    state.read(preFilterKey)?.updateWithPod(podToRemove, nodeInfo, -1);
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read(preFilterKey);
    if (s === undefined) return null;
    if (!satisfyPodAffinity(s, nodeInfo)) return AFFINITY;
    if (!satisfyPodAntiAffinity(s, nodeInfo)) return ANTI;
    if (!satisfyExistingPodsAntiAffinity(s, nodeInfo)) return EXISTING;
    return null;
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    const m = affinityPreScore(pod, state.snapshot, this.args);
    if (m === undefined) return SKIP;
    state.write(preScoreKey, m);
    return null;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
    const m = state.read(preScoreKey);
    return m === undefined ? 0 : affinityScore(m, nodeInfo);
  }

  normalizeScore(state: CycleState, _pod: Pod, scores: number[]): void {
    const m = state.read(preScoreKey);
    if (m !== undefined && m.size > 0) normalizeAffinityScores(scores);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete, label: 'Pod/Add|UpdatePodLabel|Delete' }, hint: affinityPodHint },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel, label: 'Node/Add|UpdateNodeLabel' } },
    ];
  }
}

/**
 * isSchedulableAfterPodChange: an added pod matching the pod's required
 * affinity, or a deleted pod whose anti-affinity the pod matches or that
 * matches the pod's anti-affinity.
 */
function affinityPodHint(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Pod') return 'Queue';
  const info = podInfo(pod);
  if (objects.new !== undefined && objects.old === undefined) {
    return matchesAllTerms(info.requiredAffinityTerms, objects.new) ? 'Queue' : 'QueueSkip';
  }
  const deleted = objects.old;
  if (deleted === undefined) return 'QueueSkip';
  if (podInfo(deleted).requiredAntiAffinityTerms.some((t) => termMatches(t, pod))) return 'Queue';
  return info.requiredAntiAffinityTerms.some((t) => termMatches(t, deleted)) ? 'Queue' : 'QueueSkip';
}
