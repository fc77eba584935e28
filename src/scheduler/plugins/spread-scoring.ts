import type { Pod, TopologySpreadConstraint } from '../../model/pod.js';
import { MAX_NODE_SCORE, type FilteredNodes } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import type { Snapshot } from '../snapshot.js';
import { requiredAffinityFilter } from './node-affinity.js';
import { constraintsFor, LABEL_HOSTNAME, type SpreadConstraint } from './spread-constraints.js';
import type { TopologyColumn } from './topology-column.js';

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
  /** Per constraint: the nodes' domains under its key, numbered (a node without the key scores nothing for it). */
  readonly domains: readonly TopologyColumn[];
  /** Per constraint but hostname ones: `counts` by domain number (0 for a domain no filtered node is in). */
  readonly byNumber: readonly (Float64Array | undefined)[];
}

/**
 * PreScore: undefined (Skip) when the pod has no ScheduleAnyway constraints.
 * Only custom or pod-given constraints require nodes to carry every key;
 * with the system defaults a node without a zone still spreads by hostname
 * (its zone is then '', node.Labels[key] in Go).
 */
export function spreadPreScore(
  snapshot: Snapshot,
  pod: Pod,
  filteredNodes: FilteredNodes,
  defaults: readonly TopologySpreadConstraint[],
  systemDefaulted: boolean,
  /** The plugin's TopologyColumn of a key (kept across cycles). */
  column: (topologyKey: string) => TopologyColumn,
): SpreadPreScoreState | undefined {
  if (snapshot.nodes.length === 0) return undefined;
  const constraints = constraintsFor(pod, 'ScheduleAnyway', defaults, snapshot);
  if (constraints.length === 0) return undefined;
  const filtered = filteredNodes();
  const requireAll = pod.spec.topologySpreadConstraints.length > 0 || !systemDefaulted;
  const domains = constraints.map((c) => column(c.topologyKey));
  // The domains the filtered nodes span, by number; -1 (no key, only when no key is required) is ''.
  // The filtered nodes' domain ids first (ids[k * width + i]): the columns number any value they have not seen yet.
  const width = constraints.length;
  const ids = scratchIds(filtered.length * width);
  for (let k = 0; k < filtered.length; k++) {
    for (let i = 0; i < width; i++) ids[k * width + i] = (domains[i] as TopologyColumn).domain(filtered[k] as NodeInfo);
  }
  const seen = constraints.map((c, i) => (c.topologyKey === LABEL_HOSTNAME ? undefined : new Uint8Array((domains[i] as TopologyColumn).values.length)));
  const keyless = constraints.map(() => false);
  const ignored = new Set<number>();
  for (let k = 0; k < filtered.length; k++) {
    if (requireAll && !hasEveryKey(ids, k * width, width)) {
      ignored.add((filtered[k] as NodeInfo).index);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const marks = seen[i];
      if (marks === undefined) continue;
      const id = ids[k * width + i] as number;
      if (id >= 0) marks[id] = 1;
      else keyless[i] = true;
    }
  }
  const counts = constraints.map((_, i) => {
    const m = new Map<string, number>();
    const marks = seen[i];
    if (marks === undefined) return m;
    const values = (domains[i] as TopologyColumn).values;
    for (let id = 0; id < marks.length; id++) if (marks[id] === 1) m.set(values[id] as string, 0);
    if (keyless[i]) m.set('', 0);
    return m;
  });
  const weights = constraints.map((c, i) =>
    Math.log((c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : (counts[i] as Map<string, number>).size) + 2),
  );
  const columns = constraints.map((c) => snapshot.podCounts(c.matcher));
  // The matching pods of each domain the filtered nodes span, over every node that carries the keys (when
  // required) and matches the pod's required node affinity: the cache's per-domain sums, read per domain.
  const keys = requireAll ? constraints.map((c) => c.topologyKey) : NO_KEYS;
  const filter = requiredAffinityFilter(pod);
  const byNumber = constraints.map((c, i) => {
    const m = counts[i] as Map<string, number>;
    if (c.topologyKey === LABEL_HOSTNAME) return undefined;
    const values = (domains[i] as TopologyColumn).values;
    const out = new Float64Array(values.length);
    if (m.size === 0) return out;
    const sums = snapshot.domainCounts(c.matcher, c.topologyKey, keys, filter);
    for (const value of m.keys()) m.set(value, sums.get(value) ?? 0);
    for (let id = 0; id < values.length; id++) out[id] = m.get(values[id] as string) ?? 0;
    return out;
  });
  return { constraints, ignored, counts, weights, columns, domains, byNumber };
}

/** The node's ids (`width` of them from `at`) are all domains: it carries every key. */
function hasEveryKey(ids: Int32Array, at: number, width: number): boolean {
  for (let i = 0; i < width; i++) if ((ids[at + i] as number) < 0) return false;
  return true;
}

/** One buffer for PreScore's ids, grown as needed: a cycle reads it only while PreScore runs. */
let idsBuffer = new Int32Array(1024);
function scratchIds(size: number): Int32Array {
  if (idsBuffer.length < size) idsBuffer = new Int32Array(Math.max(size, 2 * idsBuffer.length));
  return idsBuffer;
}

/** No key required of a node: the system default constraints (a node without a zone still spreads by hostname). */
const NO_KEYS: readonly string[] = [];

/** Score: Σ over the node's constraints of count × weight + (maxSkew − 1), rounded. */
export function spreadScore(s: SpreadPreScoreState, nodeInfo: NodeInfo): number {
  const index = nodeInfo.index;
  if (s.ignored.size > 0 && s.ignored.has(index)) return 0;
  const constraints = s.constraints;
  let score = 0;
  for (let i = 0; i < constraints.length; i++) {
    const id = (s.domains[i] as TopologyColumn).domain(nodeInfo);
    if (id < 0) continue;
    const byNumber = s.byNumber[i];
    const cnt =
      byNumber === undefined
        ? ((s.columns[i] as ArrayLike<number>)[index] ?? 0)
        : id < byNumber.length
          ? (byNumber[id] as number)
          : lateDomainCount(s, i, id);
    score += cnt * (s.weights[i] as number) + ((constraints[i] as SpreadConstraint).maxSkew - 1);
  }
  return Math.round(score);
}

/**
 * A domain numbered after PreScore: no filtered node carries its value, so it
 * counts as `counts` has it, 0 unless it is '' and a filtered node lacked the
 * key (Go's node.Labels[key] is '' for both).
 */
function lateDomainCount(s: SpreadPreScoreState, i: number, id: number): number {
  const value = (s.domains[i] as TopologyColumn).values[id] as string;
  return (s.counts[i] as Map<string, number>).get(value) ?? 0;
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
