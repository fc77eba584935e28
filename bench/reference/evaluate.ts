import type { Pod } from '../../src/model/pod.js';
import { interPodAffinityFilter, interPodAffinityPreFilter, interPodAffinityScores, type InterPodPreFilter } from './inter-pod-affinity.js';
import {
  nodeAffinity,
  nodeAffinityPreFilter,
  nodeName,
  nodePorts,
  nodeResourcesFit,
  nodeUnschedulable,
  taintToleration,
} from './node-filters.js';
import {
  balancedAllocationScores,
  imageLocalityScores,
  leastAllocatedScores,
  nodeAffinityScores,
  taintTolerationScores,
} from './node-scores.js';
import { snapshot, type RefNode } from './snapshot.js';
import { topologySpreadFilter, topologySpreadPreFilter, topologySpreadScores, type SpreadPreFilter } from './topology-spread.js';
import {
  DEFAULT_WEIGHTS,
  FILTER_PLUGINS,
  SCORE_PLUGINS,
  type FilterPluginName,
  type NodeScoresRef,
  type NodeVerdictRef,
  type ReferenceCluster,
  type ReferenceOptions,
  type ReferenceResult,
  type Rejection,
  type ScorePluginName,
} from './types.js';

/**
 * Sampling as schedule_one.go findNodesThatPassFilters does it: start at
 * `startIndex` (mod the number of nodes left after PreFilter), stop once
 * `numNodesToFind` feasible nodes are found. Nodes never reached get no verdict.
 */
export interface Sampling {
  readonly numNodesToFind: number;
  readonly startIndex: number;
}

export interface SampledResult extends ReferenceResult {
  /** Feasible plus rejected nodes (advances nextStartNodeIndex). */
  readonly processedNodes: number;
  /** Names of the nodes never examined because of sampling. */
  readonly unexamined: readonly string[];
}

/** PreFilter states, computed on first use within one evaluation and dropped after it. */
interface PreFilterStates {
  spread(): SpreadPreFilter;
  interPod(): InterPodPreFilter;
}

function preFilterStates(pod: Pod, all: readonly RefNode[], cluster: ReferenceCluster, defaults: boolean): PreFilterStates {
  let spread: SpreadPreFilter | undefined;
  let interPod: InterPodPreFilter | undefined;
  return {
    spread: () => (spread ??= topologySpreadPreFilter(pod, all, cluster, defaults)),
    interPod: () => (interPod ??= interPodAffinityPreFilter(pod, all)),
  };
}

type Filter = (pod: Pod, n: RefNode, pre: PreFilterStates) => Rejection | null;

const FILTERS: Readonly<Record<FilterPluginName, Filter>> = {
  NodeUnschedulable: (p, n) => nodeUnschedulable(p, n),
  NodeName: (p, n) => nodeName(p, n),
  TaintToleration: (p, n) => taintToleration(p, n),
  NodeAffinity: (p, n) => nodeAffinity(p, n),
  NodePorts: (p, n) => nodePorts(p, n),
  NodeResourcesFit: (p, n) => nodeResourcesFit(p, n),
  PodTopologySpread: (p, n, pre) => topologySpreadFilter(p, n, pre.spread()),
  InterPodAffinity: (p, n, pre) => interPodAffinityFilter(p, n, pre.interPod()),
};

type Scorer = (pod: Pod, feasible: readonly RefNode[], all: readonly RefNode[], c: ReferenceCluster, defaults: boolean) => number[] | undefined;

const SCORERS: Readonly<Record<ScorePluginName, Scorer>> = {
  TaintToleration: (p, f) => taintTolerationScores(p, f),
  NodeAffinity: (p, f) => nodeAffinityScores(p, f),
  NodeResourcesFit: (p, f) => leastAllocatedScores(p, f),
  PodTopologySpread: (p, f, all, c, d) => topologySpreadScores(p, f, all, c, d),
  InterPodAffinity: (p, f, all) => interPodAffinityScores(p, f, all),
  NodeResourcesBalancedAllocation: (p, f) => balancedAllocationScores(p, f),
  ImageLocality: (p, f, all, c) => imageLocalityScores(p, f, all, c.imageSizes ?? new Map()),
};

/**
 * What kube-scheduler's default profile concludes about `pod` on `cluster`:
 * every node's filter verdict (first rejecting plugin, in profile order),
 * every feasible node's normalized score per plugin and weighted total, and
 * the top-scoring nodes. Pure; O(nodes x pods) per plugin, by design.
 */
