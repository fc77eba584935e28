import type { Pod } from '../../model/pod.js';
import { termMatches, type WeightedAffinityTerm } from '../affinity-term.js';
import { MAX_NODE_SCORE } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { podInfo } from '../pod-info.js';
import type { Snapshot } from '../snapshot.js';
import type { TermGroup, TermKind } from '../term-groups.js';
import { termMatcher } from './inter-pod-affinity-filter.js';

/** scoreMap: topology key -> value -> summed weight. */
export type ScoreMap = Map<string, Map<string, number>>;

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
 * through the per-domain sums; the existing pods' own terms through their
 * term groups (one match test per group of alike terms).
 */
export function affinityPreScore(pod: Pod, snapshot: Snapshot, args: AffinityScoreArgs): ScoreMap | undefined {
  const info = podInfo(pod);
  const hasConstraints = info.preferredAffinityTerms.length > 0 || info.preferredAntiAffinityTerms.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return undefined;
  const existing = snapshot.podsWithAffinityCount() > 0;
  if (!hasConstraints && !existing) return undefined;
  const m: ScoreMap = new Map();
  let any = false;
  const own = (terms: readonly WeightedAffinityTerm[], sign: 1 | -1) => {
    for (const { term, weight } of terms) {
      const counts = snapshot.domainCounts(termMatcher(term), term.topologyKey, [term.topologyKey]);
      if (addDomains(m, term.topologyKey, counts, weight * sign)) any = true;
    }
  };
  own(info.preferredAffinityTerms, 1);
  own(info.preferredAntiAffinityTerms, -1);
  if (existing && existingTerms(m, pod, snapshot, args)) any = true;
  return any ? m : undefined;
}

/** Adds `amount` × count for each domain with a positive count; whether any was added. */
function addDomains(m: ScoreMap, key: string, counts: ReadonlyMap<string, number>, amount: number): boolean {
  let any = false;
  for (const [value, c] of counts) {
    if (c <= 0) continue;
    let byValue = m.get(key);
    if (!byValue) m.set(key, (byValue = new Map()));
    byValue.set(value, (byValue.get(value) ?? 0) + amount * c);
    any = true;
  }
  return any;
}

/** The existing pods' own terms that the incoming pod matches; true when something was recorded. */
function existingTerms(m: ScoreMap, pod: Pod, snapshot: Snapshot, args: AffinityScoreArgs): boolean {
  let any = false;
  const groups = (kind: TermKind, amount: (g: TermGroup) => number) => {
    for (const g of snapshot.termGroups(kind)) {
      if (g.counts.size > 0 && termMatches(g.term, pod) && addDomains(m, g.term.topologyKey, g.counts, amount(g))) any = true;
    }
  };
  if (args.hardPodAffinityWeight > 0) groups('requiredAffinity', () => args.hardPodAffinityWeight);
  groups('preferredAffinity', (g) => g.weight);
  groups('preferredAntiAffinity', (g) => -g.weight);
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
