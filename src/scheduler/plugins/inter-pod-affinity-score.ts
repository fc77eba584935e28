import type { Pod } from '../../model/pod.js';
import { termMatches, type WeightedAffinityTerm } from '../affinity-term.js';
import { MAX_NODE_SCORE } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { podInfo } from '../pod-info.js';
import type { Snapshot } from '../snapshot.js';
import { termMatcher } from './inter-pod-affinity-filter.js';

/** scoreMap: topology key -> value -> summed weight. */
export type ScoreMap = Map<string, Map<string, number>>;

function add(m: ScoreMap, labels: Readonly<Record<string, string>>, key: string, amount: number): boolean {
  if (!Object.hasOwn(labels, key)) return false;
  let byValue = m.get(key);
  if (!byValue) m.set(key, (byValue = new Map()));
  const value = labels[key] as string;
  byValue.set(value, (byValue.get(value) ?? 0) + amount);
  return true;
}

export interface AffinityScoreArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/**
 * PreScore (interpodaffinity/scoring.go, v1.35): for every existing pod on a
 * labelled node, in the domains of that node: + weight of each preferred
 * affinity term of the incoming pod it matches, − weight of each preferred
 * anti-affinity term; + hardPodAffinityWeight for each of its required
 * affinity terms the incoming pod matches; ± weight of its own preferred
 * (anti-)affinity terms the incoming pod matches. Undefined (Skip) when no
 * existing pod contributed anything. The incoming pod's terms are counted
 * through the per-node indexes; the existing pods' own terms by visiting the
 * pods with affinity.
 */
export function affinityPreScore(pod: Pod, snapshot: Snapshot, args: AffinityScoreArgs): ScoreMap | undefined {
  const info = podInfo(pod);
  const hasConstraints = info.preferredAffinityTerms.length > 0 || info.preferredAntiAffinityTerms.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return undefined;
  const m: ScoreMap = new Map();
  let any = false;
  const own = (terms: readonly WeightedAffinityTerm[], sign: 1 | -1) =>
    terms.map(({ term, weight }) => ({ key: term.topologyKey, amount: weight * sign, counts: snapshot.podCounts(termMatcher(term)) }));
  if (!hasConstraints && snapshot.podsWithAffinityCount() === 0) return undefined;
  const mine = [...own(info.preferredAffinityTerms, 1), ...own(info.preferredAntiAffinityTerms, -1)];
  for (const n of snapshot.nodes) {
    if (mine.length === 0 && n.podsWithAffinity.size === 0) continue;
    const labels = n.node.labels;
    if (isEmpty(labels)) continue;
    for (const { key, amount, counts } of mine) {
      const c = counts[n.index] ?? 0;
      if (c > 0 && add(m, labels, key, amount * c)) any = true;
    }
    for (const existing of n.podsWithAffinity) if (existingTerms(m, existing, pod, n, args)) any = true;
  }
  return any ? m : undefined;
}

function isEmpty(labels: Readonly<Record<string, string>>): boolean {
  for (const k in labels) if (Object.hasOwn(labels, k)) return false;
  return true;
}

/** The existing pod's own terms that the incoming pod matches; true when something was recorded. */
function existingTerms(m: ScoreMap, existing: Pod, pod: Pod, n: NodeInfo, args: AffinityScoreArgs): boolean {
  const e = podInfo(existing);
  const labels = n.node.labels;
  let any = false;
  if (args.hardPodAffinityWeight > 0) {
    for (const t of e.requiredAffinityTerms) if (termMatches(t, pod) && add(m, labels, t.topologyKey, args.hardPodAffinityWeight)) any = true;
  }
  for (const { term, weight } of e.preferredAffinityTerms) if (termMatches(term, pod) && add(m, labels, term.topologyKey, weight)) any = true;
  for (const { term, weight } of e.preferredAntiAffinityTerms) if (termMatches(term, pod) && add(m, labels, term.topologyKey, -weight)) any = true;
  return any;
}

/** Score: the sums of the node's domains. */
export function affinityScore(m: ScoreMap, node: NodeInfo): number {
  const labels = node.node.labels;
  let score = 0;
  for (const [key, byValue] of m) {
    if (Object.hasOwn(labels, key)) score += byValue.get(labels[key] as string) ?? 0;
  }
  return score;
}

/** NormalizeScore: 100 × (s − min) / (max − min), truncated; all 0 when max = min. */
export function normalizeAffinityScores(scores: number[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] ?? 0) - min) / diff)) : 0;
}
