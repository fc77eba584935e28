import type { Pod } from '../model/pod.js';
import { checkedScore, type CycleState, type FilterPlugin, type Plugin, type ScorePlugin, type Status } from './framework.js';
import { EquivalenceCache, type EquivalenceClass, type KeyNode } from './equivalence-cache.js';
import type { NodeInfo } from './nodeinfo.js';

/** A cycle's equivalence class and its filters: node-local (verdicts kept by the class) first, then the rest. */
export interface CycleClass {
  readonly cls: EquivalenceClass;
  readonly local: readonly FilterPlugin[];
  readonly rest: readonly FilterPlugin[];
}

/** A score plugin with its weight, as the framework runs it. */
export interface WeightedScore {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** A cycle's score plugins (those not skipped), in profile order. */
interface ScoresThatRun {
  /** The node-local ones: their raw scores are kept in the class's columns. */
  readonly local: readonly WeightedScore[];
  /** The rest (they read other nodes' pods): scored afresh each cycle. */
  readonly others: readonly WeightedScore[];
  /** `local`'s names joined with ',' (the columns' EquivalenceClass.scorePlugins). */
  readonly names: string;
}

/** What Equivalence reads of its framework. */
export interface EquivalenceHost {
  /** The filters that run this cycle (not skipped by PreFilter), in profile order. */
  activeFilters(state: CycleState): readonly FilterPlugin[];
  /** RunFilterPlugins over `filters` only. */
  runFilterList(state: CycleState, pod: Pod, nodeInfo: NodeInfo, filters: readonly FilterPlugin[]): Status | null;
  /** One score plugin's normalized scores of `nodes`, times its weight, added into `totals` (as runScorePluginsInto does). */
  addScoresInto(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], totals: Float64Array, score: WeightedScore): void;
  /** The profile's score plugins, in order. */
  readonly scores: readonly WeightedScore[];
}

const NO_FILTERS: readonly FilterPlugin[] = [];

/** Active filters split into the node-local ones and the rest, which run after them. */
interface FilterSplit {
  readonly local: readonly FilterPlugin[];
  readonly rest: readonly FilterPlugin[];
}

/** The split, or null when a node-local filter runs after one that is not. */
function splitFilters(filters: readonly FilterPlugin[]): FilterSplit | null {
  let split = 0;
  while (split < filters.length && (filters[split] as FilterPlugin).equivalence !== undefined) split++;
  for (let i = split; i < filters.length; i++) if ((filters[i] as FilterPlugin).equivalence !== undefined) return null;
  return split === filters.length ? { local: filters, rest: NO_FILTERS } : { local: filters.slice(0, split), rest: filters.slice(split) };
}

/**
 * A framework's use of the equivalence-class cache (equivalence-cache.ts):
 * which class a pod is in this cycle, and Filter verdicts and Score totals
 * answered from the class while the nodes are unchanged. Every answer is the
 * one the framework's own Filter and Score would give.
 */
export class Equivalence {
  private readonly cache = new EquivalenceCache();
  /** scoresThatRun by skip set. */
  private readonly runs = new Map<ReadonlySet<string>, { readonly run: ScoresThatRun | undefined }>();
  /** splitFilters' answers by active filter list (the framework keeps one list per skip set). */
  private readonly splits = new WeakMap<readonly FilterPlugin[], FilterSplit | null>();
  /** skippedPart's answers by skip set. */
  private readonly skippedParts = new Map<ReadonlySet<string>, string>();
  /**
   * The last answers of those three, with what they were for: alike pods
   * skip alike, so most cycles ask the same again.
   */
  private lastScoreSkip: ReadonlySet<string> | undefined;
  private lastRun: { readonly run: ScoresThatRun | undefined } | undefined;
  private lastFilters: readonly FilterPlugin[] | undefined;
  private lastSplit: FilterSplit | null | undefined;
  private lastSkipped: ReadonlySet<string> | undefined;
  private lastSkippedPart = '';
  /** Plugins that declare `equivalence` (node-local), in profile order: their keys make a pod's class. */
  private readonly nodeLocal: (Plugin & { equivalence(pod: Pod): string })[];
  /**
   * Their `equivalence` methods, bound: a call through this array is one
   * shape of read, where `plugin.equivalence` across plugin classes is a
   * megamorphic property load for every plugin of every pod.
   */
  private readonly keys: readonly ((pod: Pod) => string)[];
  /** The last class key's parts (the plugins' keys, then the skipped part) and the trie node they lead to. */
  private readonly lastParts: string[] = [];
  private lastNode: KeyNode | undefined;

