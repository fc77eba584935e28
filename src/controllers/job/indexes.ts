import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import type { Backoff } from '../../model/scenario.js';
import type { Job, JobSpec, WorkloadCondition } from '../../model/workloads.js';
import { finishedTime } from './backoff.js';
import { newCondition } from './conditions.js';
import {
  JOB_INDEX_FAILURE_COUNT,
  JOB_INDEX_IGNORED_FAILURE_COUNT,
  JobConditionType,
  JobReason,
  MESSAGE_FAILED_INDEXES,
  MESSAGE_MAX_FAILED_INDEXES,
} from './constants.js';
import type { JobTracking, SyncJobCtx } from './context.js';
import { completionIndex, parseIntervals, total, withIndexes, type OrderedIntervals } from './intervals.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/*
 * What an Indexed Job with backoffLimitPerIndex or a successPolicy adds to
 * the Job controller (pkg/controller/job/indexed_job_utils.go,
 * success_policy.go, backoff_utils.go): per-index failure counts carried by
 * each pod's annotations, failed indexes, the per-index back-off, and the
 * success policy's rules.
 */

/** hasBackoffLimitPerIndex. */
export function hasBackoffLimitPerIndex(job: Job): boolean {
  return job.spec.completionMode === 'Indexed' && job.spec.backoffLimitPerIndex !== undefined;
}

/** parseInt32 of an annotation: 0 when absent, malformed, negative or above MaxInt32. */
function annotationCount(pod: Pod, key: string): number {
  const v = pod.metadata.annotations[key];
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return 0;
  const n = Number(v);
  return n < 0 || n > 2_147_483_647 ? 0 : n;
}

/** getIndexFailureCount: the counted failures of the pod's index before this pod. */
export function indexFailureCount(pod: Pod): number {
  return annotationCount(pod, JOB_INDEX_FAILURE_COUNT);
}

/** getIndexAbsoluteFailureCount: counted and ignored failures of the index before this pod. */
export function indexAbsoluteFailureCount(pod: Pod): number {
  return indexFailureCount(pod) + annotationCount(pod, JOB_INDEX_IGNORED_FAILURE_COUNT);
}

/**
 * isIndexFailed for a failed pod: a FailIndex rule matched it, or its failure
 * counts and the index had already failed backoffLimitPerIndex times before it.
 */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  const match = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
  if (match.action === 'FailIndex') return true;
  return match.countFailed && indexFailureCount(pod) >= (job.spec.backoffLimitPerIndex ?? 0);
}

/** getNewIndexFailureCounts: the annotations of the pod that replaces `replaced` (a failed pod of its index), if any. */
export function newIndexFailureCounts(job: Job, replaced: Pod | undefined): { count: number; ignored: number } {
  if (replaced === undefined) return { count: 0, ignored: 0 };
  let count = indexFailureCount(replaced);
  let ignored = annotationCount(replaced, JOB_INDEX_IGNORED_FAILURE_COUNT);
  if (matchPodFailurePolicy(job.spec.podFailurePolicy, replaced).countFailed) count++;
  else ignored++;
  return { count, ignored };
}

/**
 * Whether `pod` (failed, of its index) replaces `current` as the index's
 * last failed pod (getPodsWithDelayedDeletionPerIndex): at least its count,
 * and finished no earlier.
 */
export function laterFailure(current: Pod | undefined, pod: Pod): boolean {
  if (current === undefined) return true;
  return indexAbsoluteFailureCount(current) <= indexAbsoluteFailureCount(pod) && finishedTime(pod) >= finishedTime(current);
}

/**
 * getRemainingTimePerIndex: how long a new pod for the index of `lastFailed`
 * must still wait: initial × 2^(failures-1), capped at max, from its finish.
 */
export function remainingBackoffPerIndex(lastFailed: Pod | undefined, backoff: Backoff, now: Millis): Millis {
  if (lastFailed === undefined) return 0;
  const failures = indexAbsoluteFailureCount(lastFailed) + 1;
  let duration = backoff.initialMs;
  for (let i = 1; i < failures; i++) {
    duration *= 2;
    if (duration >= backoff.maxMs) {
      duration = backoff.maxMs;
      break;
    }
  }
  return Math.max(0, duration - (now - finishedTime(lastFailed)));
}

