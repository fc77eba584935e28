import type { Pod, TopologySpreadConstraint } from '../../model/pod.js';
import type { PodTopologySpreadArgs } from '../../model/scheduler-config.js';
import { ActionType, type ClusterEventWithHint } from '../events.js';
import {
  PRE_FILTER_PASS,
  pluginStatus,
  stateKey,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type FilteredNodes,
  type PreFilterPlugin,
  type PreFilterReturn,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { requiredAffinityFilter, requiredAffinityMatches } from './node-affinity.js';
import { SpreadPreFilterState } from './spread-prefilter-state.js';
import { NO_DOMAIN, TopologyColumn } from './topology-column.js';
import { constraintsFor, hasAllKeys, selectorMatches, SYSTEM_DEFAULT_CONSTRAINTS, type SpreadConstraint } from './spread-constraints.js';
import { spreadNodeHint, spreadPodHint } from './spread-hints.js';
import { normalizeSpreadScores, spreadPreScore, spreadScore, type SpreadPreScoreState } from './spread-scoring.js';

const NAME = 'PodTopologySpread';
/** ErrReasonConstraintsNotMatch / ErrReasonNodeLabelNotMatch (plugin.go). */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const SKIP = pluginStatus(NAME, 'Skip');
/** PreFilter's Skip, shared. */
const SKIPPED: PreFilterReturn = Object.freeze({ status: SKIP });
const MISSING_LABEL = pluginStatus(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_NODE_LABEL_NOT_MATCH);
const SKEW = pluginStatus(NAME, 'Unschedulable', ERR_REASON_CONSTRAINTS_NOT_MATCH);

interface PreFilterData {
  readonly constraints: readonly SpreadConstraint[];
  /** Per constraint: 1 when the pod matches its own selector (it counts itself), else 0. */
  readonly selfMatch: readonly number[];
  /** Its domain maps may be the cache's own: they are copied before the first AddPod/RemovePod update. */
  readonly counts: SpreadPreFilterState;
  /** Per constraint: the nodes' domain ids under its topology key. */
  readonly columns: readonly TopologyColumn[];
  /** Per constraint, by domain id: 0 not yet known, SKEW_OK or SKEW_TOO_HIGH under `counts` (cleared when they change). */
  readonly skews: readonly Int8Array[];
  clone(): PreFilterData;
}

const SKEW_OK = 1;
const SKEW_TOO_HIGH = 2;

const preFilterKey = stateKey<PreFilterData>(`PreFilter${NAME}`);
const preScoreKey = stateKey<SpreadPreScoreState>(`PreScore${NAME}`);

/**
 * PodTopologySpread (plugins/podtopologyspread, v1.35): Filter enforces the
 * DoNotSchedule constraints (skew = matching pods in the node's domain + 1
 * if the pod matches itself − the global minimum, at most maxSkew); Score
 * prefers nodes whose domains hold fewer matching pods under the
 * ScheduleAnyway constraints, or, for pods with no constraints, the default
 * constraints (system defaults: hostname 3, zone 5) over the selector of the
 * pod's ReplicaSet / ReplicationController. Domains count the nodes that
 * carry every topology key and match the pod's required node affinity
 * (NodeAffinityPolicy Honor); terminating pods are not counted.
 */
export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly defaults: readonly TopologySpreadConstraint[];
  private readonly systemDefaulted: boolean;
  /** Domain ids per topology key, kept across cycles. */
  private readonly columns = new Map<string, TopologyColumn>();

  constructor(args: PodTopologySpreadArgs = { defaultingType: 'System', defaultConstraints: [] }) {
    this.systemDefaulted = args.defaultingType === 'System';
    this.defaults = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
  }

  preFilter(state: CycleState, pod: Pod): { status: Status | null } {
    const constraints = constraintsFor(pod, 'DoNotSchedule', this.defaults, state.snapshot);
    if (constraints.length === 0) return SKIPPED;
    const counts = domainCounts(state, pod, constraints);
    const selfMatch = constraints.map((c) => (selectorMatches(c.selector, pod.metadata.labels) ? 1 : 0));
    const columns = constraints.map((c) => this.column(c.topologyKey));
    state.write(preFilterKey, preFilterData(constraints, selfMatch, SpreadPreFilterState.build(counts, true), columns));
    return PRE_FILTER_PASS;
  }

  addPod(state: CycleState, pod: Pod, podToAdd: Pod, nodeInfo: NodeInfo): void {
    this.updateWithPod(state, pod, podToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, pod: Pod, podToRemove: Pod, nodeInfo: NodeInfo): void {
    this.updateWithPod(state, pod, podToRemove, nodeInfo, -1);
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read(preFilterKey);
    return s === undefined ? null : verdict(s, nodeInfo);
  }

  filterNodes(state: CycleState, _pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[]): void {
    const s = state.read(preFilterKey);
    if (s === undefined) return;
    for (let i = 0; i < nodes.length; i++) {
      if (statuses[i] === null) statuses[i] = verdict(s, nodes[i] as NodeInfo);
    }
  }

  preScore(state: CycleState, pod: Pod, filtered: FilteredNodes): Status | null {
    const s = spreadPreScore(state.snapshot, pod, filtered, this.defaults, this.systemDefaulted, (key) => this.column(key));
    if (s === undefined) return SKIP;
    state.write(preScoreKey, s);
    return null;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
    const s = state.read(preScoreKey);
    return s === undefined ? 0 : spreadScore(s, nodeInfo);
  }

  normalizeScore(state: CycleState, _pod: Pod, scores: number[], nodes: readonly NodeInfo[]): void {
    const s = state.read(preScoreKey);
    if (s !== undefined) normalizeSpreadScores(s, scores, nodes);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete, label: 'Pod/Add|UpdatePodLabel|Delete' },
        hint: spreadPodHint,
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint, label: 'Node/Add|Delete|UpdateNodeLabel|UpdateNodeTaint' },
        hint: spreadNodeHint,
      },
    ];
  }

  private column(topologyKey: string): TopologyColumn {
    let column = this.columns.get(topologyKey);
    if (column === undefined) this.columns.set(topologyKey, (column = new TopologyColumn(topologyKey)));
    return column;
  }

  /** updateWithPod: same namespace, node carries every key and matches the preemptor's required affinity. */
  private updateWithPod(state: CycleState, preemptor: Pod, updated: Pod, nodeInfo: NodeInfo, delta: 1 | -1): void {
    const s = state.read(preFilterKey);
    if (s === undefined || updated.metadata.namespace !== preemptor.metadata.namespace) return;
    const labels = nodeInfo.node.labels;
    if (!hasAllKeys(labels, s.constraints) || !requiredAffinityMatches(preemptor, nodeInfo.node)) return;
    s.constraints.forEach((c, i) => {
      if (selectorMatches(c.selector, updated.metadata.labels)) s.counts.update(i, labels[c.topologyKey] as string, delta);
    });
    for (const skews of s.skews) skews.fill(0);
  }
}

