import type { Pod } from '../model/pod.js';
import { countPods, type PodMatcher } from './snapshot.js';
import type { NodeInfo } from './nodeinfo.js';

interface Entry {
  readonly matcher: PodMatcher;
  counts: Int32Array;
}

/**
 * Per-node counts of the pods matching each predicate plugins have asked for,
 * kept current as pods come, go and start terminating, so a scheduling cycle
 * reads them in O(1) per node instead of scanning every pod. An entry is
 * built on first request (one scan of all pods) and then maintained: each pod
 * event costs one predicate test per entry.
 */
export class PodCountIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly nodes: () => Iterable<NodeInfo>) {}

  counts(m: PodMatcher): Int32Array {
    let e = this.entries.get(m.key);
    if (!e) {
      e = { matcher: m, counts: countPods([...this.nodes()], m) };
      this.entries.set(m.key, e);
    }
    return e.counts;
  }

  /** A pod now counts on `node` (bound), or stops counting (removed, terminal): sign ±1. */
  podChanged(pod: Pod, node: NodeInfo, sign: 1 | -1): void {
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    for (const e of this.entries.values()) {
      if (terminating && e.matcher.skipTerminating) continue;
      if (e.matcher.matches(pod)) this.bump(e, node.index, sign);
    }
  }

  /** A counted pod got its deletionTimestamp: it leaves the entries that skip terminating pods. */
  podTerminating(pod: Pod, node: NodeInfo): void {
    for (const e of this.entries.values()) {
      if (e.matcher.skipTerminating && e.matcher.matches(pod)) this.bump(e, node.index, -1);
    }
  }

  private bump(e: Entry, index: number, sign: 1 | -1): void {
    if (index >= e.counts.length) {
      const grown = new Int32Array(Math.max(index + 1, e.counts.length * 2));
      grown.set(e.counts);
      e.counts = grown;
    }
    e.counts[index] = (e.counts[index] ?? 0) + sign;
  }
}