/** The valid completion index of a pod of the Job, or -1. */
export function validIndex(pod: Pod, completions: number): number {
  const ix = completionIndex(pod);
  return ix >= 0 && ix < completions ? ix : -1;
}

/**
 * matchSuccessPolicy: `Matched rules at index <i>` for the first rule met by
 * the succeeded indexes, else undefined. A rule with succeededIndexes is met
 * when all of them succeeded, or (with succeededCount) that many of them; a
 * rule with only succeededCount when that many indexes succeeded.
 */
export function matchSuccessPolicy(policy: JobSpec['successPolicy'], completions: number, succeeded: OrderedIntervals): string | undefined {
  if (policy === undefined || succeeded.length === 0) return undefined;
  for (const [index, rule] of policy.rules.entries()) {
    if (rule.succeededIndexes !== undefined) {
      const required = parseIntervals(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeeded, rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && total(succeeded) >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}

function matchSucceededIndexesRule(rule: OrderedIntervals, succeeded: OrderedIntervals, succeededCount: number | undefined): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  while (r < rule.length && s < succeeded.length) {
    const a = rule[r]!;
    const b = succeeded[s]!;
    const overlap = Math.min(a.last, b.last) - Math.max(a.first, b.first) + 1;
    if (overlap > 0) contains += overlap;
    if (b.last < a.last) s++;
    else if (b.last > a.last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === total(rule) || (succeededCount !== undefined && contains >= succeededCount);
}

/**
 * calculateFailedIndexes: status.failedIndexes and the indexes of the newly
 * failed pods that failed their index (isIndexFailed). Each newly failed pod
 * also becomes its index's last failed pod when it is the later failure.
 */
export function calculateFailedIndexes(job: Job, tracking: JobTracking, newFailed: readonly Pod[]): OrderedIntervals {
  const completions = job.spec.completions ?? 0;
  const prev = parseIntervals(job.status.failedIndexes ?? '', completions);
  const failed: number[] = [];
  for (const pod of newFailed) {
    const ix = validIndex(pod, completions);
    if (ix < 0) continue;
    if (isIndexFailed(job, pod)) failed.push(ix);
    if (laterFailure(tracking.lastFailedPerIndex.get(ix), pod)) tracking.lastFailedPerIndex.set(ix, pod);
  }
  return withIndexes(prev, [...new Set(failed)].sort((a, b) => a - b));
}

/**
 * The Indexed Job's own finishing conditions, once none of the others holds
 * (syncJob): more failed indexes than maxFailedIndexes
 * (MaxFailedIndexesExceeded); every index succeeded or failed with some failed
 * (FailedIndexes); else a success policy rule met (SuccessCriteriaMet,
 * SuccessPolicy).
 */
export function indexedFinishedCondition(ctx: SyncJobCtx): WorkloadCondition | undefined {
  const { job, now } = ctx;
  if (job.spec.completionMode !== 'Indexed') return undefined;
  const completions = job.spec.completions ?? 0;
  const failedIndexes = ctx.failedIndexes;
  if (failedIndexes !== undefined) {
    const failed = total(failedIndexes);
    const max = job.spec.maxFailedIndexes;
    if (max !== undefined && failed > max) {
      return newCondition(JobConditionType.FailureTarget, 'True', JobReason.MaxFailedIndexesExceeded, MESSAGE_MAX_FAILED_INDEXES, now);
    }
    if (failed > 0 && failed + total(ctx.succeededIndexes) >= completions) {
      return newCondition(JobConditionType.FailureTarget, 'True', JobReason.FailedIndexes, MESSAGE_FAILED_INDEXES, now);
    }
  }
  const matched = matchSuccessPolicy(job.spec.successPolicy, completions, ctx.succeededIndexes);
  return matched === undefined ? undefined : newCondition(JobConditionType.SuccessCriteriaMet, 'True', JobReason.SuccessPolicy, matched, now);
}
