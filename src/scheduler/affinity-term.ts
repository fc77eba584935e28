import type { LabelSelector, Labels } from '../model/meta.js';
import { matchesLabelSelector } from '../model/labels.js';
import type { Pod, PodAffinityTerm } from '../model/pod.js';

/** The label every namespace carries (NamespaceDefaultLabelName); podsim namespaces have no other labels. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A parsed pod (anti-)affinity term (framework.AffinityTerm): the namespaces
 * it looks in and its label selector. `namespaces` and `namespaceSelector`
 * are unioned; with neither, the term looks in the pod's own namespace; an
 * empty namespaceSelector means every namespace. A missing labelSelector
 * matches no pod (LabelSelectorAsSelector(nil) is labels.Nothing()).
 * podsim has no Namespace objects: a namespace's labels are only its name label.
 */
export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector?: LabelSelector;
  readonly selector?: LabelSelector;
  readonly topologyKey: string;
  /** Canonical text of namespaces + selectors: equal keys match the same pods. */
  readonly key: string;
}

export interface WeightedAffinityTerm {
  readonly term: AffinityTerm;
  readonly weight: number;
}

export function parseAffinityTerm(term: PodAffinityTerm, podNamespace: string): AffinityTerm {
  const listed = term.namespaces ?? [];
  const namespaces = new Set(listed.length === 0 && term.namespaceSelector === undefined ? [podNamespace] : listed);
  const key = JSON.stringify([[...namespaces].sort(), term.namespaceSelector ?? null, term.labelSelector ?? null]);
  return {
    namespaces,
    ...(term.namespaceSelector !== undefined ? { namespaceSelector: term.namespaceSelector } : {}),
    ...(term.labelSelector !== undefined ? { selector: term.labelSelector } : {}),
    topologyKey: term.topologyKey,
    key,
  };
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and its labels match the selector. */
export function termMatches(term: AffinityTerm, pod: Pod): boolean {
  if (term.selector === undefined) return false;
  const ns = pod.metadata.namespace;
  if (!term.namespaces.has(ns) && !namespaceSelected(term.namespaceSelector, ns)) return false;
  return matchesLabelSelector(term.selector, pod.metadata.labels);
}

function namespaceSelected(selector: LabelSelector | undefined, namespace: string): boolean {
  if (selector === undefined) return false;
  const labels: Labels = { [NAMESPACE_NAME_LABEL]: namespace };
  return matchesLabelSelector(selector, labels);
}

/** podMatchesAllAffinityTerms: false for no terms. */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod)) return false;
  return true;
}
