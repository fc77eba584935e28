import type { KubeEvent } from './event.js';
import type { Node } from '../model/node.js';
import type { Pod, PodPhase } from '../model/pod.js';
import type { Workload } from '../model/workloads.js';

/**
 * What components hear about cluster changes. Listeners are called
 * synchronously, in registration order, inside the write that caused them.
 * Contract: a listener may read the cluster and schedule work on the engine,
 * but never writes to the cluster itself (that would re-enter the write).
 */
export interface ClusterWatcher {
  podAdded?(pod: Pod): void;
  podBound?(pod: Pod, node: Node): void;
  /** Status changed; `oldPhase` is the phase before (equal to the current one when only other fields changed). */
  podStatusChanged?(pod: Pod, oldPhase: PodPhase, reason: string): void;
  /** Deletion requested: `deletionTimestamp` is now set. */
  podDeleting?(pod: Pod): void;
  /** The spec changed in place (scheduling gates removed). */
  podUpdated?(pod: Pod): void;
  /** The object is gone from the API. */
  podRemoved?(pod: Pod): void;
  nodeAdded?(node: Node): void;
  /** Labels, taints, unschedulable or readiness changed. */
  nodeUpdated?(node: Node): void;
  nodeRemoved?(node: Node): void;
  eventRecorded?(event: KubeEvent): void;
  workloadAdded?(workload: Workload): void;
  /** Spec changed (scale, new template, suspend...); `metadata.generation` was bumped. */
  workloadUpdated?(workload: Workload): void;
  /** Only status changed. */
  workloadStatusUpdated?(workload: Workload): void;
  workloadRemoved?(workload: Workload): void;
}

type Callback = keyof ClusterWatcher;
const CALLBACKS: readonly Callback[] = [
  'podAdded',
  'podBound',
  'podStatusChanged',
  'podDeleting',
  'podUpdated',
  'podRemoved',
  'nodeAdded',
  'nodeUpdated',
  'nodeRemoved',
  'eventRecorded',
  'workloadAdded',
  'workloadUpdated',
  'workloadStatusUpdated',
  'workloadRemoved',
];

/** One list of listeners per ClusterWatcher callback, each in registration order. */
export type Listeners = { readonly [K in Callback]-?: NonNullable<ClusterWatcher[K]>[] };

export function listeners(): Listeners {
  return Object.fromEntries(CALLBACKS.map((k) => [k, []])) as unknown as Listeners;
}

/**
 * Adds the callbacks `watcher` has now (a method given it later is not
 * heard), each bound once: a write then calls its listeners directly instead
 * of looking its callback up, megamorphically, on every watcher, most of
 * which have none.
 */
export function listen(on: Listeners, watcher: ClusterWatcher): void {
  for (const k of CALLBACKS) {
    const f = watcher[k];
    if (f !== undefined) (on[k] as Function[]).push(f.bind(watcher));
  }
}
