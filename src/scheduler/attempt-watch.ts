import type { Millis } from '../model/meta.js';
import type { Pod } from '../model/pod.js';
import type { Evaluation } from './schedule-one.js';

/** What one scheduling attempt saw and decided, as the Scheduler reports it to an AttemptWatch. */
export interface AttemptReport {
  readonly pod: Pod;
  readonly timeMs: Millis;
  readonly result: 'Scheduled' | 'Unschedulable' | 'SchedulerError';
  /** The node the pod was bound to (Scheduled only). */
  readonly node: string | undefined;
  /** The message of the attempt's Scheduled or FailedScheduling event, as recorded. */
  readonly message: string;
  /**
   * Every node's filter verdict and the feasible nodes' scores, without
   * sampling (percentageOfNodesToScore), on the cache the attempt used:
   * before binding for a Scheduled attempt, once PostFilter (preemption)
   * is done for a failed one.
   */
  readonly evaluation: Evaluation;
  /** Every node the Scheduler held at the attempt, in its order. */
  readonly nodeNames: readonly string[];
  /** Each plugin's weight in the pod's profile (a score over its weight is the normalized score). */
  readonly weights: ReadonlyMap<string, number>;
}

/**
 * A hook on the Scheduler for `podsim explain`: `watches` is asked at each
 * attempt, and `attempt` hears the attempts of the pods it watches. Watching
 * costs one full filter-and-score pass per attempt reported; it changes
 * nothing the Scheduler does (no state, cursor or random draw), so a watched
 * run plays out exactly as an unwatched one.
 */
export interface AttemptWatch {
  watches(pod: Pod): boolean;
  attempt(report: AttemptReport): void;
}
