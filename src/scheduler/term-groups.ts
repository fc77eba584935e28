import type { Pod } from '../model/pod.js';
import type { AffinityTerm } from './affinity-term.js';
import type { NodeInfo } from './nodeinfo.js';
import { podInfo } from './pod-info.js';

/** Which of the placed pods' inter-pod affinity terms a TermGroup collects. */
export type TermKind = 'requiredAffinity' | 'requiredAntiAffinity' | 'preferredAffinity' | 'preferredAntiAffinity';

/**
 * The placed pods' terms of one kind that are alike (same namespaces,
 * selectors, topology key and weight), with how many of them sit in each
 * domain (value of the topology key) of the present nodes. A term matches
 * the same pods as any other of its group, so a cycle tests one per group
 * instead of one per placed pod. Domains with no term are absent.
 */
export interface TermGroup {
  readonly term: AffinityTerm;
  /** The preferred terms' weight; 0 for required terms. */
  readonly weight: number;
  readonly counts: ReadonlyMap<string, number>;
}

interface MutableGroup extends TermGroup {
  readonly counts: Map<string, number>;
}

function termsOf(pod: Pod, kind: TermKind): readonly { term: AffinityTerm; weight: number }[] {
  const info = podInfo(pod);
  switch (kind) {
    case 'requiredAffinity':
      return info.requiredAffinityTerms.map((term) => ({ term, weight: 0 }));
    case 'requiredAntiAffinity':
      return info.requiredAntiAffinityTerms.map((term) => ({ term, weight: 0 }));
    case 'preferredAffinity':
      return info.preferredAffinityTerms;
    case 'preferredAntiAffinity':
      return info.preferredAntiAffinityTerms;
  }
}

/** The term groups of one kind over a set of nodes, kept current pod by pod. */
export class TermGroups {
  private readonly groups = new Map<string, MutableGroup>();

  constructor(readonly kind: TermKind) {}

  /** The groups over the pods (with affinity) of `nodes`. */
  static build(kind: TermKind, nodes: readonly NodeInfo[]): TermGroups {
    const g = new TermGroups(kind);
    for (const n of nodes) for (const p of n.podsWithAffinity) g.podChanged(p, n, 1);
    return g;
  }

  values(): Iterable<TermGroup> {
    return this.groups.values();
  }

  /** `pod` now counts on `node` (+1) or stops counting (−1). */
  podChanged(pod: Pod, node: NodeInfo, sign: 1 | -1): void {
    if (!podInfo(pod).hasAffinity) return;
    const labels = node.node.labels;
    for (const { term, weight } of termsOf(pod, this.kind)) {
      if (!Object.hasOwn(labels, term.topologyKey)) continue;
      const key = `${term.key}\u0000${term.topologyKey}\u0000${weight}`;
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = { term, weight, counts: new Map() }));
      const value = labels[term.topologyKey] as string;
      const n = (g.counts.get(value) ?? 0) + sign;
      if (n === 0) g.counts.delete(value);
      else g.counts.set(value, n);
    }
  }
}
