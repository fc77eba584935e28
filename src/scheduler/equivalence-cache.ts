import { FeasibleRanks } from './feasible-ranks.js';
import type { Status } from './framework.js';

/**
 * The equivalence-class cache, after kube-scheduler's ecache (v1.10–v1.12):
 * pods that are alike in everything the node-local plugins read of them
 * (the same `equivalence(pod)` keys) get the same Filter verdict and the same
 * raw Score on a node in a given state. So each verdict and raw score is
 * computed once per class and node state, and reused until the node changes.
 *
 * Columns are indexed by the node's position in the snapshot's node list and
 * stamped with the NodeInfo generation they were computed at (a generation is
 * never reused, so an equal stamp means the same node in the same state). A
 * new node list (a node added or removed) starts every column afresh, which
 * also covers what node-local scores read of the node set as a whole
 * (ImageLocality's image spread).
 *
 * Only cycle speed depends on the cache: what it returns is what the plugins
 * would return. Classes are forgotten oldest first beyond classLimit.
 */
export class EquivalenceCache {
  /** The classes by key, one trie level per part (see KeyNode). */
  readonly root = new KeyNode(undefined, '');
  /** Nodes holding a class, oldest first. */
  private readonly held = new Set<KeyNode>();

  /** The class at `node` (made on first use), its columns valid for a node list of `size` nodes at `version`. */
  classAt(node: KeyNode, size: number, version: number): EquivalenceClass {
    let cls = node.cls;
    if (cls === undefined) {
      while (this.held.size >= classLimit(size)) this.forget(this.held.values().next().value as KeyNode);
      node.cls = cls = new EquivalenceClass();
      this.held.add(node);
    }
    if (cls.version !== version || cls.size !== size) cls.reset(size, version);
    return cls;
  }

  /** Drops `node`'s class, and the trie nodes left leading nowhere. */
  private forget(node: KeyNode): void {
    this.held.delete(node);
    node.cls = undefined;
    for (let n = node; n.parent !== undefined && n.cls === undefined && n.children.size === 0; n = n.parent) n.parent.children.delete(n.part);
  }
}

/**
 * A class key as a path: each level is one part of the key (a plugin's
 * `equivalence(pod)`), so a pod finds its class by a lookup per part and no
 * key string is ever joined. Equal paths, equal keys.
 */
export class KeyNode {
  readonly children = new Map<string, KeyNode>();
  /** The class whose key ends here. */
  cls: EquivalenceClass | undefined;

  constructor(
    readonly parent: KeyNode | undefined,
    readonly part: string,
  ) {}

  /** The node one level down for `part` (made on first use). */
  child(part: string): KeyNode {
    let node = this.children.get(part);
    if (node === undefined) this.children.set(part, (node = new KeyNode(this, part)));
    return node;
  }
}

/**
 * Classes kept per framework: 32, fewer on clusters so large that 32 would
 * hold more than NODE_COLUMNS_BUDGET node entries (a class holds about 100
 * bytes per node), but at least 4.
 */
export function classLimit(nodes: number): number {
  return Math.max(4, Math.min(32, Math.floor(NODE_COLUMNS_BUDGET / Math.max(nodes, 1))));
}

/** Node entries all classes together may hold (about 100 MB). */
const NODE_COLUMNS_BUDGET = 1 << 20;

/** One class's columns. Filter and Score columns are stamped separately (a node may be filtered and never scored). */
export class EquivalenceClass {
  /** The node list the columns are for (reset when it changes). */
  version = -1;
  size = 0;
  /** NodeInfo.generation the verdict was computed at; -1: never. */
  filterStamp = new Float64Array(0);
  /** The filters' verdict: null when the node passes. */
  verdict: (Status | null)[] = [];
  /** NodeInfo.generation the raw scores were computed at; -1: never. */
  scoreStamp = new Float64Array(0);
  /** The active score plugins the score columns are for, by name (reset when it changes). */
  scorePlugins = '';
  /** Per active score plugin, in order: raw scores (before NormalizeScore). */
  raw: Float64Array[] = [];
  /** Σ weight × raw over the active score plugins without NormalizeScore (their contribution to the total). */
  base = new Float64Array(0);
  /** Per active score plugin: how many nodes have a non-zero raw score in the column. */
  nonZero = new Int32Array(0);
  /** The feasible nodes ranked with their `base` totals (kept only while the ranked search uses them). */
  readonly ranks = new FeasibleRanks();
  /**
   * The snapshot's ChangeLog count when the ranked search last left every
   * verdict, and every feasible node's scores, current; -1: look at every node.
   */
  seenChanges = -1;
  /** Searches that used the class (the linear search serves a class's first one when it looks at few nodes). */
  searches = 0;

  /** Records a node's verdict; a change of feasibility invalidates the ranks. */
  setVerdict(position: number, status: Status | null, generation: number): void {
    if (this.ranks.valid && (this.ranks.rankOf[position] !== -1) !== (status === null)) this.ranks.valid = false;
    this.verdict[position] = status;
    this.filterStamp[position] = generation;
  }

  /** Records a node's base total; a feasible node's rank follows. */
  setBase(position: number, base: number, generation: number): void {
    this.base[position] = base;
    this.scoreStamp[position] = generation;
    if (!this.ranks.valid) return;
    const rank = this.ranks.rankOf[position] as number;
    if (rank !== -1) this.ranks.setTotal(rank, base);
  }

  reset(size: number, version: number): void {
    this.version = version;
    this.size = size;
    this.filterStamp = new Float64Array(size).fill(-1);
    this.verdict = new Array<Status | null>(size).fill(null);
    this.ranks.valid = false;
    this.resetScores(this.scorePlugins, this.raw.length);
  }

  /** Starts the score columns afresh for `plugins` (their names joined) and `count` plugins. */
  resetScores(plugins: string, count: number): void {
    this.scorePlugins = plugins;
    this.scoreStamp = new Float64Array(this.size).fill(-1);
    this.raw = Array.from({ length: count }, () => new Float64Array(this.size));
    this.base = new Float64Array(this.size);
    this.nonZero = new Int32Array(count);
    this.ranks.valid = false;
    this.seenChanges = -1;
  }
}