  constructor(
    private readonly host: EquivalenceHost,
    plugins: readonly Plugin[],
  ) {
    this.nodeLocal = plugins.filter((p): p is Plugin & { equivalence(pod: Pod): string } => typeof p.equivalence === 'function');
    this.keys = this.nodeLocal.map((p) => p.equivalence.bind(p));
  }

  /**
   * The pod's equivalence class for this cycle (equivalence-cache.ts), after
   * PreFilter, with the filters that run split into the node-local ones,
   * whose verdicts the class keeps, and the rest, run per node after them.
   * Undefined when a node-local filter runs after one that is not (the
   * first rejection would no longer be upstream's), or the snapshot does not
   * version its node list.
   */
  classFor(state: CycleState, pod: Pod): CycleClass | undefined {
    const version = state.snapshot.nodeListVersion;
    if (version === undefined || state.snapshot.nodeGenerations === undefined) return undefined;
    const filters = this.host.activeFilters(state);
    let split = filters === this.lastFilters ? this.lastSplit : this.splits.get(filters);
    if (split === undefined) this.splits.set(filters, (split = splitFilters(filters)));
    this.lastFilters = filters;
    this.lastSplit = split;
    if (split === null) return undefined;
    // The key's parts; when they are the last pod's (alike pods come in runs), its node, still in the trie.
    const keys = this.keys;
    const parts = this.lastParts;
    let same = this.lastNode?.cls !== undefined;
    for (let i = 0; i < keys.length; i++) {
      const part = (keys[i] as (pod: Pod) => string)(pod);
      if (part !== parts[i]) {
        parts[i] = part;
        same = false;
      }
    }
    const skipped = this.skippedPart(state.skipFilterPlugins);
    if (skipped !== parts[keys.length]) {
      parts[keys.length] = skipped;
      same = false;
    }
    if (!same) {
      let node = this.cache.root;
      for (let i = 0; i <= keys.length; i++) node = node.child(parts[i] as string);
      this.lastNode = node;
    }
    const cls = this.cache.classAt(this.lastNode as KeyNode, state.snapshot.nodes.length, version);
    return { cls, local: split.local, rest: split.rest };
  }

  /** The key's last part: the node-local plugins whose Filter PreFilter skipped (skip sets are interned: plugin-names.ts). */
  private skippedPart(skip: ReadonlySet<string>): string {
    if (skip === this.lastSkipped) return this.lastSkippedPart;
    let part = this.skippedParts.get(skip);
    if (part === undefined) {
      part = this.nodeLocal
        .filter((p) => skip.has(p.name))
        .map((p) => `${p.name},`)
        .join('');
      this.skippedParts.set(skip, part);
    }
    this.lastSkipped = skip;
    this.lastSkippedPart = part;
    return part;
  }

  /**
   * The node-local filters' verdict on a node, from the class while the node
   * is in the state it was computed at (`generation` is its
   * NodeInfo.generation, `position` its place in the snapshot's node list).
   */
  filterLocal(state: CycleState, pod: Pod, nodeInfo: NodeInfo, position: number, generation: number, c: CycleClass): Status | null {
    const cls = c.cls;
    if (cls.filterStamp[position] === generation) return cls.verdict[position] as Status | null;
    const status = this.host.runFilterList(state, pod, nodeInfo, c.local);
    cls.setVerdict(position, status, generation);
    return status;
  }

  /**
   * runScorePluginsInto through `cls`: the node-local plugins' raw scores are
   * reused while a node is in the state they were computed at, and their
   * NormalizeScore runs only when some raw score is non-zero (all zero:
   * every node would get the same normalized score, which changes no choice
   * and is left out); the other plugins score the nodes afresh.
   * `positions[i]` is nodes[i]'s place in the snapshot's node list. The
   * totals are runScorePluginsInto's less a constant common to every node;
   * false (nothing written) when no score plugin runs.
   */
  scoreInto(
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
    positions: Int32Array,
    cls: EquivalenceClass,
    totals: Float64Array,
  ): boolean {
    const run = this.cachedScores(state, cls);
    if (run === undefined) return false;
    const local = run.local;
    const n = nodes.length;
    const stamps = cls.scoreStamp;
    const base = cls.base;
    const generations = state.snapshot.nodeGenerations as Float64Array;
    for (let i = 0; i < n; i++) {
      const at = positions[i] as number;
      const generation = generations[at] as number;
      if (stamps[at] !== generation) this.refreshScores(state, pod, nodes[i] as NodeInfo, at, generation, local, cls);
      totals[i] = base[at] as number;
    }
    for (let j = 0; j < local.length; j++) {
      const { plugin, weight } = local[j] as WeightedScore;
      if (plugin.normalizeScore === undefined || cls.nonZero[j] === 0) continue;
      const raw = cls.raw[j] as Float64Array;
      scratch.length = n;
      for (let i = 0; i < n; i++) scratch[i] = raw[positions[i] as number] as number;
      plugin.normalizeScore(state, pod, scratch, nodes);
      for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + checkedScore(plugin.name, scratch[i] as number) * weight;
    }
    for (const score of run.others) this.host.addScoresInto(state, pod, nodes, totals, score);
    return true;
  }

