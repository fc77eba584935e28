import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';

/**
 * Cluster events as the scheduling queue sees them (framework/events.go,
 * types.go): a resource and a bit set of action types. Plugins register the
 * events that may make a pod they rejected schedulable, each with a
 * QueueingHint function that looks at the change and answers Queue or
 * QueueSkip (QueueingHints are GA and always on since v1.34).
 */

export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodToleration: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  UpdatePodGeneratedResourceClaim: 1 << 11,
} as const;

/** Every update bit. */
export const UPDATE = (1 << 12) - 1 - ActionType.Add - ActionType.Delete;
export const ALL_ACTIONS = (1 << 12) - 1;

/**
 * `Pod` in a registration matches events on assigned and unscheduled pods
 * alike; events themselves name which (EventResource assignedPod/unschedulablePod).
 */
export type EventResource = 'Node' | 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'WildCard';

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actionType: number;
  /** The event's label in upstream logs and metrics, e.g. `NodeAdd`. */
  readonly label: string;
}

export type QueueingHint = 'Queue' | 'QueueSkip';

/** The scheduling-relevant part of a node, as a hint compares before and after. */
export type NodeProps = Pick<Node, 'name' | 'labels' | 'taints' | 'unschedulable' | 'allocatable' | 'ready'>;

/** The objects of an event: undefined `old` for an add, undefined `new` for a delete. */
export type EventObjects =
  | { readonly kind: 'Node'; readonly old?: NodeProps; readonly new: NodeProps }
  | { readonly kind: 'Pod'; readonly old?: Pod; readonly new?: Pod }
  | { readonly kind: 'None' };

export type QueueingHintFn = (pod: Pod, objects: EventObjects) => QueueingHint;

export interface ClusterEventWithHint {
  readonly event: ClusterEvent;
  /** Omitted: always Queue. */
  readonly hint?: QueueingHintFn;
}

/** A plugin's registration for a cluster event (an entry of a profile's QueueingHint map). */
export interface HintRegistration {
  readonly plugin: string;
  readonly registration: ClusterEventWithHint;
}

export const EVENT_NODE_ADD: ClusterEvent = { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' };
export const EVENT_ASSIGNED_POD_ADD: ClusterEvent = { resource: 'AssignedPod', actionType: ActionType.Add, label: 'AssignedPodAdd' };
export const EVENT_ASSIGNED_POD_DELETE: ClusterEvent = {
  resource: 'AssignedPod',
  actionType: ActionType.Delete,
  label: 'AssignedPodDelete',
};
/** Wildcard: the 5-minute flush of unschedulablePods moves every pod it picks. */
export const EVENT_UNSCHEDULABLE_TIMEOUT: ClusterEvent = {
  resource: 'WildCard',
  actionType: ALL_ACTIONS,
  label: 'UnschedulableTimeout',
};

export function isWildCard(event: ClusterEvent): boolean {
  return event.resource === 'WildCard' && event.actionType === ALL_ACTIONS;
}

/** framework.MatchClusterEvents: does a registration cover the event? */
export function matchesEvent(registered: ClusterEvent, event: ClusterEvent): boolean {
  if (isWildCard(registered)) return true;
  const resourceMatches =
    registered.resource === 'WildCard' ||
    registered.resource === event.resource ||
    (registered.resource === 'Pod' && (event.resource === 'AssignedPod' || event.resource === 'UnscheduledPod'));
  return resourceMatches && (registered.actionType & event.actionType) !== 0;
}

/**
 * The update events one node change amounts to (NodeSchedulingPropertiesChange):
 * one event per kind of change, in upstream's order. Readiness alone is a
 * condition change, which no default plugin registers for.
 */
export function nodeUpdateEvents(old: NodeProps, now: NodeProps): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  if (old.unschedulable !== now.unschedulable) events.push(nodeUpdate(ActionType.UpdateNodeTaint, 'NodeSpecUnschedulableChange'));
  if (!sameResources(old.allocatable, now.allocatable)) events.push(nodeUpdate(ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange'));
  if (!sameLabels(old.labels, now.labels)) events.push(nodeUpdate(ActionType.UpdateNodeLabel, 'NodeLabelChange'));
  if (!sameTaints(old.taints, now.taints)) events.push(nodeUpdate(ActionType.UpdateNodeTaint, 'NodeTaintChange'));
  if (old.ready !== now.ready) events.push(nodeUpdate(ActionType.UpdateNodeCondition, 'NodeConditionChange'));
  return events;
}

function nodeUpdate(actionType: number, label: string): ClusterEvent {
  return { resource: 'Node', actionType, label };
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function sameResources(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function sameTaints(a: NodeProps['taints'], b: NodeProps['taints']): boolean {
  if (a.length !== b.length) return false;
  return a.every((t, i) => {
    const u = b[i];
    return u !== undefined && t.key === u.key && (t.value ?? '') === (u.value ?? '') && t.effect === u.effect;
  });
}

/** A frozen copy of a node's scheduling properties, the `old` side of a later update. */
export function snapshotNode(node: NodeProps): NodeProps {
  return {
    name: node.name,
    labels: { ...node.labels },
    taints: [...node.taints],
    unschedulable: node.unschedulable,
    allocatable: { ...node.allocatable },
    ready: node.ready,
  };
}
