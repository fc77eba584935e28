import type { Rng } from '../engine/random.js';
import type { Pod } from '../model/pod.js';
import { statusMessage, type CycleState, type FilteredNodes } from './framework.js';
import type { NodeInfo } from './nodeinfo.js';
import { ChangeLog } from './snapshot.js';
import type { CycleClass } from './equivalence.js';
import type { FeasibleRanks } from './feasible-ranks.js';
import type { Framework } from './runtime.js';

/** What a search decided: the node, how many nodes it looked at, and how many of them fit. */
export interface Decided {
  readonly kind: 'decided';
  readonly node: string;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
}

/**
 * A window the class's totals could not decide (NormalizeScore, a score
 * plugin that is not node-local, or none at all): its nodes in window order
 * and their places in the node list, for schedulePod to score and choose
 * from. PreScore has run (when there are score plugins). `positions` is
 * reused by the next search.
 */
export interface Window {
  readonly kind: 'window';
  readonly nodes: readonly NodeInfo[];
  readonly positions: Int32Array;
  readonly evaluatedNodes: number;
}

/**
 * findNodesThatPassFilters, then PreScore, and selectHost when the class's
 * totals decide, for a pod whose filters are all node-local (find-nodes.ts
 * says when a class uses it): the same window of feasible nodes from the
 * cursor, the same PreScore, and the same choice and draw as the linear
 * search, found through the class's ranks (feasible-ranks.ts) instead of
 * node by node. When the totals cannot decide, the window goes back to
 * schedulePod to be scored. Verdicts and scores are brought up to date on
 * the nodes the snapshot's change log lists since the class last looked
 * (every node the first time, or after a long while).
 *
 * Undefined when no node fits (the linear search then builds the diagnosis).
 * Does not advance the cursor; `evaluatedNodes` is what it should advance by.
 */
export function searchRanked(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
  start: number,
  limit: number,
  c: CycleClass,
  rng: Rng,
): Decided | Window | undefined {
  const cls = c.cls;
  const ranks = cls.ranks;
  const n = nodes.length;
  const generations = state.snapshot.nodeGenerations as Float64Array;
  const filterStamps = cls.filterStamp;
  const scoreStamps = cls.scoreStamp;
  const verdicts = cls.verdict;
  if (staleScratch.length < n) {
    staleScratch = new Int32Array(n);
    listedScratch = new Float64Array(n);
  }
  const stale = staleScratch;
  const listed = listedScratch;
  const search = ++searches;
  let staleCount = 0;
  // Visit every node, or only those the change log lists since the class last looked: refresh a changed
  // verdict, and list each feasible node whose scores are stale (once).
  const log = state.snapshot.nodeChanges;
  const seen = cls.seenChanges;
  const all = log === undefined || seen < 0 || log.count - seen > Math.min(n, ChangeLog.CAPACITY);
  const end = all ? n : log.count;
  for (let i = all ? 0 : seen; i < end; i++) {
    const p = all ? i : (log.ring[i % ChangeLog.CAPACITY] as number);
    const generation = generations[p] as number;
    if (filterStamps[p] !== generation) fwk.equivalence.filterLocal(state, pod, nodes[p] as NodeInfo, p, generation, c);
    if (scoreStamps[p] !== generation && verdicts[p] === null && listed[p] !== search) {
      listed[p] = search;
      stale[staleCount++] = p;
    }
  }
  if (!ranks.valid) ranks.rebuild(nodes, (p) => verdicts[p] === null, cls.base);
  const count = ranks.count;
  if (count === 0) return undefined;
  const upToDate = log?.count ?? -1;
  const r0 = ranks.rankAtOrAfter(start);
  const len = Math.min(limit, count);
  const last = ranks.positions[(r0 + len - 1) % count] as number;
  const evaluatedNodes = len < limit ? n : ((last - start + n) % n) + 1;
  if (len === 1) return { kind: 'decided', node: (ranks.nodes[r0] as NodeInfo).name, evaluatedNodes, feasibleNodes: 1 };
  current.ranks = ranks;
  current.r0 = r0;
  current.len = len;
  current.nodes = undefined;
  if (fwk.hasScorePlugins) {
    const status = fwk.runPreScorePlugins(state, pod, windowNodes);
    if (status !== null) throw new Error(`PreScore failed: ${statusMessage(status)}`);
    const whole = fwk.equivalence.rankedTotals(state, pod, nodes, cls, stale, staleCount);
    if (whole !== undefined) cls.seenChanges = upToDate;
    if (whole === true) {
      const max = ranks.best(r0, len);
      const ties = ranks.bestTies;
      const k = ties > 1 ? Math.floor(rng() * ties) : 0;
      const rank = ranks.kth(r0, len, max, k);
      return { kind: 'decided', node: (ranks.nodes[rank] as NodeInfo).name, evaluatedNodes, feasibleNodes: len };
    }
  }
  if (positionsScratch.length < len) positionsScratch = new Int32Array(Math.max(len, 2 * positionsScratch.length));
  const positions = positionsScratch.subarray(0, len);
  for (let i = 0; i < len; i++) positions[i] = ranks.positions[(r0 + i) % count] as number;
  return { kind: 'window', nodes: windowNodes(), positions, evaluatedNodes };
}

/** The window searchRanked last gave PreScore (a cycle never runs inside another), read by windowNodes. */
const current: { ranks: FeasibleRanks | undefined; r0: number; len: number; nodes: readonly NodeInfo[] | undefined } = {
  ranks: undefined,
  r0: 0,
  len: 0,
  nodes: undefined,
};

/**
 * The current window's nodes in window order, made only when read (PreScore's
 * Skips mostly never do): one function for every search, not a closure each.
 * Two slices: copies, not a loop of stores into a kept array (much slower).
 * Read after rankedTotals, which may rebuild the ranks but changes no
 * verdict: the same ranks again.
 */
const windowNodes: FilteredNodes = () => {
  if (current.nodes === undefined) {
    const { ranks, r0, len } = current as { ranks: FeasibleRanks; r0: number; len: number };
    const count = ranks.count;
    current.nodes = r0 + len <= count ? ranks.nodes.slice(r0, r0 + len) : ranks.nodes.slice(r0).concat(ranks.nodes.slice(0, r0 + len - count));
  }
  return current.nodes;
};

/** The feasible positions whose scores are older than their node, and the search that listed each; reused across searches. */
let staleScratch = new Int32Array(0);
/** A Window's positions column, reused. */
let positionsScratch = new Int32Array(0);
let listedScratch = new Float64Array(0);
let searches = 0;
