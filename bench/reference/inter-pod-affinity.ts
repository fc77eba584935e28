import { matchesLabelSelector } from '../../src/model/labels.js';
import type { Labels, LabelSelector } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Pod, PodAffinityTerm } from '../../src/model/pod.js';
import { label, type RefNode } from './snapshot.js';
import type { Rejection } from './types.js';

/**
 * InterPodAffinity (plugins/interpodaffinity: filtering.go, scoring.go) with
 * HardPodAffinityWeight 1 and IgnorePreferredTermsOfExistingPods false (the
 * defaults). Namespace labels are those the API server puts on every
 * namespace: kubernetes.io/metadata.name.
 */

export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const HARD_POD_AFFINITY_WEIGHT = 1;

function namespaceLabels(namespace: string): Labels {
  return { 'kubernetes.io/metadata.name': namespace };
}

/** fwk.AffinityTerm.Matches: namespace listed (or selected) and labels selected; a nil selector selects nothing. */
function termMatches(owner: Pod, term: PodAffinityTerm, target: Pod): boolean {
  const namespaces = term.namespaces ?? [];
  const ns = target.metadata.namespace;
  let nsOk: boolean;
  if (namespaces.length === 0 && term.namespaceSelector === undefined) nsOk = ns === owner.metadata.namespace;
  else nsOk = namespaces.includes(ns) || (term.namespaceSelector !== undefined && matchesLabelSelector(term.namespaceSelector, namespaceLabels(ns)));
  return nsOk && selects(term.labelSelector, target);
}

function selects(selector: LabelSelector | undefined, pod: Pod): boolean {
  return selector !== undefined && matchesLabelSelector(selector, pod.metadata.labels);
}

const requiredAffinity = (p: Pod) => p.spec.affinity?.podAffinity?.required ?? [];
const requiredAnti = (p: Pod) => p.spec.affinity?.podAntiAffinity?.required ?? [];
const preferredAffinity = (p: Pod) => p.spec.affinity?.podAffinity?.preferred ?? [];
const preferredAnti = (p: Pod) => p.spec.affinity?.podAntiAffinity?.preferred ?? [];

/** podMatchesAllAffinityTerms: false for no terms. */
function matchesAll(owner: Pod, terms: readonly PodAffinityTerm[], target: Pod): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(owner, t, target));
}

type Counts = Map<string, number>;
const pair = (key: string, value: string) => `${key}\u0000${value}`;
function bump(m: Counts, node: Node, key: string): void {
  const v = label(node.labels, key);
  if (v !== undefined) m.set(pair(key, v), (m.get(pair(key, v)) ?? 0) + 1);
}

export interface InterPodPreFilter {
  readonly existingAnti: Counts;
  readonly affinity: Counts;
  readonly anti: Counts;
}

/** InterPodAffinity PreFilter: topology-pair counts over every pod in the cluster, once per pod. */
export function interPodAffinityPreFilter(pod: Pod, nodes: readonly RefNode[]): InterPodPreFilter {
  const existingAnti: Counts = new Map();
  const affinity: Counts = new Map();
  const anti: Counts = new Map();
  for (const n of nodes) {
    for (const existing of n.pods) {
      for (const t of requiredAnti(existing)) if (termMatches(existing, t, pod)) bump(existingAnti, n.node, t.topologyKey);
      if (matchesAll(pod, requiredAffinity(pod), existing)) for (const t of requiredAffinity(pod)) bump(affinity, n.node, t.topologyKey);
      for (const t of requiredAnti(pod)) if (termMatches(pod, t, existing)) bump(anti, n.node, t.topologyKey);
    }
  }
  return { existingAnti, affinity, anti };
}

/** InterPodAffinity Filter for one node. */
export function interPodAffinityFilter(pod: Pod, n: RefNode, state: InterPodPreFilter): Rejection | null {
  const { existingAnti, affinity, anti } = state;
  if (existingAnti.size === 0 && requiredAffinity(pod).length === 0 && requiredAnti(pod).length === 0) return null;
  const labels = n.node.labels;
  let podsExist = true;
  for (const t of requiredAffinity(pod)) {
    const v = label(labels, t.topologyKey);
    if (v === undefined) return { plugin: 'InterPodAffinity', code: 'UnschedulableAndUnresolvable', reasons: [ERR_AFFINITY] };
    if ((affinity.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (!podsExist && !(affinity.size === 0 && matchesAll(pod, requiredAffinity(pod), pod))) {
    return { plugin: 'InterPodAffinity', code: 'UnschedulableAndUnresolvable', reasons: [ERR_AFFINITY] };
  }
  for (const t of requiredAnti(pod)) {
    const v = label(labels, t.topologyKey);
    if (v !== undefined && (anti.get(pair(t.topologyKey, v)) ?? 0) > 0) {
      return { plugin: 'InterPodAffinity', code: 'Unschedulable', reasons: [ERR_ANTI_AFFINITY] };
    }
  }
  for (const key of Object.keys(labels)) {
    if ((existingAnti.get(pair(key, labels[key] ?? '')) ?? 0) > 0) {
      return { plugin: 'InterPodAffinity', code: 'Unschedulable', reasons: [ERR_EXISTING_ANTI_AFFINITY] };
    }
  }
  return null;
}

/**
 * InterPodAffinity PreScore + Score + NormalizeScore. Undefined when the
 * plugin skips (no term of the pod or of any existing pod matched anywhere).
 */
export function interPodAffinityScores(pod: Pod, feasible: readonly RefNode[], nodes: readonly RefNode[]): number[] | undefined {
  const topologyScore = new Map<string, number>();
  let matched = false;
  const add = (node: Node, key: string, weight: number) => {
    const v = label(node.labels, key);
    if (v === undefined) return;
    matched = true;
    topologyScore.set(pair(key, v), (topologyScore.get(pair(key, v)) ?? 0) + weight);
  };
  for (const n of nodes) {
    if (Object.keys(n.node.labels).length === 0) continue;
    for (const existing of n.pods) {
      for (const w of preferredAffinity(pod)) if (termMatches(pod, w.podAffinityTerm, existing)) add(n.node, w.podAffinityTerm.topologyKey, w.weight);
      for (const w of preferredAnti(pod)) if (termMatches(pod, w.podAffinityTerm, existing)) add(n.node, w.podAffinityTerm.topologyKey, -w.weight);
      for (const t of requiredAffinity(existing)) if (termMatches(existing, t, pod)) add(n.node, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
      for (const w of preferredAffinity(existing)) if (termMatches(existing, w.podAffinityTerm, pod)) add(n.node, w.podAffinityTerm.topologyKey, w.weight);
      for (const w of preferredAnti(existing)) if (termMatches(existing, w.podAffinityTerm, pod)) add(n.node, w.podAffinityTerm.topologyKey, -w.weight);
    }
  }
  if (!matched) return undefined;
  const raw = feasible.map((n) => {
    let s = 0;
    for (const key of Object.keys(n.node.labels)) s += topologyScore.get(pair(key, n.node.labels[key] ?? '')) ?? 0;
    return s;
  });
  const min = Math.min(...raw);
  const max = Math.max(...raw);
  const diff = max - min;
  return raw.map((s) => (diff > 0 ? Math.trunc(100 * ((s - min) / diff)) : 0));
}
