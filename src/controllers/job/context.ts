import type { Cluster } from '../../api/cluster.js';
import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import type { Backoff } from '../../model/scenario.js';
import type { Job, JobStatus, WorkloadCondition } from '../../model/workloads.js';
import type { BackoffRecord } from './backoff.js';
import type { OrderedIntervals } from './intervals.js';
import type { JobPods } from './job-pods.js';

/** What a sync needs from its controller: the cluster, the back-off knobs, a way to come back later. */
export interface JobSyncEnv {
  readonly cluster: Cluster;
  /** config.jobBackoff: DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
  readonly podFailureBackoff: Backoff;
  /** queue.AddAfter for this Job. */
  requeueAfter(job: Job, delayMs: Millis): void;
  /** enqueueSyncJobWithDelay: AddAfter, but not sooner than syncJobBatchPeriod. */
  requeueAfterBatch(job: Job, delayMs: Millis): void;
}

/**
 * What the controller remembers of one Job between syncs: podsim's stand-in
 * for the `batch.kubernetes.io/job-tracking` finalizer (a pod is counted once,
 * and a pod removed before it was counted is still counted) and the back-off store.
 */
export interface JobTracking {
  /**
   * The Job's pods in the API that a sync still has to look at, in creation
   * order: a pod leaves once a sync has seen it counted and terminal, after
   * which nothing about it can change a sync's outcome. Keeps a sync of a
   * large Job proportional to its live pods, not to every pod it ever had.
   */
  readonly pods: JobPods;
  /**
   * Uids of pods already counted in status.succeeded or status.failed, or
   * never to be counted (deleted by the controller while the Job runs: their
   * finalizer is removed first).
   */
  readonly counted: Set<string>;
  /** Pods removed from the API before they were counted, in removal order. */
  gone: Pod[];
  backoff: BackoffRecord;
  /**
   * backoffLimitPerIndex: each index's last failed pod (the one whose
   * replacement waits: podsWithDelayedDeletionPerIndex), whose annotations
   * and finish time the replacement's failure counts and back-off come from.
   */
  readonly lastFailedPerIndex: Map<number, Pod>;
}

/** A pod not yet counted, as it was when the sync began. */
export interface UncountedPod {
  readonly pod: Pod;
  readonly succeeded: boolean;
  /** isPodFailed at the start of the sync (a removed pod that had not succeeded counts as failed). */
  readonly failed: boolean;
  /** For an Indexed Job: its index is valid and below completions (always true otherwise). */
  readonly validIndex: boolean;
}

/** syncJobCtx: one sync's view of a Job and its pods. */
export interface SyncJobCtx {
  readonly job: Job;
  readonly tracking: JobTracking;
  readonly now: Millis;
  /** The status being built; written back only if it differs. */
  readonly status: JobStatus;
  /**
   * Every pod of the Job, removed-but-uncounted ones included. This and the
   * other lists of pods are worked out when first read (in the state the
   * pods had when the sync began): the usual sync reads only counts.
   */
  readonly pods: readonly Pod[];
  readonly activePods: readonly Pod[];
  /** Pods still in the API, being deleted and not yet terminal, at sync start. */
  readonly terminatingPods: readonly Pod[];
  /** The pods that changed since the last sync, and the removed ones: the only ones that can have finished since. */
  readonly changed: readonly Pod[];
  /** Pods not yet counted that had succeeded or failed when the sync began. */
  readonly uncounted: readonly UncountedPod[];
  /** Pods not yet counted that had not (counted too once the Job is finishing). */
  readonly unfinished: readonly UncountedPod[];
  /** Container restarts of the Pending and Running pods. */
  readonly restarts: number;
  /** isPodFailed, a removed pod counting as failed unless it had succeeded. */
  isFailed(pod: Pod): boolean;
  succeeded: number;
  failed: number;
  /** Active pods at sync start. */
  readonly active: number;
  ready: number;
  terminating: number;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  /** backoffLimitPerIndex: status.failedIndexes and the indexes failed since (calculateFailedIndexes); undefined otherwise. */
  failedIndexes?: OrderedIntervals;
  finishedCondition?: WorkloadCondition;
  newBackoffRecord: BackoffRecord;
}