  /** The score plugins that run this cycle, with the class's score columns made the node-local ones'; undefined when none runs. */
  private cachedScores(state: CycleState, cls: EquivalenceClass): ScoresThatRun | undefined {
    const run = this.scoresThatRun(state.skipScorePlugins);
    if (run === undefined) return undefined;
    if (cls.scorePlugins !== run.names) cls.resetScores(run.names, run.local.length);
    return run;
  }

  /** The score plugins not in `skip`, split as ScoresThatRun; undefined when none runs. Memoised per skip set (interned: plugin-names.ts). */
  private scoresThatRun(skip: ReadonlySet<string>): ScoresThatRun | undefined {
    let memo = skip === this.lastScoreSkip ? this.lastRun : this.runs.get(skip);
    if (memo === undefined) {
      const scores = this.host.scores;
      const active = skip.size === 0 ? scores : scores.filter((s) => !skip.has(s.plugin.name));
      const local = active.filter((s) => s.plugin.equivalence !== undefined);
      const others = active.filter((s) => s.plugin.equivalence === undefined);
      memo = { run: active.length === 0 ? undefined : { local, others, names: local.map((s) => s.plugin.name).join(',') } };
      this.runs.set(skip, memo);
    }
    this.lastScoreSkip = skip;
    this.lastRun = memo;
    return memo.run;
  }

  /**
   * For the ranked search (search-ranked.ts), after PreScore: brings the
   * class's base totals up to date on every feasible node (`stale` lists the
   * feasible positions whose scores are older than their node; all of them
   * when the score plugins changed), and answers whether the base totals are
   * the whole story: every score plugin that runs is node-local and none
   * needs NormalizeScore (all raw scores zero). The ranks follow the totals;
   * no verdict changes, so a rebuild of the ranks gives the same ranks.
   * Undefined (nothing refreshed) when no score plugin runs.
   */
  rankedTotals(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], cls: EquivalenceClass, stale: Int32Array, staleCount: number): boolean | undefined {
    const names = cls.scorePlugins;
    const run = this.cachedScores(state, cls);
    if (run === undefined) return undefined;
    const local = run.local;
    const generations = state.snapshot.nodeGenerations as Float64Array;
    if (names !== cls.scorePlugins) {
      // New score columns (and ranks invalidated): score every feasible node, then rank again.
      const ranks = cls.ranks;
      for (let r = 0; r < ranks.count; r++) {
        const at = ranks.positions[r] as number;
        this.refreshScores(state, pod, nodes[at] as NodeInfo, at, generations[at] as number, local, cls);
      }
      ranks.rebuild(nodes, (p) => cls.verdict[p] === null, cls.base);
    } else {
      for (let i = 0; i < staleCount; i++) {
        const at = stale[i] as number;
        this.refreshScores(state, pod, nodes[at] as NodeInfo, at, generations[at] as number, local, cls);
      }
    }
    if (run.others.length > 0) return false;
    for (let j = 0; j < local.length; j++) if ((local[j] as WeightedScore).plugin.normalizeScore !== undefined && cls.nonZero[j] !== 0) return false;
    return true;
  }

  /** Recomputes one node's raw scores into `cls` (the plugins without NormalizeScore straight into `base`). */
  private refreshScores(
    state: CycleState,
    pod: Pod,
    info: NodeInfo,
    at: number,
    generation: number,
    local: readonly WeightedScore[],
    cls: EquivalenceClass,
  ): void {
    let base = 0;
    for (let j = 0; j < local.length; j++) {
      const { plugin, weight } = local[j] as WeightedScore;
      const s = plugin.score(state, pod, info);
      if (plugin.normalizeScore === undefined) {
        base += checkedScore(plugin.name, s) * weight;
        continue;
      }
      const raw = cls.raw[j] as Float64Array;
      cls.nonZero[j] = (cls.nonZero[j] as number) - (raw[at] !== 0 ? 1 : 0) + (s !== 0 ? 1 : 0);
      raw[at] = s;
    }
    cls.setBase(at, base, generation);
  }
}

/** Score column for scoreInto's NormalizeScore calls, reused (cycles never overlap). */
const scratch: number[] = [];
