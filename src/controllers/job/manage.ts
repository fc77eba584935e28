import type { Pod } from '../../model/pod.js';
import { isPodReady } from '../../model/podutil.js';
import type { Job } from '../../model/workloads.js';
import { remainingBackoff } from './backoff.js';
import { JOB_API_BACKOFF_MS, MAX_POD_CREATE_DELETE_PER_SYNC } from './constants.js';
import type { JobSyncEnv, SyncJobCtx } from './context.js';
import { firstPendingIndexes, indexesOf, merge, withIndexes } from './intervals.js';
import { hasBackoffLimitPerIndex, newIndexFailureCounts, remainingBackoffPerIndex } from './indexes.js';
import { activePodsForRemoval, onlyReplaceFailedPods, podDraft } from './pods.js';

/**
 * manageJob: brings the number of active pods to what the Job wants now and
 * returns the new active count. A suspended Job loses all its active pods;
 * otherwise excess pods are deleted (best candidates first) or missing ones
 * created, never both in one sync, at most 500 per sync, and creation waits
 * out the pod failure back-off. Deletions update ctx.ready and ctx.terminating.
 */
export function manageJob(env: JobSyncEnv, ctx: SyncJobCtx): number {
  const { job } = ctx;
  const active = ctx.active;
  if (job.spec.suspend) return active - deleteJobPods(env, ctx, activePodsForRemoval(job, ctx.activePods, active));
  const want = wantActive(job, ctx.succeeded, active);
  // An Indexed Job also removes pods of repeated or out-of-range indexes; a NonIndexed one lists its pods only to scale down.
  const looks = active > want || job.spec.completionMode === 'Indexed';
  const toDelete = looks ? activePodsForRemoval(job, ctx.activePods, Math.max(0, active - want)).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC) : [];
  if (toDelete.length > 0) return active - deleteJobPods(env, ctx, toDelete);
  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  const diff = Math.min(want - terminating - active, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (diff <= 0) return active;
  // With backoffLimitPerIndex each index waits out its own back-off (createPods), not the Job's.
  const remaining = hasBackoffLimitPerIndex(job) ? 0 : remainingBackoff(ctx.newBackoffRecord, env.podFailureBackoff, ctx.now);
  if (remaining > 0) {
    // Upstream returned 0 here until kubernetes#139457; the fix reports the real count.
    env.requeueAfterBatch(job, remaining);
    return active;
  }
  return active + createPods(env, ctx, diff);
}

/**
 * getPodCreationInfoForIndependentIndexes: of the pending indexes, those whose
 * own back-off is over (from their last failed pod); when none is, the sync
 * comes back when the first one's ends.
 */
function indexesPastBackoff(env: JobSyncEnv, ctx: SyncJobCtx, indexes: readonly number[]): number[] {
  const now: number[] = [];
  let soonest: number | undefined;
  for (const ix of indexes) {
    const wait = remainingBackoffPerIndex(ctx.tracking.lastFailedPerIndex.get(ix), env.podFailureBackoff, ctx.now);
    if (wait === 0) now.push(ix);
    else if (soonest === undefined || wait < soonest) soonest = wait;
  }
  if (now.length === 0 && soonest !== undefined) env.requeueAfterBatch(ctx.job, soonest);
  return now;
}

/** Completions set: the remaining completions, at most parallelism. Unset: parallelism until one pod succeeds. */
function wantActive(job: Job, succeeded: number, active: number): number {
  const { completions, parallelism } = job.spec;
  if (completions === undefined) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

/** Creates up to `count` pods (Indexed: the lowest pending indexes); returns how many were created. */
function createPods(env: JobSyncEnv, ctx: SyncJobCtx, count: number): number {
  const { job } = ctx;
  const pending = job.spec.completionMode === 'Indexed' ? pendingIndexes(ctx, count) : undefined;
  const perIndex = hasBackoffLimitPerIndex(job);
  const indexes = pending && perIndex ? indexesPastBackoff(env, ctx, pending) : pending;
  const n = indexes ? indexes.length : count;
  for (let i = 0; i < n; i++) {
    const ix = indexes?.[i];
    const failures = perIndex && ix !== undefined ? newIndexFailureCounts(job, ctx.tracking.lastFailedPerIndex.get(ix)) : undefined;
    const pod = env.cluster.submitPod(podDraft(job, ix, failures));
    if (!pod) {
      // AlreadyExists: the rest of this slow-start batch is skipped and retried later.
      env.requeueAfter(job, JOB_API_BACKOFF_MS);
      return i;
    }
    recordJobEvent(env, job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
  }
  return n;
}

/** firstPendingIndexes: not succeeded, not active, and (replacing only failed pods) not terminating. */
function pendingIndexes(ctx: SyncJobCtx, count: number): number[] {
  let nonPending = withIndexes(ctx.succeededIndexes, indexesOf(ctx.activePods));
  if (onlyReplaceFailedPods(ctx.job)) nonPending = withIndexes(nonPending, indexesOf(ctx.terminatingPods));
  if (ctx.failedIndexes !== undefined) nonPending = merge(nonPending, ctx.failedIndexes);
  return firstPendingIndexes(nonPending, count, ctx.job.spec.completions ?? 0);
}

/**
 * deleteJobPods (suspension, excess pods): the tracking finalizer is removed
 * before the delete, so these pods are never counted as failed.
 */
function deleteJobPods(env: JobSyncEnv, ctx: SyncJobCtx, pods: readonly Pod[]): number {
  for (const pod of pods) ctx.tracking.counted.add(pod.metadata.uid);
  return deletePods(env, ctx, pods);
}

/**
 * deleteActivePods (the Job is failing): finalizers are kept, so the pods are
 * counted as failed by this sync's tracking.
 */
export function deleteActivePods(env: JobSyncEnv, ctx: SyncJobCtx): number {
  return deletePods(env, ctx, ctx.activePods);
}

/** Graceful deletes with a SuccessfulDelete event each; returns how many were deleted. */
function deletePods(env: JobSyncEnv, ctx: SyncJobCtx, pods: readonly Pod[]): number {
  for (const pod of pods) {
    const ready = isPodReady(pod);
    env.cluster.deletePod(pod);
    recordJobEvent(env, ctx.job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    if (ready) ctx.ready--;
    ctx.terminating++;
  }
  return pods.length;
}

export function recordJobEvent(env: JobSyncEnv, job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
  const { namespace, name } = job.metadata;
  env.cluster.recordEvent({ type, reason, kind: 'Job', namespace, name, node: '', message });
}
