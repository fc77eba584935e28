import type { Pod } from '../model/pod.js';
import { countPods, domainCountsOf, type PodMatcher } from './snapshot.js';
import type { NodeInfo } from './nodeinfo.js';

/** One predicate's counts summed per topology domain over the present nodes that carry `requiredKeys`. */
interface DomainEntry {
  readonly topologyKey: string;
  readonly requiredKeys: readonly string[];
  readonly counts: Map<string, number>;
  /** The node set's version the entry was built for; any node change rebuilds it. */
  readonly nodeVersion: number;
}

interface Entry {
  readonly matcher: PodMatcher;
  counts: Int32Array;
  readonly domains: Map<string, DomainEntry>;
}

/** Where the index reads the nodes: all NodeInfos (ghosts too), the present ones, and the node set's version. */
export interface IndexedNodes {
  all(): Iterable<NodeInfo>;
  present(): readonly NodeInfo[];
  isPresent(info: NodeInfo): boolean;
  version(): number;
}

/**
 * Per-node counts of the pods matching each predicate plugins have asked for,
 * kept current as pods come, go and start terminating, so a scheduling cycle
 * reads them in O(1) per node instead of scanning every pod. An entry is
 * built on first request (one scan of all pods) and then maintained: each pod
 * event costs one predicate test per entry. The per-domain sums asked for
 * (PodTopologySpread, InterPodAffinity) are kept the same way, and rebuilt
 * (one pass over the nodes) after any node is added, removed or updated.
 */
export class PodCountIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly nodes: IndexedNodes) {}

  counts(m: PodMatcher): Int32Array {
    return this.entry(m).counts;
  }

  /**
   * Matching pods per value of `topologyKey`, over the present nodes that
   * carry every key of `requiredKeys` (which includes `topologyKey`); domains
   * with no matching pod are present with 0. Read-only; current until the
   * next pod or node event.
   */
  domainCounts(m: PodMatcher, topologyKey: string, requiredKeys: readonly string[]): ReadonlyMap<string, number> {
    const e = this.entry(m);
    const key = `${topologyKey}\u0000${requiredKeys.join('\u0000')}`;
    const version = this.nodes.version();
    let d = e.domains.get(key);
    if (d === undefined || d.nodeVersion !== version) {
      d = { topologyKey, requiredKeys, nodeVersion: version, counts: domainCountsOf(this.nodes.present(), e.counts, topologyKey, requiredKeys) };
      e.domains.set(key, d);
    }
    return d.counts;
  }

  /** A pod now counts on `node` (bound), or stops counting (removed, terminal): sign ±1. */
  podChanged(pod: Pod, node: NodeInfo, sign: 1 | -1): void {
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    for (const e of this.entries.values()) {
      if (terminating && e.matcher.skipTerminating) continue;
      if (e.matcher.matches(pod)) this.bump(e, node, sign);
    }
  }

  /** A counted pod got its deletionTimestamp: it leaves the entries that skip terminating pods. */
  podTerminating(pod: Pod, node: NodeInfo): void {
    for (const e of this.entries.values()) {
      if (e.matcher.skipTerminating && e.matcher.matches(pod)) this.bump(e, node, -1);
    }
  }

  private entry(m: PodMatcher): Entry {
    let e = this.entries.get(m.key);
    if (!e) {
      e = { matcher: m, counts: countPods([...this.nodes.all()], m), domains: new Map() };
      this.entries.set(m.key, e);
    }
    return e;
  }

  private bump(e: Entry, node: NodeInfo, sign: 1 | -1): void {
    const index = node.index;
    if (index >= e.counts.length) {
      const grown = new Int32Array(Math.max(index + 1, e.counts.length * 2));
      grown.set(e.counts);
      e.counts = grown;
    }
    e.counts[index] = (e.counts[index] ?? 0) + sign;
    if (e.domains.size === 0 || !this.nodes.isPresent(node)) return;
    const labels = node.node.labels;
    for (const d of e.domains.values()) {
      if (!hasKeys(labels, d.requiredKeys)) continue;
      const value = labels[d.topologyKey] as string;
      d.counts.set(value, (d.counts.get(value) ?? 0) + sign);
    }
  }
}

function hasKeys(labels: Readonly<Record<string, string>>, keys: readonly string[]): boolean {
  for (const k of keys) if (!Object.hasOwn(labels, k)) return false;
  return true;
}
