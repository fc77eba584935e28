import type { Millis } from '../model/meta.js';
import type { Pod } from '../model/pod.js';

/** Where a queued pod is (it is in exactly one place, or gone). */
/** `gated`: held out by a PreEnqueue plugin (SchedulingGates) until an update lets it in. */
export type QueueLocation = 'active' | 'backoff' | 'errorBackoff' | 'unschedulable' | 'inFlight' | 'gated' | 'gone';

/** A pod in the scheduling queue with its bookkeeping (framework.QueuedPodInfo). */
export interface QueuedPodInfo {
  readonly pod: Pod;
  /**
   * When the pod was added to the queue or last failed an attempt: the
   * activeQ tie-breaker, the start of its backoff and of its time in
   * unschedulablePods.
   */
  timestamp: Millis;
  /** Tie-breaker for equal timestamps: ever increasing, refreshed with `timestamp`. */
  seq: number;
  /** When the pod first entered activeQ. */
  initialAttemptTimestamp?: Millis;
  /** Scheduling attempts so far (incremented at each pop). */
  attempts: number;
  unschedulableCount: number;
  consecutiveErrorsCount: number;
  /** Plugins that rejected the pod in its last attempt (replaced, never changed in place). */
  unschedulablePlugins: ReadonlySet<string>;
  pendingPlugins: ReadonlySet<string>;
  location: QueueLocation;
  /** Bumped at every move, so stale heap entries can be recognised. */
  generation: number;
  /** When it last came into unschedulablePods, counted in arrivals there (UnschedulablePods keeps it). */
  arrival: number;
}

/** No plugin: what a pod not yet rejected holds (shared, never changed). */
export const NO_PLUGINS: ReadonlySet<string> = new Set();

export function newQueuedPodInfo(pod: Pod, now: Millis, seq: number): QueuedPodInfo {
  return {
    pod,
    timestamp: now,
    seq,
    attempts: 0,
    unschedulableCount: 0,
    consecutiveErrorsCount: 0,
    unschedulablePlugins: NO_PLUGINS,
    pendingPlugins: NO_PLUGINS,
    location: 'gone',
    generation: 0,
    arrival: -1,
  };
}

/** What the queue's heaps order pods by: the pod's spec.priority and the QueuedPodInfo's timestamp and seq. */
export interface SortKey {
  readonly priority: number;
  readonly timestamp: Millis;
  readonly seq: number;
}

/** PrioritySort.Less: higher spec.priority first, then earlier timestamp. */
export function prioritySortLess(a: SortKey, b: SortKey): number {
  return b.priority - a.priority || a.timestamp - b.timestamp || a.seq - b.seq;
}
