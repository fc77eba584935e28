import type { Pod, TopologySpreadConstraint } from '../../model/pod.js';
import { MAX_NODE_SCORE, type FilteredNodes } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import type { Snapshot } from '../snapshot.js';
import { requiredAffinityFilter } from './node-affinity.js';
import { constraintsFor, hasAllKeys, LABEL_HOSTNAME, type SpreadConstraint } from './spread-constraints.js';

/** podtopologyspread.preScoreState (scoring.go, v1.35). */
export interface SpreadPreScoreState {
  readonly constraints: readonly SpreadConstraint[];
  /** Nodes (by index) missing a topology key when all are required: scored 0. */
  readonly ignored: ReadonlySet<number>;
  /** Per constraint: topology value -> matching pods (hostname constraints count at Score). */
  readonly counts: readonly Map<string, number>[];
  /** Per constraint: log(number of domains among the filtered nodes + 2). */
  readonly weights: readonly number[];
  /** Per constraint: matching pods per node index (the hostname counts). */
  readonly columns: readonly ArrayLike<number>[];
}

/**
 * PreScore: undefined (Skip) when the pod has no ScheduleAnyway constraints.
 * Only custom or pod-given constraints require nodes to carry every key;
 * with the system defaults a node without a zone still spreads by hostname.
 */
export function spreadPreScore(
  snapshot: Snapshot,
  pod: Pod,
  filteredNodes: FilteredNodes,
  defaults: readonly TopologySpreadConstraint[],
  systemDefaulted: boolean,
): SpreadPreScoreState | undefined {
  if (snapshot.nodes.length === 0) return undefined;
  const constraints = constraintsFor(pod, 'ScheduleAnyway', defaults, snapshot);
  if (constraints.length === 0) return undefined;
  const filtered = filteredNodes();
  const requireAll = pod.spec.topologySpreadConstraints.length > 0 || !systemDefaulted;
  const keys = requireAll ? constraints.map((c) => c.topologyKey) : NO_KEYS;
  const filter = requiredAffinityFilter(pod);
  const ignored = new Set<number>();
  const counts = constraints.map(() => new Map<string, number>());
  if (requireAll || filter !== undefined) {
    for (let k = 0; k < filtered.length; k++) {
      const n = filtered[k] as NodeInfo;
      const labels = n.node.labels;
      if (requireAll && !hasAllKeys(labels, constraints)) {
        ignored.add(n.index);
        continue;
      }
      for (let i = 0; i < constraints.length; i++) {
        const key = (constraints[i] as SpreadConstraint).topologyKey;
        if (key !== LABEL_HOSTNAME) (counts[i] as Map<string, number>).set(Object.hasOwn(labels, key) ? (labels[key] as string) : '', 0);
      }
    }
  } else {
    // Every filtered node counts, and every one is in the cache's per-domain sums (no key required, no
    // node affinity): the scan may stop once it has seen as many domains as the sums hold.
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME || filtered.length === 0) return;
      const m = counts[i] as Map<string, number>;
      const all = snapshot.domainCounts(c.matcher, c.topologyKey, keys, filter).size;
      for (let k = 0; k < filtered.length && m.size < all; k++) {
        const labels = (filtered[k] as NodeInfo).node.labels;
        m.set(Object.hasOwn(labels, c.topologyKey) ? (labels[c.topologyKey] as string) : '', 0);
      }
    });
  }
  const weights = constraints.map((c, i) =>
    Math.log((c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : (counts[i] as Map<string, number>).size) + 2),
  );
  const columns = constraints.map((c) => snapshot.podCounts(c.matcher));
  // The matching pods of each domain the filtered nodes span, over every node that carries the keys (when
  // required) and matches the pod's required node affinity: the cache's per-domain sums, read per domain.
  constraints.forEach((c, i) => {
    const m = counts[i] as Map<string, number>;
    if (c.topologyKey === LABEL_HOSTNAME || m.size === 0) return;
    const sums = snapshot.domainCounts(c.matcher, c.topologyKey, keys, filter);
    for (const value of m.keys()) m.set(value, sums.get(value) ?? 0);
  });
  return { constraints, ignored, counts, weights, columns };
}

/** No key required of a node: the system default constraints (a node without a zone still spreads by hostname). */
const NO_KEYS: readonly string[] = [];

/** Score: Σ over the node's constraints of count × weight + (maxSkew − 1), rounded. */
export function spreadScore(s: SpreadPreScoreState, nodeInfo: NodeInfo): number {
  if (s.ignored.size > 0 && s.ignored.has(nodeInfo.index)) return 0;
  const labels = nodeInfo.node.labels;
  const constraints = s.constraints;
  let score = 0;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i] as SpreadConstraint;
    const value = labels[c.topologyKey];
    if (value === undefined || !Object.hasOwn(labels, c.topologyKey)) continue;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? ((s.columns[i] as ArrayLike<number>)[nodeInfo.index] ?? 0) : (s.counts[i]?.get(value) ?? 0);
    score += cnt * (s.weights[i] ?? 0) + (c.maxSkew - 1);
  }
  return Math.round(score);
}

/** NormalizeScore: 100 × (max + min − s) / max (integer division); ignored nodes 0; all 100 when max is 0. */
export function normalizeSpreadScores(s: SpreadPreScoreState, scores: number[], nodes: readonly NodeInfo[]): void {
  const ignored = s.ignored;
  const anyIgnored = ignored.size > 0;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (anyIgnored && ignored.has((nodes[i] as NodeInfo).index)) continue;
    const v = scores[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < nodes.length; i++) {
    if (anyIgnored && ignored.has((nodes[i] as NodeInfo).index)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.floor((MAX_NODE_SCORE * (max + min - (scores[i] ?? 0))) / max);
  }
}
