import { matchesLabelSelector } from '../../src/model/labels.js';
import type { LabelSelector } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import { tolerated } from './node-filters.js';
import { hasLabel, label, requiredNodeAffinityMatches, type RefNode } from './snapshot.js';
import type { ReferenceCluster, Rejection } from './types.js';

/**
 * PodTopologySpread (plugins/podtopologyspread: common.go, filtering.go,
 * scoring.go, plugin.go) with the features on by default: minDomains,
 * nodeAffinityPolicy Honor / nodeTaintsPolicy Ignore unless set, and the
 * system default constraints (hostname maxSkew 3, zone maxSkew 5,
 * ScheduleAnyway) for pods that have none, with the selector of the pod's
 * controlling ReplicaSet or ReplicationController.
 */

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';
export const ERR_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_MISSING_LABEL = `${ERR_CONSTRAINTS} (missing required label)`;

interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** undefined: labels.Nothing() (a nil LabelSelector matches no pod). */
  readonly selector: LabelSelector | undefined;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy: 'Honor' | 'Ignore';
}

const SYSTEM_DEFAULTS = [
  { topologyKey: HOSTNAME, maxSkew: 3 },
  { topologyKey: ZONE, maxSkew: 5 },
] as const;

/** helper.DefaultSelector: the controlling RS/RC's selector (podsim has no Services or StatefulSets). */
function defaultSelector(pod: Pod, cluster: ReferenceCluster): LabelSelector | undefined {
  const owner = pod.metadata.ownerReferences.find((r) => r.controller);
  if (!owner || (owner.kind !== 'ReplicaSet' && owner.kind !== 'ReplicationController')) return undefined;
  const w = cluster.workloads?.find(
    (x) => x.kind === owner.kind && x.metadata.namespace === pod.metadata.namespace && x.metadata.name === owner.name,
  );
  if (!w) return undefined;
  const s = w.spec.selector;
  const empty = Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
  return empty ? undefined : s;
}

