import type { Pod } from '../../model/pod.js';
import { matchesAllTerms, termMatches, type AffinityTerm } from '../affinity-term.js';
import type { NodeInfo } from '../nodeinfo.js';
import { podInfo, type PodInfo } from '../pod-info.js';
import type { PodMatcher, Snapshot } from '../snapshot.js';
import { TopologyCounts } from './topology-counts.js';

/** interpodaffinity.preFilterState (filtering.go, v1.35). */
export class AffinityPreFilterState {
  constructor(
    readonly pod: Pod,
    readonly info: PodInfo,
    /** Existing pods' required anti-affinity terms the incoming pod matches. */
    readonly existingAntiAffinityCounts: TopologyCounts,
    /** Existing pods matching all of the incoming pod's required affinity terms. */
    readonly affinityCounts: TopologyCounts,
    /** Existing pods matching the incoming pod's required anti-affinity terms. */
    readonly antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): AffinityPreFilterState {
    return new AffinityPreFilterState(
      this.pod,
      this.info,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /** updateWithPod: `p` was added to (+1) or removed from (−1) `node`. */
  updateWithPod(p: Pod, node: NodeInfo, delta: 1 | -1): void {
    const labels = node.node.labels;
    for (const t of podInfo(p).requiredAntiAffinityTerms) {
      if (termMatches(t, this.pod)) this.existingAntiAffinityCounts.update(labels, t.topologyKey, delta);
    }
    if (matchesAllTerms(this.info.requiredAffinityTerms, p)) {
      for (const t of this.info.requiredAffinityTerms) this.affinityCounts.update(labels, t.topologyKey, delta);
    }
    for (const t of this.info.requiredAntiAffinityTerms) {
      if (termMatches(t, p)) this.antiAffinityCounts.update(labels, t.topologyKey, delta);
    }
  }
}

/** Counts pods matching one term (IPA counts terminating pods too). */
export function termMatcher(t: AffinityTerm): PodMatcher {
  return { key: `term|${t.key}`, skipTerminating: false, matches: (p) => termMatches(t, p) };
}

function allTermsMatcher(terms: readonly AffinityTerm[]): PodMatcher {
  return { key: `all|${terms.map((t) => t.key).join('|')}`, skipTerminating: false, matches: (p) => matchesAllTerms(terms, p) };
}

/**
 * PreFilter's counts; undefined (Skip) when nothing can reject the pod.
 * Each term's counts per domain come from the snapshot's per-domain sums,
 * and the existing pods' anti-affinity from their term groups (one match
 * test per group), not from a pass over the nodes.
 */
export function affinityPreFilter(pod: Pod, snapshot: Snapshot): AffinityPreFilterState | undefined {
  const info = podInfo(pod);
  const anyExisting = snapshot.podsWithRequiredAntiAffinityCount() > 0;
  const req = info.requiredAffinityTerms;
  const antiTerms = info.requiredAntiAffinityTerms;
  if (!anyExisting && req.length === 0 && antiTerms.length === 0) return undefined;
  const existing = anyExisting ? existingAntiAffinityCounts(pod, snapshot) : new TopologyCounts();
  if (existing.size === 0 && req.length === 0 && antiTerms.length === 0) return undefined;
  const all = req.length > 0 ? allTermsMatcher(req) : undefined;
  const affinity = all === undefined ? new TopologyCounts() : TopologyCounts.fromDomains(req.map((t) => [t.topologyKey, snapshot.domainCounts(all, t.topologyKey, [t.topologyKey])]));
  const anti = TopologyCounts.fromDomains(antiTerms.map((t) => [t.topologyKey, snapshot.domainCounts(termMatcher(t), t.topologyKey, [t.topologyKey])]));
  return new AffinityPreFilterState(pod, info, existing, affinity, anti);
}

/** The existing pods' required anti-affinity terms that `pod` matches, counted in their nodes' domains. */
function existingAntiAffinityCounts(pod: Pod, snapshot: Snapshot): TopologyCounts {
  const matched: [string, ReadonlyMap<string, number>][] = [];
  for (const g of snapshot.termGroups('requiredAntiAffinity')) {
    if (g.counts.size > 0 && termMatches(g.term, pod)) matched.push([g.term.topologyKey, g.counts]);
  }
  return TopologyCounts.fromDomains(matched);
}

/** satisfyPodAffinity, with the exception for the first pod of a group with affinity to itself. */
export function satisfyPodAffinity(s: AffinityPreFilterState, node: NodeInfo): boolean {
  const labels = node.node.labels;
  let podsExist = true;
  for (const t of s.info.requiredAffinityTerms) {
    if (!Object.hasOwn(labels, t.topologyKey)) return false;
    if (s.affinityCounts.get(t.topologyKey, labels[t.topologyKey] as string) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  return s.affinityCounts.size === 0 && matchesAllTerms(s.info.requiredAffinityTerms, s.pod);
}

/** satisfyPodAntiAffinity: no matching pod in the node's domain of any anti-affinity term. */
export function satisfyPodAntiAffinity(s: AffinityPreFilterState, node: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  const labels = node.node.labels;
  for (const t of s.info.requiredAntiAffinityTerms) {
    if (!Object.hasOwn(labels, t.topologyKey)) continue;
    if (s.antiAffinityCounts.get(t.topologyKey, labels[t.topologyKey] as string) > 0) return false;
  }
  return true;
}

/** satisfyExistingPodsAntiAffinity: no existing pod's anti-affinity term covers any of the node's (key, value) pairs. */
export function satisfyExistingPodsAntiAffinity(s: AffinityPreFilterState, node: NodeInfo): boolean {
  return s.existingAntiAffinityCounts.size === 0 || !s.existingAntiAffinityCounts.anyPositive(node.node.labels);
}
