import type { Rng } from '../engine/random.js';
import type { Pod } from '../model/pod.js';
import { addPluginStatus, isRejected, newDiagnosis, newStatus, statusMessage, type CycleState, type Diagnosis, type Status } from './framework.js';
import type { CycleClass } from './equivalence.js';
import type { EquivalenceClass } from './equivalence-cache.js';
import type { NodeInfo } from './nodeinfo.js';
import type { Framework } from './runtime.js';
import { searchRanked, type Decided } from './search-ranked.js';

/** The feasible list of a search that found none, or decided without one (read-only, shared). */
const NO_NODES: readonly NodeInfo[] = [];

/** minFeasibleNodesToFind and minFeasibleNodesPercentageToFind (schedule_one.go). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** The scheduler's state that outlives a cycle: where the next node search starts. */
export interface SearchCursor {
  /** nextStartNodeIndex: advanced by the nodes each search looked at, modulo the node count. */
  nextStartNodeIndex: number;
  /** The scheduler-wide percentageOfNodesToScore (0 = adaptive). */
  readonly percentageOfNodesToScore: number;
}

/** What the search found: the feasible nodes in the order found, or the ranked search's choice. */
export interface Filtered {
  readonly feasible: readonly NodeInfo[];
  readonly diagnosis: Diagnosis;
  readonly error?: string;
  /** Set when the search went through the pod's equivalence class: feasible[i] sits at positions[i] of the node list. */
  readonly cached?: { readonly cls: EquivalenceClass; readonly positions: Int32Array };
  /** Set when the ranked search also scored and chose (feasible is then empty). */
  readonly decided?: Decided;
  /** The nodes the search looked at (feasible or not): how far the cursor moved; 0 when it stopped early. */
  readonly evaluatedNodes: number;
  /** Set when the ranked search gave its window: PreScore has already run. */
  readonly preScored?: boolean;
}

/**
 * numFeasibleNodesToFind: every node below 100 nodes; else the percentage
 * (the profile's, else the scheduler's; 0 means adaptive: 50 − n/125, at
 * least 5) of the nodes, at least 100. 1000 nodes -> 420, 5000 -> 500.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct === 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/**
 * findNodesThatFitPod (schedule_one.go): PreFilter, the nominated node alone
 * if it fits, else the search for feasible nodes from the cursor: linear, or
 * through the pod's equivalence class when the class keeps its node-local
 * verdicts (ranked, and then also scored and chosen with `rng`, once that
 * costs less). With `advance` the search samples and moves the cursor on;
 * without it (explain) every node is filtered and the cursor stays.
 */