/** getConstraints / initPreScoreState: the pod's own constraints of one kind, else the system defaults. */
export function constraintsOf(
  pod: Pod,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
  cluster: ReferenceCluster,
  systemDefaults: boolean,
): Constraint[] {
  const own = pod.spec.topologySpreadConstraints;
  if (own.length > 0) {
    return own
      .filter((c) => c.whenUnsatisfiable === action)
      .map((c) => ({
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector: c.labelSelector,
        minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: 'Honor',
        nodeTaintsPolicy: 'Ignore',
      }));
  }
  if (!systemDefaults || action !== 'ScheduleAnyway') return [];
  const selector = defaultSelector(pod, cluster);
  if (selector === undefined) return [];
  return SYSTEM_DEFAULTS.map((d) => ({ ...d, selector, minDomains: 1, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' }));
}

function allKeys(node: Node, cs: readonly Constraint[]): boolean {
  return cs.every((c) => hasLabel(node.labels, c.topologyKey));
}

/** matchNodeInclusionPolicies. */
function included(c: Constraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !requiredNodeAffinityMatches(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const untolerated = node.taints.some(
      (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(pod.spec.tolerations, t),
    );
    if (untolerated) return false;
  }
  return true;
}

/** countPodsMatchSelector: same namespace, not terminating, labels match. */
function countMatching(pods: readonly Pod[], selector: LabelSelector | undefined, namespace: string): number {
  if (selector === undefined) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp !== undefined || p.metadata.namespace !== namespace) continue;
    if (matchesLabelSelector(selector, p.metadata.labels)) n++;
  }
  return n;
}

/** PreFilter's TpValueToMatchNum for one constraint: every eligible node's domain, even with 0 pods. */
function matchNumByDomain(pod: Pod, c: Constraint, all: readonly Constraint[], nodes: readonly RefNode[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    if (!allKeys(n.node, all) || !included(c, pod, n.node)) continue;
    const value = label(n.node.labels, c.topologyKey) ?? '';
    counts.set(value, (counts.get(value) ?? 0) + countMatching(n.pods, c.selector, pod.metadata.namespace));
  }
  return counts;
}

/** PreFilter state: the DoNotSchedule constraints and, per constraint, the matching pods per domain. */
export interface SpreadPreFilter {
  readonly constraints: readonly Constraint[];
  readonly counts: readonly Map<string, number>[];
  /** The global minimum per constraint (0 when fewer domains than minDomains). */
  readonly mins: readonly number[];
}

/** PodTopologySpread PreFilter, computed once per pod from scratch. */
export function topologySpreadPreFilter(pod: Pod, nodes: readonly RefNode[], cluster: ReferenceCluster, systemDefaults: boolean): SpreadPreFilter {
  const constraints = constraintsOf(pod, 'DoNotSchedule', cluster, systemDefaults);
  const counts = constraints.map((c) => matchNumByDomain(pod, c, constraints, nodes));
  const mins = constraints.map((c, i) => {
    const m = counts[i] ?? new Map<string, number>();
    return m.size === 0 || m.size < c.minDomains ? 0 : Math.min(...m.values());
  });
  return { constraints, counts, mins };
}

/** PodTopologySpread Filter for one node (DoNotSchedule constraints). */
export function topologySpreadFilter(pod: Pod, n: RefNode, state: SpreadPreFilter): Rejection | null {
  for (const [i, c] of state.constraints.entries()) {
    const value = label(n.node.labels, c.topologyKey);
    if (value === undefined) return { plugin: 'PodTopologySpread', code: 'UnschedulableAndUnresolvable', reasons: [ERR_MISSING_LABEL] };
    const counts = state.counts[i] ?? new Map<string, number>();
    const min = state.mins[i] ?? 0;
    const self = c.selector !== undefined && matchesLabelSelector(c.selector, pod.metadata.labels) ? 1 : 0;
    if ((counts.get(value) ?? 0) + self - min > c.maxSkew) {
      return { plugin: 'PodTopologySpread', code: 'Unschedulable', reasons: [ERR_CONSTRAINTS] };
    }
  }
  return null;
}

/**
 * PodTopologySpread PreScore + Score + NormalizeScore over the feasible
 * nodes. Returns undefined when the plugin skips (no soft constraints).
 */
export function topologySpreadScores(
  pod: Pod,
  feasible: readonly RefNode[],
  nodes: readonly RefNode[],
  cluster: ReferenceCluster,
  systemDefaults: boolean,
): number[] | undefined {
  if (nodes.length === 0) return undefined;
  const cs = constraintsOf(pod, 'ScheduleAnyway', cluster, systemDefaults);
  if (cs.length === 0) return undefined;
  const requireAll = pod.spec.topologySpreadConstraints.length > 0 || !systemDefaults;
  const ignored = new Set(feasible.filter((n) => requireAll && !allKeys(n.node, cs)).map((n) => n.node.name));
  const domainCounts = cs.map(() => new Map<string, number>());
  for (const n of feasible) {
    if (ignored.has(n.node.name)) continue;
    cs.forEach((c, i) => {
      if (c.topologyKey !== HOSTNAME) domainCounts[i]?.set(label(n.node.labels, c.topologyKey) ?? '', 0);
    });
  }
  const weights = cs.map((c, i) =>
    Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : (domainCounts[i]?.size ?? 0)) + 2),
  );
  for (const n of nodes) {
    if (requireAll && !allKeys(n.node, cs)) continue;
    cs.forEach((c, i) => {
      if (!included(c, pod, n.node)) return;
      const value = label(n.node.labels, c.topologyKey) ?? '';
      const m = domainCounts[i];
      if (!m || !m.has(value)) return;
      m.set(value, (m.get(value) ?? 0) + countMatching(n.pods, c.selector, pod.metadata.namespace));
    });
  }
  const raw = feasible.map((n) => {
    if (ignored.has(n.node.name)) return 0;
    let score = 0;
    cs.forEach((c, i) => {
      const value = label(n.node.labels, c.topologyKey);
      if (value === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? countMatching(n.pods, c.selector, pod.metadata.namespace) : (domainCounts[i]?.get(value) ?? 0);
      score += cnt * (weights[i] ?? 0) + (c.maxSkew - 1);
    });
    return Math.round(score);
  });
  return normalizeSpread(raw, feasible.map((n) => ignored.has(n.node.name)));
}

/** NormalizeScore: 100 x (max + min - s) / max over the scored nodes; ignored nodes 0; all 100 when max is 0. */
function normalizeSpread(raw: readonly number[], ignored: readonly boolean[]): number[] {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  raw.forEach((s, i) => {
    if (ignored[i]) return;
    min = Math.min(min, s);
    max = Math.max(max, s);
  });
  return raw.map((s, i) => {
    if (ignored[i]) return 0;
    if (max === 0) return 100;
    return Math.trunc((100 * (max + min - s)) / max);
  });
}
