import type { LabelSelector } from '../../model/meta.js';
import { matchesLabelSelector } from '../../model/labels.js';
import type { Pod, TopologySpreadConstraint } from '../../model/pod.js';
import type { PodMatcher, Snapshot } from '../snapshot.js';

/** kubernetes.io/hostname (v1.LabelHostname). */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
/** topology.kubernetes.io/zone (v1.LabelTopologyZone). */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/**
 * systemDefaultConstraints (plugins/podtopologyspread/plugin.go, verified in
 * the v1.35 tree): hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway.
 */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/**
 * topologySpreadConstraint: a constraint with its selector parsed.
 * NodeAffinityPolicy is Honor and NodeTaintsPolicy Ignore (the defaults;
 * podsim's constraints have no policy fields), minDomains defaults to 1.
 */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** undefined: labels.Nothing() (no selector written). */
  readonly selector: LabelSelector | undefined;
  readonly minDomains: number;
  /** Counts the pods of the namespace matching the selector; an empty selector counts none (countPodsMatchSelector). */
  readonly matcher: PodMatcher;
}

/** Selector.Matches: Nothing matches no labels, the empty selector every labels. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  return selector !== undefined && matchesLabelSelector(selector, labels);
}

function isEmpty(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

function spreadMatcher(namespace: string, selector: LabelSelector | undefined): PodMatcher {
  const counts = selector !== undefined && !isEmpty(selector);
  return {
    key: `spread|${namespace}|${JSON.stringify(selector ?? null)}`,
    skipTerminating: true,
    matches: (p) => counts && p.metadata.namespace === namespace && matchesLabelSelector(selector, p.metadata.labels),
  };
}

function parse(c: TopologySpreadConstraint, namespace: string, selector: LabelSelector | undefined): SpreadConstraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains ?? 1,
    matcher: spreadMatcher(namespace, selector),
  };
}

/**
 * getConstraints / initPreScoreState's choice: the pod's own constraints of
 * the given kind, or, when the pod has none at all, the default constraints
 * of that kind with the selector of the pod's controller (none without one).
 */
export function constraintsFor(
  pod: Pod,
  action: TopologySpreadConstraint['whenUnsatisfiable'],
  defaults: readonly TopologySpreadConstraint[],
  snapshot: Snapshot,
): SpreadConstraint[] {
  const ns = pod.metadata.namespace;
  const own = pod.spec.topologySpreadConstraints;
  if (own.length > 0) return own.filter((c) => c.whenUnsatisfiable === action).map((c) => parse(c, ns, c.labelSelector));
  const kind = defaultsOfKind(defaults, action);
  if (kind.length === 0) return [];
  const selector = snapshot.ownerSelector(pod);
  if (selector === undefined || isEmpty(selector)) return [];
  return kind.map((c) => parse(c, ns, selector));
}

/** `defaults` of one whenUnsatisfiable, remembered per defaults list (a profile's, fixed): constraintsFor runs for every pod. */
function defaultsOfKind(
  defaults: readonly TopologySpreadConstraint[],
  action: TopologySpreadConstraint['whenUnsatisfiable'],
): readonly TopologySpreadConstraint[] {
  if (defaults === lastDefaults.list) return lastDefaults.byKind[action];
  let byKind = defaultsByKind.get(defaults);
  if (byKind === undefined) {
    byKind = {
      DoNotSchedule: defaults.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule'),
      ScheduleAnyway: defaults.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway'),
    };
    defaultsByKind.set(defaults, byKind);
  }
  lastDefaults = { list: defaults, byKind };
  return byKind[action];
}

/** The defaults list last asked about, and its split (one profile's list, asked twice per pod). */
let lastDefaults: { list: readonly TopologySpreadConstraint[] | undefined; byKind: DefaultsByKind } = {
  list: undefined,
  byKind: { DoNotSchedule: [], ScheduleAnyway: [] },
};

type DefaultsByKind = Readonly<Record<TopologySpreadConstraint['whenUnsatisfiable'], readonly TopologySpreadConstraint[]>>;

const defaultsByKind = new WeakMap<readonly TopologySpreadConstraint[], DefaultsByKind>();

/** nodeLabelsMatchSpreadConstraints: the node has every topology key. */
export function hasAllKeys(labels: Readonly<Record<string, string>>, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}
