import type { Rng } from '../engine/random.js';
import type { Pod } from '../model/pod.js';
import { ERR_NO_NODES_AVAILABLE } from './fit-error.js';
import {
  CycleState,
  addPluginStatus,
  isRejected,
  newDiagnosis,
  newStatus,
  statusMessage,
  type Diagnosis,
  type NodePluginScores,
  type Status,
} from './framework.js';
import type { NodeInfo } from './nodeinfo.js';
import { defaultProfile } from './profile.js';
import { Framework } from './runtime.js';

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
  | { readonly kind: 'scheduled'; readonly node: string; readonly evaluatedNodes: number; readonly feasibleNodes: number }
  | { readonly kind: 'unschedulable'; readonly state: CycleState; readonly numAllNodes: number; readonly diagnosis: Diagnosis }
  | { readonly kind: 'error'; readonly message: string };

interface Filtered {
  readonly feasible: NodeInfo[];
  readonly diagnosis: Diagnosis;
  readonly error?: string;
}

/**
 * schedulePod (schedule_one.go): filter every node (see `nodesToFind`), then
 * score when more than one is feasible and pick the best, ties broken by
 * `rng` as selectHost does. Pure but for the draws on `rng`.
 */
export function schedulePod(fwk: Framework, pod: Pod, nodes: readonly NodeInfo[], rng: Rng): ScheduleResult {
  if (nodes.length === 0) return { kind: 'error', message: ERR_NO_NODES_AVAILABLE };
  const state = new CycleState();
  const filtered = findNodesThatFitPod(fwk, state, pod, nodes);
  if (filtered.error !== undefined) return { kind: 'error', message: filtered.error };
  const { feasible, diagnosis } = filtered;
  if (feasible.length === 0) {
    return { kind: 'unschedulable', state, numAllNodes: nodes.length, diagnosis };
  }
  const evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
  if (feasible.length === 1) {
    return { kind: 'scheduled', node: feasible[0]?.name ?? '', evaluatedNodes, feasibleNodes: 1 };
  }
  const scores = prioritizeNodes(fwk, state, pod, feasible);
  return { kind: 'scheduled', node: selectHost(scores, rng), evaluatedNodes, feasibleNodes: feasible.length };
}

let defaultFramework: Framework | undefined;

/**
 * Every node's verdict and every feasible node's scores for `pod`, without
 * choosing: what an attempt would see (the seam for `explain`). Pure.
 * `fwk` defaults to the default profile.
 */
export function evaluate(pod: Pod, nodes: readonly NodeInfo[], fwk?: Framework): Evaluation {
  fwk ??= defaultFramework ??= new Framework(defaultProfile());
  const state = new CycleState();
  const { feasible, diagnosis } = findNodesThatFitPod(fwk, state, pod, nodes);
  const feasibleNames = new Set(feasible.map((n) => n.name));
  const verdicts = nodes.map((n) => ({ node: n.name, status: feasibleNames.has(n.name) ? null : diagnosis.nodeToStatus.get(n.name) }));
  const scores = feasible.length > 0 ? prioritizeNodes(fwk, state, pod, feasible) : [];
  return { verdicts, scores, diagnosis };
}

/**
 * Seam for percentageOfNodesToScore: how many feasible nodes to look for
 * before stopping. podsim evaluates all nodes for now.
 */
export function nodesToFind(numAllNodes: number): number {
  return numAllNodes;
}

function findNodesThatFitPod(fwk: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Filtered {
  const diagnosis = newDiagnosis();
  const pre = fwk.runPreFilterPlugins(state, pod, nodes);
  for (const name of pre.narrowedBy) diagnosis.unschedulablePlugins.add(name);
  if (pre.status !== null) {
    if (!isRejected(pre.status)) return { feasible: [], diagnosis, error: statusMessage(pre.status) };
    diagnosis.nodeToStatus.absent = pre.status;
    diagnosis.preFilterMsg = statusMessage(pre.status);
    addPluginStatus(diagnosis, pre.status);
    return { feasible: [], diagnosis };
  }
  let candidates = nodes;
  const names = pre.result?.nodeNames;
  if (names !== undefined) {
    candidates = nodes.filter((n) => names.has(n.name));
    const plugins = [...pre.narrowedBy].sort().join(' ');
    diagnosis.nodeToStatus.absent = newStatus('UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${plugins}]`);
  }
  const feasible: NodeInfo[] = [];
  const limit = nodesToFind(nodes.length);
  for (const nodeInfo of candidates) {
    if (feasible.length >= limit) break;
    const status = fwk.runFilterPlugins(state, pod, nodeInfo);
    if (status === null) {
      feasible.push(nodeInfo);
      continue;
    }
    if (status.code === 'Error') return { feasible: [], diagnosis, error: statusMessage(status) };
    diagnosis.nodeToStatus.set(nodeInfo.name, status);
    addPluginStatus(diagnosis, status);
  }
  return { feasible, diagnosis };
}

/** prioritizeNodes: PreScore then Score; with no score plugin every node scores 1. */
function prioritizeNodes(fwk: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodePluginScores[] {
  const status = fwk.runPreScorePlugins(state, pod, nodes);
  if (status !== null) throw new Error(`PreScore failed: ${statusMessage(status)}`);
  const scores = fwk.runScorePlugins(state, pod, nodes);
  return scores.every((s) => s.scores.length === 0) ? scores.map((s) => ({ ...s, totalScore: 1 })) : scores;
}

/**
 * selectHost: the highest total wins; among equal totals, reservoir sampling
 * in node order, one draw per further tie (rand.Intn(count) == 0 replaces).
 */
export function selectHost(scores: readonly NodePluginScores[], rng: Rng): string {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s.totalScore);
  let selected = '';
  let count = 0;
  for (const s of scores) {
    if (s.totalScore !== max) continue;
    count++;
    if (count === 1 || Math.floor(rng() * count) === 0) selected = s.name;
  }
  return selected;
}
