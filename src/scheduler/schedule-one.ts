import type { Rng } from '../engine/random.js';
import type { Pod } from '../model/pod.js';
import { ERR_NO_NODES_AVAILABLE } from './fit-error.js';
import { findNodesThatFitPod, type Filtered, type SearchCursor } from './find-nodes.js';
import { CycleState, statusMessage, type Diagnosis, type NodePluginScores, type Status } from './framework.js';
import type { NodeInfo } from './nodeinfo.js';
import { defaultProfile } from './profile.js';
import { Framework, nodePluginScores, type PluginScoreList } from './runtime.js';
import { selectHostByTotals } from './select-host.js';
import { ListSnapshot, type Snapshot } from './snapshot.js';

/** One node's filter verdict: `status` null means the node is feasible. */
export interface NodeVerdict {
  readonly node: string;
  readonly status: Status | null;
}

/** What one attempt learned about every node: the seam for `explain`. */
export interface Evaluation {
  readonly verdicts: readonly NodeVerdict[];
  /** Scores of the feasible nodes, in node order (empty when none is feasible). */
  readonly scores: readonly NodePluginScores[];
  readonly diagnosis: Diagnosis;
}

export type ScheduleResult =
  | { readonly kind: 'scheduled'; readonly node: string; readonly evaluatedNodes: number; readonly feasibleNodes: number; readonly state: CycleState }
  | { readonly kind: 'unschedulable'; readonly state: CycleState; readonly numAllNodes: number; readonly diagnosis: Diagnosis }
  | { readonly kind: 'error'; readonly message: string };

/**
 * schedulePod (schedule_one.go): PreFilter, then the nominated node alone if
 * the pod has one and it fits, else filter from `cursor.nextStartNodeIndex`
 * until numFeasibleNodesToFind nodes fit; score when more than one fits and
 * pick the best, ties broken by `rng` as selectHost does.
 */
export function schedulePod(fwk: Framework, pod: Pod, snapshot: Snapshot, rng: Rng, cursor: SearchCursor): ScheduleResult {
  const nodes = snapshot.nodes;
  if (nodes.length === 0) return { kind: 'error', message: ERR_NO_NODES_AVAILABLE };
  const state = new CycleState(snapshot);
  const filtered = findNodesThatFitPod(fwk, state, pod, nodes, cursor, true, rng);
  if (filtered.error !== undefined) return { kind: 'error', message: filtered.error };
  const { feasible, diagnosis, evaluatedNodes, decided } = filtered;
  if (decided !== undefined) return { kind: 'scheduled', node: decided.node, evaluatedNodes, feasibleNodes: decided.feasibleNodes, state };
  if (feasible.length === 0) return { kind: 'unschedulable', state, numAllNodes: nodes.length, diagnosis };
  if (feasible.length === 1) return { kind: 'scheduled', node: feasible[0]?.name ?? '', evaluatedNodes, feasibleNodes: 1, state };
  if (totalsScratch.length < feasible.length) totalsScratch = new Float64Array(Math.max(feasible.length, 2 * totalsScratch.length));
  const totals = totalsScratch.subarray(0, feasible.length).fill(0);
  if (!prioritizeNodesInto(fwk, state, pod, feasible, totals, filtered.cached, filtered.preScored === true)) totals.fill(1);
  const node = selectHostByTotals(feasible, totals, rng);
  return { kind: 'scheduled', node, evaluatedNodes, feasibleNodes: feasible.length, state };
}

/** schedulePod's totals column, reused (a cycle never runs inside another). */
let totalsScratch = new Float64Array(0);

let defaultFramework: Framework | undefined;

/**
 * Every node's verdict and every feasible node's scores for `pod`, without
 * choosing: what an attempt would see (the seam for `explain`). Every node is
 * filtered (no percentageOfNodesToScore cut). Pure. `fwk` defaults to the
 * default profile; `nodes` may be a Snapshot (the scheduler's cache).
 */
export function evaluate(pod: Pod, nodes: readonly NodeInfo[] | Snapshot, fwk?: Framework): Evaluation {
  fwk ??= defaultFramework ??= new Framework(defaultProfile());
  const snapshot = 'podCounts' in nodes ? nodes : new ListSnapshot(nodes);
  const state = new CycleState(snapshot);
  const cursor = { nextStartNodeIndex: 0, percentageOfNodesToScore: 100 };
  const { feasible, diagnosis } = findNodesThatFitPod(fwk, state, pod, snapshot.nodes, cursor, false);
  const feasibleNames = new Set(feasible.map((n) => n.name));
  const verdicts = snapshot.nodes.map((n) => ({ node: n.name, status: feasibleNames.has(n.name) ? null : diagnosis.nodeToStatus.get(n.name) }));
  const lists = feasible.length > 0 ? prioritizeNodes(fwk, state, pod, feasible) : [];
  const scores = lists.length > 0 ? nodePluginScores(lists, feasible) : feasible.map((n) => ({ name: n.name, scores: [], totalScore: 1 }));
  return { verdicts, scores, diagnosis };
}

/** prioritizeNodes: PreScore then Score; an empty list means no score plugin ran (every node scores 1). */
function prioritizeNodes(fwk: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PluginScoreList[] {
  if (!fwk.hasScorePlugins) return [];
  const status = fwk.runPreScorePlugins(state, pod, () => nodes);
  if (status !== null) throw new Error(`PreScore failed: ${statusMessage(status)}`);
  return fwk.runScorePlugins(state, pod, nodes);
}

/**
 * prioritizeNodes summed into `totals` (through the equivalence class when
 * the search used one), PreScore left out when the search ran it; false
 * when no score plugin ran.
 */
function prioritizeNodesInto(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
  totals: Float64Array,
  cached: Filtered['cached'],
  preScored: boolean,
): boolean {
  if (!fwk.hasScorePlugins) return false;
  if (!preScored) {
    const status = fwk.runPreScorePlugins(state, pod, () => nodes);
    if (status !== null) throw new Error(`PreScore failed: ${statusMessage(status)}`);
  }
  if (cached !== undefined && fwk.equivalence.scoreInto(state, pod, nodes, cached.positions, cached.cls, totals)) return true;
  return fwk.runScorePluginsInto(state, pod, nodes, totals);
}
