import type { WorkloadCondition } from '../../model/workloads.js';
import { ensureCondition, findCondition, newCondition } from './conditions.js';
import { JobConditionType } from './constants.js';
import type { SyncJobCtx } from './context.js';
import { completionIndex, formatIntervals, has, total, withIndexes } from './intervals.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/**
 * trackJobStatusAndRemoveFinalizers and enactJobFinished: counts the pods
 * that can be counted now (succeeded, failed, or any pod once the Job is
 * finishing) exactly once into ctx.status, records the interim FailureTarget
 * or SuccessCriteriaMet condition, and adds the terminal Complete or Failed
 * condition once no pod of the Job is terminating. Returns that terminal
 * condition when the Job finished in this sync.
 */
export function trackJobStatus(ctx: SyncJobCtx): WorkloadCondition | undefined {
  countFinishedPods(ctx);
  const { status, now } = ctx;
  let finished = ctx.finishedCondition;
  if (finished?.type === JobConditionType.FailureTarget) {
    status.conditions.push(finished);
    finished = newCondition(JobConditionType.Failed, 'True', finished.reason, finished.message, now);
  } else if (finished?.type === JobConditionType.SuccessCriteriaMet) {
    if (findCondition(status.conditions, JobConditionType.SuccessCriteriaMet)?.status !== 'True') status.conditions.push(finished);
    finished = newCondition(JobConditionType.Complete, 'True', finished.reason, finished.message, now);
  }
  // delayTerminalCondition (JobPodReplacementPolicy, JobManagedBy): wait for terminating pods.
  if (!finished || ctx.terminating > 0) return undefined;
  ensureCondition(status.conditions, finished.type, 'True', finished.reason, finished.message, now);
  if (finished.type === JobConditionType.Complete) status.completionTime = now;
  return finished;
}

function countFinishedPods(ctx: SyncJobCtx): void {
  const { job, status, tracking } = ctx;
  const indexed = job.spec.completionMode === 'Indexed';
  const finishing = ctx.finishedCondition !== undefined;
  const failing = finishing && ctx.finishedCondition?.type !== JobConditionType.SuccessCriteriaMet;
  const candidates = finishing ? [...ctx.uncounted, ...ctx.unfinished] : ctx.uncounted;
  const pods = indexed ? [...candidates].sort((a, b) => completionIndex(a.pod) - completionIndex(b.pod)) : candidates;
  const newIndexes: number[] = [];
  for (const u of pods) {
    const uid = u.pod.metadata.uid;
    if (tracking.counted.has(uid) || (!finishing && !u.succeeded && !u.failed)) continue;
    tracking.counted.add(uid);
    if (u.succeeded) {
      const ix = completionIndex(u.pod);
      if (!indexed) status.succeeded++;
      else if (u.validIndex && !has(ctx.prevSucceededIndexes, ix)) newIndexes.push(ix);
    } else if ((u.failed || failing) && u.validIndex && matchPodFailurePolicy(job.spec.podFailurePolicy, u.pod).countFailed) {
      status.failed++;
    }
  }
  if (!indexed) return;
  if (ctx.failedIndexes !== undefined) status.failedIndexes = formatIntervals(ctx.failedIndexes);
  ctx.succeededIndexes = withIndexes(ctx.succeededIndexes, newIndexes);
  status.succeeded = total(ctx.succeededIndexes);
  status.completedIndexes = formatIntervals(ctx.succeededIndexes);
}