export function findNodesThatFitPod(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  allNodes: readonly NodeInfo[],
  cursor: SearchCursor,
  advance = true,
  rng?: Rng,
): Filtered {
  const diagnosis = newDiagnosis();
  const pre = fwk.runPreFilterPlugins(state, pod, allNodes);
  if (pre.narrowedBy.size > 0) for (const name of pre.narrowedBy) diagnosis.unschedulablePlugins.add(name);
  if (pre.status !== null) {
    if (!isRejected(pre.status)) return { feasible: NO_NODES, diagnosis, error: statusMessage(pre.status), evaluatedNodes: 0 };
    diagnosis.nodeToStatus.absent = pre.status;
    diagnosis.preFilterMsg = statusMessage(pre.status);
    addPluginStatus(diagnosis, pre.status);
    return { feasible: NO_NODES, diagnosis, evaluatedNodes: 0 };
  }
  const nominated = pod.status.nominatedNodeName;
  if (advance && nominated !== undefined && nominated !== '') {
    const info = nodeNamed(state, allNodes, nominated);
    if (info !== undefined) {
      const found = passFilters(fwk, state, pod, [info], diagnosis, cursor, false);
      if (found.error === undefined && found.feasible.length > 0) return found;
      // The search below may reject the nominated node again: its verdict must count once.
      diagnosis.nodeToStatus.expectRepeats();
    }
  }
  let nodes = allNodes;
  const names = pre.result?.nodeNames;
  if (names !== undefined) {
    nodes = nodesNamed(state, allNodes, names);
    const plugins = [...pre.narrowedBy].sort().join(' ');
    diagnosis.nodeToStatus.absent = newStatus('UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${plugins}]`);
  }
  const c = advance && names === undefined ? fwk.equivalence.classFor(state, pod) : undefined;
  if (c !== undefined && c.rest.length === 0 && rng !== undefined && !state.snapshot.hasNominatedPods()) {
    const n = nodes.length;
    const limit = searchLimit(fwk, n, cursor);
    // The ranked search costs a look at every node the first time a class uses it, then only at what
    // changed; the linear one about `limit` nodes each time. Ranked once the linear searches would have
    // looked at every node (at most twice the work of knowing in advance how often the class comes back).
    if (c.cls.searches++ * limit >= n || 2 * limit >= n) {
      const ranked = searchRanked(fwk, state, pod, nodes, cursor.nextStartNodeIndex % n, limit, c, rng);
      if (ranked !== undefined) {
        const evaluatedNodes = ranked.evaluatedNodes;
        cursor.nextStartNodeIndex = (cursor.nextStartNodeIndex + evaluatedNodes) % allNodes.length;
        if (ranked.kind === 'decided') return { feasible: NO_NODES, diagnosis, decided: ranked, evaluatedNodes };
        return { feasible: ranked.nodes, diagnosis, cached: { cls: c.cls, positions: ranked.positions }, evaluatedNodes, preScored: true };
      }
    }
  }
  const found =
    c !== undefined ? passFiltersCached(fwk, state, pod, nodes, diagnosis, cursor, c) : passFilters(fwk, state, pod, nodes, diagnosis, cursor, advance);
  if (advance) cursor.nextStartNodeIndex = (cursor.nextStartNodeIndex + found.evaluatedNodes) % allNodes.length;
  return found;
}

/** The node of `allNodes` (the snapshot's node list) named `name`, found through the snapshot's lookup. */
function nodeNamed(state: CycleState, allNodes: readonly NodeInfo[], name: string): NodeInfo | undefined {
  const info = allNodes[state.snapshot.nodePosition(name)];
  return info !== undefined && info.name === name ? info : undefined;
}

/**
 * The nodes of `allNodes` a PreFilterResult names, in node-list order (as
 * filtering the list would give them), looked up by name: O(names), where
 * upstream too gets each from the snapshot (a DaemonSet pod names one node).
 * Names of nodes not in the snapshot are dropped.
 */
function nodesNamed(state: CycleState, allNodes: readonly NodeInfo[], names: ReadonlySet<string>): readonly NodeInfo[] {
  const positions: number[] = [];
  for (const name of names) {
    const p = state.snapshot.nodePosition(name);
    if (allNodes[p]?.name === name) positions.push(p);
  }
  if (positions.length > 1) positions.sort((a, b) => a - b);
  return positions.map((p) => allNodes[p] as NodeInfo);
}

/** How many feasible nodes a sampled search of `n` nodes stops at: numFeasibleNodesToFind, or one when no plugin scores. */
function searchLimit(fwk: Framework, n: number, cursor: SearchCursor): number {
  return fwk.hasScorePlugins ? numFeasibleNodesToFind(n, fwk.percentageOfNodesToScore ?? cursor.percentageOfNodesToScore) : Math.min(n, 1);
}

/** findNodesThatPassFilters: from the cursor, until enough nodes fit (one when nothing scores). */
function passFilters(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
  diagnosis: Diagnosis,
  cursor: SearchCursor,
  sample: boolean,
): Filtered {
  const n = nodes.length;
  const limit = sample ? searchLimit(fwk, n, cursor) : fwk.hasScorePlugins ? n : Math.min(n, 1);
  const start = sample ? cursor.nextStartNodeIndex : 0;
  const feasible: NodeInfo[] = [];
  const batched = !state.snapshot.hasNominatedPods();
  const chunk = chunkScratch;
  const statuses = statusScratch;
  for (let i = 0; i < n && feasible.length < limit; ) {
    const size = Math.min(n - i, Math.max(limit - feasible.length, MIN_CHUNK));
    chunk.length = size;
    let at = (start + i) % n;
    for (let k = 0; k < size; k++) {
      chunk[k] = nodes[at] as NodeInfo;
      if (++at === n) at = 0;
    }
    i += size;
    if (batched) fwk.runFilterPluginsOnNodes(state, pod, chunk, statuses);
    for (let k = 0; k < size && feasible.length < limit; k++) {
      const nodeInfo = chunk[k] as NodeInfo;
      const status = batched ? (statuses[k] ?? null) : fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
      if (status === null) {
        feasible.push(nodeInfo);
        continue;
      }
      if (status.code === 'Error') return { feasible: NO_NODES, diagnosis, error: statusMessage(status), evaluatedNodes: 0 };
      diagnosis.nodeToStatus.set(nodeInfo.name, status);
      addPluginStatus(diagnosis, status);
    }
  }
  return { feasible, diagnosis, evaluatedNodes: feasible.length + diagnosis.nodeToStatus.size };
}

/**
 * passFilters through the pod's equivalence class: each node's verdict comes
 * from the class while the node is unchanged, except on nodes with nominated
 * pods, which get runFilterPluginsWithNominatedPods as in passFilters. Same
 * feasible nodes, order and diagnosis as passFilters with sampling.
 */
function passFiltersCached(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
  diagnosis: Diagnosis,
  cursor: SearchCursor,
  c: CycleClass,
): Filtered {
  const cls = c.cls;
  const n = nodes.length;
  const limit = searchLimit(fwk, n, cursor);
  if (positionScratch.length < limit) positionScratch = new Int32Array(Math.max(limit, 2 * positionScratch.length));
  const positions = positionScratch;
  const feasible: NodeInfo[] = [];
  const generations = state.snapshot.nodeGenerations as Float64Array;
  const stamps = cls.filterStamp;
  const verdicts = cls.verdict;
  let found = 0;
  let at = cursor.nextStartNodeIndex % n;
  const rest = c.rest;
  const snapshot = state.snapshot;
  const anyNominated = snapshot.hasNominatedPods();
  for (let i = 0; i < n && found < limit; ) {
    // A chunk of the nodes still wanted (as passFilters): the node-local verdicts from the class,
    // then the other filters in one batch over the chunk's nodes that passed. A node with nominated
    // pods gets runFilterPluginsWithNominatedPods whole (run again by the batch when it passes: the
    // same answer, as filters are pure).
    const size = Math.min(n - i, Math.max(limit - found, MIN_CHUNK));
    const chunk = chunkScratch;
    const statuses = statusScratch;
    chunk.length = size;
    statuses.length = size;
    for (let k = 0, p = at; k < size; k++) {
      const generation = generations[p] as number;
      const nodeInfo = nodes[p] as NodeInfo;
      chunk[k] = nodeInfo;
      if (anyNominated && snapshot.nominatedPods(nodeInfo.name).length > 0) statuses[k] = fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
      else statuses[k] = stamps[p] === generation ? (verdicts[p] as Status | null) : fwk.equivalence.filterLocal(state, pod, nodeInfo, p, generation, c);
      if (++p === n) p = 0;
    }
    if (rest.length > 0) fwk.runFilterListOnNodes(state, pod, chunk, statuses, rest);
    for (let k = 0; k < size && found < limit; k++, i++) {
      const status = statuses[k] as Status | null;
      if (status === null) positions[found++] = at;
      else {
        if (status.code === 'Error') return { feasible: NO_NODES, diagnosis, error: statusMessage(status), evaluatedNodes: 0 };
        diagnosis.nodeToStatus.set((chunk[k] as NodeInfo).name, status);
        addPluginStatus(diagnosis, status);
      }
      if (++at === n) at = 0;
    }
  }
  for (let k = 0; k < found; k++) feasible.push(nodes[positions[k] as number] as NodeInfo);
  return { feasible, diagnosis, cached: { cls, positions }, evaluatedNodes: found + diagnosis.nodeToStatus.size };
}

/** passFiltersCached's positions column, reused (a search never runs inside another). */
let positionScratch = new Int32Array(0);

/**
 * Nodes are filtered in chunks of the feasible nodes still wanted (at least
 * this many); verdicts past the last wanted node are dropped unseen, which
 * is invisible because filters are pure.
 */
const MIN_CHUNK = 64;

/** passFilters' and passFiltersCached's chunk and verdict columns, reused (a search never runs inside another). */
const chunkScratch: NodeInfo[] = [];
const statusScratch: (Status | null)[] = [];
