import type { Pod } from '../model/pod.js';
import { countPods, domainOf, type NodeFilter, type PodMatcher } from './snapshot.js';
import type { NodeInfo } from './nodeinfo.js';

/**
 * One predicate's counts summed per topology domain over the present nodes
 * that carry `requiredKeys` and pass `filter`, kept current under pod and
 * node changes.
 */
interface DomainEntry {
  readonly topologyKey: string;
  readonly requiredKeys: readonly string[];
  readonly filter: NodeFilter | undefined;
  /** Domain -> matching pods on its counted nodes (0 for a domain whose nodes hold none). */
  readonly counts: Map<string, number>;
  /** Domain -> how many counted nodes it has (a domain leaves `counts` with its last node). */
  readonly nodes: Map<string, number>;
  /** By node index: the domain the node is counted in, or undefined when it is not counted. */
  readonly domainOf: (string | undefined)[];
}

interface Entry {
  readonly matcher: PodMatcher;
  counts: Int32Array;
  readonly domains: Map<string, DomainEntry>;
}

/** Where the index reads the nodes: all NodeInfos (ghosts too) and the present ones. */
export interface IndexedNodes {
  all(): Iterable<NodeInfo>;
  present(): readonly NodeInfo[];
}

/**
 * Per-node counts of the pods matching each predicate plugins have asked for,
 * kept current as pods come, go and start terminating, so a scheduling cycle
 * reads them in O(1) per node instead of scanning every pod. An entry is
 * built on first request (one scan of all pods) and then maintained: each pod
 * event costs one predicate test per entry. The per-domain sums asked for
 * (PodTopologySpread, InterPodAffinity) are built on first request (one pass
 * over the nodes) and then kept the same way: a pod event moves its domain's
 * sum, a node added, removed or relabelled moves its count between domains
 * (nodeChanged), so no read walks the nodes again.
 */
export class PodCountIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly nodes: IndexedNodes) {}

  counts(m: PodMatcher): Int32Array {
    return this.entry(m).counts;
  }

  /**
   * Matching pods per domain (domainOf) over the present nodes that carry
   * every key of `requiredKeys` and pass `filter`; domains whose counted
   * nodes hold no matching pod are present with 0. Read-only; current
   * until the next pod or node event.
   */
  domainCounts(m: PodMatcher, topologyKey: string, requiredKeys: readonly string[], filter?: NodeFilter): ReadonlyMap<string, number> {
    const e = this.entry(m);
    const key = `${topologyKey}\u0000${filter === undefined ? '' : filter.key}\u0000${requiredKeys.join('\u0000')}`;
    let d = e.domains.get(key);
    if (d === undefined) {
      d = { topologyKey, requiredKeys, filter, counts: new Map(), nodes: new Map(), domainOf: [] };
      for (const info of this.nodes.present()) enter(d, info.index, domainOf(info.node, topologyKey, requiredKeys, filter), e.counts[info.index] ?? 0);
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

  /**
   * The node was added to the node list, changed (labels, name) or left it
   * (`present` false): its counts move to the domain it now belongs to in
   * every per-domain sum, or out of them.
   */
  nodeChanged(info: NodeInfo, present: boolean): void {
    const index = info.index;
    for (const e of this.entries.values()) {
      if (e.domains.size === 0) continue;
      const count = e.counts[index] ?? 0;
      for (const d of e.domains.values()) {
        const now = present ? domainOf(info.node, d.topologyKey, d.requiredKeys, d.filter) : undefined;
        const was = d.domainOf[index];
        if (now === was) continue;
        leave(d, index, count);
        enter(d, index, now, count);
      }
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
    for (const d of e.domains.values()) {
      const value = d.domainOf[index];
      if (value !== undefined) d.counts.set(value, (d.counts.get(value) ?? 0) + sign);
    }
  }
}

/** Counts node `index` (holding `count` matching pods) in domain `value`; nothing when undefined. */
function enter(d: DomainEntry, index: number, value: string | undefined, count: number): void {
  d.domainOf[index] = value;
  if (value === undefined) return;
  d.counts.set(value, (d.counts.get(value) ?? 0) + count);
  d.nodes.set(value, (d.nodes.get(value) ?? 0) + 1);
}

/** Stops counting node `index` (holding `count` matching pods) in its domain, if it was counted. */
function leave(d: DomainEntry, index: number, count: number): void {
  const value = d.domainOf[index];
  if (value === undefined) return;
  d.domainOf[index] = undefined;
  const left = (d.nodes.get(value) ?? 0) - 1;
  if (left > 0) {
    d.nodes.set(value, left);
    d.counts.set(value, (d.counts.get(value) ?? 0) - count);
  } else {
    d.nodes.delete(value);
    d.counts.delete(value);
  }
}
