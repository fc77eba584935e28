import type { Pod } from '../../model/pod.js';
import type { EventObjects, QueueingHint } from '../events.js';
import { ListSnapshot } from '../snapshot.js';
import { constraintsFor, hasAllKeys, selectorMatches } from './spread-constraints.js';

const NO_SNAPSHOT = new ListSnapshot([]);

/** The pod's DoNotSchedule constraints (the ones that can reject it; default constraints are ScheduleAnyway). */
const hardConstraints = (pod: Pod) => constraintsFor(pod, 'DoNotSchedule', [], NO_SNAPSHOT);

/** isSchedulableAfterPodChange: an assigned pod of the namespace matching a constraint came, changed or went. */
export function spreadPodHint(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Pod') return 'Queue';
  const changed = objects.new ?? objects.old;
  if (changed === undefined) return 'QueueSkip';
  const involved = changed.metadata.uid === pod.metadata.uid || (changed.spec.nodeName !== undefined && changed.metadata.namespace === pod.metadata.namespace);
  if (!involved) return 'QueueSkip';
  return hardConstraints(pod).some((c) => selectorMatches(c.selector, changed.metadata.labels)) ? 'Queue' : 'QueueSkip';
}

/** isSchedulableAfterNodeChange: a node gains or loses the topology keys, changes their values or its taints. */
export function spreadNodeHint(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Node') return 'Queue';
  const constraints = hardConstraints(pod);
  const now = hasAllKeys(objects.new.labels, constraints);
  if (objects.old === undefined) return now ? 'Queue' : 'QueueSkip';
  const before = hasAllKeys(objects.old.labels, constraints);
  if (before !== now) return 'Queue';
  if (!now) return 'QueueSkip';
  const old = objects.old;
  const keysChanged = constraints.some((c) => old.labels[c.topologyKey] !== objects.new.labels[c.topologyKey]);
  const taintsChanged = JSON.stringify(old.taints) !== JSON.stringify(objects.new.taints);
  return keysChanged || taintsChanged ? 'Queue' : 'QueueSkip';
}
