import { isPodActive } from '../../model/podutil.js';
import type { Pod } from '../../model/pod.js';
import type { Job, JobStatus, WorkloadCondition } from '../../model/workloads.js';
import { nextBackoffRecord } from './backoff.js';
import { ensureCondition, findCondition, newCondition } from './conditions.js';
import {
  JobConditionType,
  JobReason,
  MESSAGE_BACKOFF_LIMIT,
  MESSAGE_COMPLETIONS_REACHED,
  MESSAGE_DEADLINE,
} from './constants.js';
import { calculateFailedIndexes, hasBackoffLimitPerIndex, indexedFinishedCondition } from './indexes.js';
import type { JobSyncEnv, JobTracking, SyncJobCtx, UncountedPod } from './context.js';
import { completionIndex, indexesOf, parseIntervals, total, withIndexes } from './intervals.js';
import { deleteActivePods, manageJob, recordJobEvent } from './manage.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { isPodFailed, isPodTerminating, restartsPastBackoffLimit } from './pods.js';
import { trackJobStatus } from './track.js';

/**
 * syncJob (pkg/controller/job/job_controller.go) for a Job not yet finished:
 * decides whether it is failing (pod failure policy, backoffLimit, deadline),
 * else manages its pods and checks for completion and suspension, then
 * recomputes its status from scratch and writes it only if it changed.
 * Events: SuccessfulCreate, SuccessfulDelete, Suspended, Resumed, then
 * Completed or the failure reason once the Job has finished.
 */
export function syncJob(env: JobSyncEnv, job: Job, tracking: JobTracking): void {
  const ctx = newSyncCtx(env, job, tracking);
  const { status, now } = ctx;
  if (status.startTime === undefined && !job.spec.suspend) status.startTime = now;
  ctx.finishedCondition = finishedCondition(env, ctx) ?? indexedFinishedCondition(ctx);
  let active = ctx.active;
  if (ctx.finishedCondition) {
    active -= deleteActivePods(env, ctx);
  } else {
    active = manageJob(env, ctx);
    const { completions } = job.spec;
    const complete = active === 0 && (completions === undefined ? ctx.succeeded > 0 : ctx.succeeded >= completions);
    if (complete) {
      ctx.finishedCondition = newCondition(
        JobConditionType.SuccessCriteriaMet,
        'True',
        JobReason.CompletionsReached,
        MESSAGE_COMPLETIONS_REACHED,
        now,
      );
    } else updateSuspendedCondition(env, ctx);
  }
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  const finished = trackJobStatus(ctx);
  tracking.backoff = ctx.newBackoffRecord;
  settle(ctx);
  if (!sameStatus(job.status, status)) {
    job.status = status;
    env.cluster.updateWorkloadStatus(job);
  }
  if (finished) recordJobFinished(env, job, finished);
}

function validCompletionIndex(pod: Pod, completions: number): boolean {
  const ix = completionIndex(pod);
  return ix >= 0 && ix < completions;
}

function newSyncCtx(env: JobSyncEnv, job: Job, tracking: JobTracking): SyncJobCtx {
  const indexed = job.spec.completionMode === 'Indexed';
  const completions = job.spec.completions ?? 0;
  const gone = new Set(tracking.gone);
  const isFailed = (p: Pod) => (gone.has(p) ? p.status.phase !== 'Succeeded' : isPodFailed(p, job));
  const valid = (p: Pod) => !indexed || validCompletionIndex(p, completions);
  // Only a pod that changed since the last sync (or was removed) can have
  // finished since: every finished pod is counted by the sync that sees it.
  const changed = tracking.gone.length === 0 ? tracking.pods.takeChanged() : [...tracking.pods.takeChanged(), ...tracking.gone];
  const uncounted: UncountedPod[] = [];
  const newSucceeded: Pod[] = [];
  const newFailed: Pod[] = [];
  for (const pod of changed) {
    if (tracking.counted.has(pod.metadata.uid)) continue;
    const u: UncountedPod = { pod, succeeded: pod.status.phase === 'Succeeded', failed: isFailed(pod), validIndex: valid(pod) };
    if (!u.succeeded && !u.failed) continue;
    uncounted.push(u);
    if (!u.validIndex) continue;
    if (u.succeeded) newSucceeded.push(pod);
    if (u.failed) newFailed.push(pod);
  }
  // The lists below are read by the rarer paths (deletions, Indexed Jobs,
  // pod failure policies, a finishing Job), before any pod changes in this sync.
  let pods: Pod[] | undefined;
  let activePods: Pod[] | undefined;
  let terminatingPods: Pod[] | undefined;
  let unfinished: UncountedPod[] | undefined;
  const live = () => [...tracking.pods.values()];
  const status = cloneStatus(job.status);
  const prevSucceededIndexes = indexed ? parseIntervals(status.completedIndexes, completions) : [];
  const succeededIndexes = indexed ? withIndexes(prevSucceededIndexes, indexesOf(newSucceeded)) : [];
  const countedFailures = newFailed.filter((p) => matchPodFailurePolicy(job.spec.podFailurePolicy, p).countFailed).length;
  const failedIndexes = hasBackoffLimitPerIndex(job) ? calculateFailedIndexes(job, tracking, newFailed) : undefined;
  return {
    job,
    tracking,
    now: env.cluster.now,
    status,
    get pods() {
      return (pods ??= [...live(), ...tracking.gone]);
    },
    get activePods() {
      return (activePods ??= live().filter(isPodActive));
    },
    get terminatingPods() {
      return (terminatingPods ??= live().filter(isPodTerminating));
    },
    changed,
    uncounted,
    // Every uncounted pod that had finished at sync start is in `uncounted`; the
    // others had not (whatever this sync has done to them since).
    get unfinished() {
      const finished = new Set(uncounted.map((u) => u.pod));
      return (unfinished ??= this.pods
        .filter((p) => !tracking.counted.has(p.metadata.uid) && !finished.has(p))
        .map((p) => ({ pod: p, succeeded: false, failed: false, validIndex: valid(p) })));
    },
    restarts: tracking.pods.restarts,
    isFailed,
    succeeded: indexed ? total(succeededIndexes) : status.succeeded + newSucceeded.length,
    failed: status.failed + countedFailures,
    ready: tracking.pods.ready,
    active: tracking.pods.active,
    terminating: tracking.pods.terminating,
    prevSucceededIndexes,
    succeededIndexes,
    ...(failedIndexes !== undefined ? { failedIndexes } : {}),
    newBackoffRecord: nextBackoffRecord(tracking.backoff, newSucceeded, newFailed),
  };
}