export function referenceEvaluate(pod: Pod, cluster: ReferenceCluster, options: ReferenceOptions = {}): ReferenceResult {
  return referenceEvaluateSampled(pod, cluster, options);
}

export function referenceEvaluateSampled(
  pod: Pod,
  cluster: ReferenceCluster,
  options: ReferenceOptions = {},
  sampling?: Sampling,
): SampledResult {
  const all = snapshot(cluster);
  const enabled = new Set(options.filters ?? FILTER_PLUGINS);
  const defaults = options.systemDefaultSpreading ?? true;
  const narrowed = enabled.has('NodeAffinity') ? nodeAffinityPreFilter(pod) : undefined;
  if (narrowed !== undefined && !(narrowed instanceof Set)) {
    const rejection = narrowed as Rejection;
    const verdicts = all.map((n) => ({ node: n.node.name, rejection }));
    return { verdicts, feasible: [], scores: [], best: [], preFilter: rejection, processedNodes: 0, unexamined: [] };
  }
  const allowed = narrowed as ReadonlySet<string> | undefined;
  const candidates = allowed ? all.filter((n) => allowed.has(n.node.name)) : all;
  const cut: Rejection = { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"] };
  const verdictOf = new Map<string, Rejection | null>();
  const feasibleSet = new Set<string>();
  const limit = sampling?.numNodesToFind ?? candidates.length;
  const pre = preFilterStates(pod, all, cluster, defaults);
  let processed = 0;
  for (let i = 0; i < candidates.length && feasibleSet.size < limit; i++) {
    const n = candidates[((sampling?.startIndex ?? 0) + i) % candidates.length];
    if (!n) continue;
    processed++;
    let rejection: Rejection | null = null;
    for (const name of FILTER_PLUGINS) {
      if (!enabled.has(name)) continue;
      rejection = FILTERS[name](pod, n, pre);
      if (rejection) break;
    }
    verdictOf.set(n.node.name, rejection);
    if (!rejection) feasibleSet.add(n.node.name);
  }
  const verdicts: NodeVerdictRef[] = all.map((n) => ({
    node: n.node.name,
    rejection: allowed && !allowed.has(n.node.name) ? cut : (verdictOf.get(n.node.name) ?? null),
  }));
  const feasible = all.filter((n) => feasibleSet.has(n.node.name));
  const scores = scoreNodes(pod, feasible, all, cluster, options, defaults);
  const top = Math.max(...scores.map((s) => s.total));
  const unexamined = candidates.filter((n) => !verdictOf.has(n.node.name)).map((n) => n.node.name);
  const skipped = new Set(unexamined);
  return {
    verdicts: verdicts.filter((v) => !skipped.has(v.node)),
    feasible: feasible.map((n) => n.node.name),
    scores,
    best: scores.filter((s) => s.total === top).map((s) => s.node),
    processedNodes: processed,
    unexamined,
  };
}

/**
 * PreScore, Score, NormalizeScore and weights, per plugin in profile order;
 * skipped plugins leave no entry. With no score plugin configured every
 * node totals 1 (prioritizeNodes).
 */
function scoreNodes(
  pod: Pod,
  feasible: readonly RefNode[],
  all: readonly RefNode[],
  cluster: ReferenceCluster,
  options: ReferenceOptions,
  defaults: boolean,
): NodeScoresRef[] {
  const weights = options.scores ?? DEFAULT_WEIGHTS;
  const perNode = feasible.map(() => ({} as Partial<Record<ScorePluginName, number>>));
  const totals = feasible.map(() => 0);
  const configured = SCORE_PLUGINS.filter((name) => weights[name] !== undefined).length;
  for (const name of SCORE_PLUGINS) {
    const weight = weights[name];
    if (weight === undefined || feasible.length === 0) continue;
    const scores = SCORERS[name](pod, feasible, all, cluster, defaults);
    if (scores === undefined) continue;
    scores.forEach((s, i) => {
      const entry = perNode[i];
      if (entry) entry[name] = s;
      totals[i] = (totals[i] ?? 0) + s * weight;
    });
  }
  return feasible.map((n, i) => ({ node: n.node.name, scores: perNode[i] ?? {}, total: configured === 0 ? 1 : (totals[i] ?? 0) }));
}