/**
 * Filter on one node: a missing topology key, or a skew above maxSkew, rejects
 * it. The skew is worked out once per domain and cycle (it depends on the
 * node only through its domain).
 */
function verdict(s: PreFilterData, nodeInfo: NodeInfo): Status | null {
  for (let i = 0; i < s.constraints.length; i++) {
    const column = s.columns[i] as TopologyColumn;
    const domain = column.domain(nodeInfo);
    if (domain === NO_DOMAIN) return MISSING_LABEL;
    const skews = s.skews[i] as Int8Array;
    let skew = domain < skews.length ? (skews[domain] as number) : 0;
    if (skew === 0) {
      const c = s.constraints[i] as SpreadConstraint;
      const matchNum = s.counts.tpValueToMatchNum[i]?.get(column.values[domain] as string) ?? 0;
      skew = matchNum + (s.selfMatch[i] ?? 0) - s.counts.minFor(i, c.minDomains) > c.maxSkew ? SKEW_TOO_HIGH : SKEW_OK;
      if (domain < skews.length) skews[domain] = skew;
    }
    if (skew === SKEW_TOO_HIGH) return SKEW;
  }
  return null;
}

function preFilterData(
  constraints: readonly SpreadConstraint[],
  selfMatch: readonly number[],
  counts: SpreadPreFilterState,
  columns: readonly TopologyColumn[],
): PreFilterData {
  const skews = columns.map((column) => new Int8Array(column.values.length + DOMAIN_HEADROOM));
  return { constraints, selfMatch, counts, columns, skews, clone: () => preFilterData(constraints, selfMatch, counts.clone(), columns) };
}

/** Room in a cycle's skew memo for domains first seen during the cycle (beyond it, skews are worked out each time). */
const DOMAIN_HEADROOM = 16;

/**
 * The matching pods per domain of each constraint, over the nodes that carry
 * every constraint's key and match the pod's required node affinity
 * (NodeAffinityPolicy Honor): the cache's per-domain sums, borrowed.
 */
function domainCounts(state: CycleState, pod: Pod, constraints: readonly SpreadConstraint[]): Map<string, number>[] {
  const keys = constraints.map((c) => c.topologyKey);
  const filter = requiredAffinityFilter(pod);
  return constraints.map((c) => state.snapshot.domainCounts(c.matcher, c.topologyKey, keys, filter) as Map<string, number>);
}