/**
 * Forgets what this sync has finished with: removed pods now counted, and
 * pods counted and terminal (kept out of later syncs). A pod becomes both
 * in a change a sync sees, or is counted by a finishing Job, which looks at all.
 */
function settle(ctx: SyncJobCtx): void {
  const { tracking } = ctx;
  tracking.gone = tracking.gone.filter((p) => !tracking.counted.delete(p.metadata.uid));
  for (const p of ctx.finishedCondition ? ctx.pods : ctx.changed) {
    const terminal = p.status.phase === 'Succeeded' || p.status.phase === 'Failed';
    if (terminal && tracking.counted.has(p.metadata.uid)) tracking.pods.remove(p);
  }
}

/**
 * The condition the Job is finishing with, if any: SuccessCriteriaMet already
 * reached; Failed from an earlier FailureTarget; else a new FailureTarget for a
 * FailJob rule, the backoff limit, or the active deadline, in that order. A
 * Job with a deadline still to come is synced again at that instant.
 */
function finishedCondition(env: JobSyncEnv, ctx: SyncJobCtx): WorkloadCondition | undefined {
  const { job, status, now } = ctx;
  const met = findCondition(status.conditions, JobConditionType.SuccessCriteriaMet);
  if (met?.status === 'True') return met;
  const target = findCondition(status.conditions, JobConditionType.FailureTarget);
  if (target?.status === 'True') return newCondition(JobConditionType.Failed, 'True', target.reason, target.message, now);
  const failTarget = (reason: string, message: string) => newCondition(JobConditionType.FailureTarget, 'True', reason, message, now);
  const failJob = failJobMessage(ctx);
  if (failJob !== undefined) return failTarget(JobReason.PodFailurePolicy, failJob);
  if (ctx.failed > job.spec.backoffLimit || restartsPastBackoffLimit(job, ctx.restarts)) {
    return failTarget(JobReason.BackoffLimitExceeded, MESSAGE_BACKOFF_LIMIT);
  }
  const ads = job.spec.activeDeadlineSeconds;
  if (ads === undefined || job.spec.suspend || status.startTime === undefined) return undefined;
  const left = ads * 1000 - (now - status.startTime);
  if (left <= 0) return failTarget(JobReason.DeadlineExceeded, MESSAGE_DEADLINE);
  env.requeueAfter(job, left);
  return undefined;
}

/** getFailJobMessage: the message of the first failed pod matching a FailJob rule. */
function failJobMessage(ctx: SyncJobCtx): string | undefined {
  const policy = ctx.job.spec.podFailurePolicy;
  if (!policy) return undefined;
  for (const p of ctx.pods) {
    if (!ctx.isFailed(p)) continue;
    const msg = matchPodFailurePolicy(policy, p).failJobMessage;
    if (msg !== undefined) return msg;
  }
  return undefined;
}

/** Suspended=True (JobSuspended) while suspended; False (JobResumed) on resume, which restarts startTime. */
function updateSuspendedCondition(env: JobSyncEnv, ctx: SyncJobCtx): void {
  const { job, status, now } = ctx;
  const { conditions } = status;
  if (job.spec.suspend) {
    if (ensureCondition(conditions, JobConditionType.Suspended, 'True', 'JobSuspended', 'Job suspended', now)) {
      recordJobEvent(env, job, 'Normal', 'Suspended', 'Job suspended');
    }
  } else if (ensureCondition(conditions, JobConditionType.Suspended, 'False', 'JobResumed', 'Job resumed', now)) {
    recordJobEvent(env, job, 'Normal', 'Resumed', 'Job resumed');
    status.startTime = now;
  }
}

/** recordJobFinished: Completed (and TooManySucceededPods), or the failure reason as a Warning. */
function recordJobFinished(env: JobSyncEnv, job: Job, finished: WorkloadCondition): void {
  if (finished.type !== JobConditionType.Complete) {
    recordJobEvent(env, job, 'Warning', finished.reason, finished.message);
    return;
  }
  const { completions } = job.spec;
  if (completions !== undefined && job.status.succeeded > completions) {
    recordJobEvent(env, job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
  }
  recordJobEvent(env, job, 'Normal', 'Completed', 'Job completed');
}

function cloneStatus(s: JobStatus): JobStatus {
  return { ...s, conditions: [...s.conditions] };
}

const STATUS_FIELDS = [
  'active',
  'succeeded',
  'failed',
  'ready',
  'terminating',
  'startTime',
  'completionTime',
  'completedIndexes',
  'failedIndexes',
] as const satisfies readonly (keyof JobStatus)[];

function sameStatus(a: JobStatus, b: JobStatus): boolean {
  if (STATUS_FIELDS.some((f) => a[f] !== b[f])) return false;
  return a.conditions.length === b.conditions.length && a.conditions.every((c, i) => c === b.conditions[i]);
}
