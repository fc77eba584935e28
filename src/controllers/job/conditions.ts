import type { Millis } from '../../model/meta.js';
import type { Job, WorkloadCondition } from '../../model/workloads.js';
import { JobConditionType } from './constants.js';

type Status = WorkloadCondition['status'];

export function newCondition(type: string, status: Status, reason: string, message: string, now: Millis): WorkloadCondition {
  return { type, status, reason, message, lastTransitionTime: now };
}

export function findCondition(conditions: readonly WorkloadCondition[], type: string): WorkloadCondition | undefined {
  return conditions.find((c) => c.type === type);
}

/**
 * ensureJobConditionStatus: replaces the condition of that type when its
 * status, reason or message differ (a new lastTransitionTime), or appends it
 * unless it would be a new False. Returns whether the list changed.
 */
export function ensureCondition(
  conditions: WorkloadCondition[],
  type: string,
  status: Status,
  reason: string,
  message: string,
  now: Millis,
): boolean {
  const i = conditions.findIndex((c) => c.type === type);
  const old = conditions[i];
  if (old) {
    if (old.status === status && old.reason === reason && old.message === message) return false;
    conditions[i] = newCondition(type, status, reason, message, now);
    return true;
  }
  if (status === 'False') return false;
  conditions.push(newCondition(type, status, reason, message, now));
  return true;
}

/** util.FinishedCondition: the Job's Complete or Failed condition that is True, if any. */
function finished(job: Job) {
  return job.status.conditions.find(
    (c) => (c.type === JobConditionType.Complete || c.type === JobConditionType.Failed) && c.status === 'True',
  );
}

/** util.IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return finished(job) !== undefined;
}

/** util.FinishedCondition's type: how the Job finished, if it has. */
export function finishedConditionType(job: Job): 'Complete' | 'Failed' | undefined {
  return finished(job)?.type as 'Complete' | 'Failed' | undefined;
}

/** When the Job finished (the Complete or Failed condition's transition), if it has. */
export function jobFinishTime(job: Job): Millis | undefined {
  return finished(job)?.lastTransitionTime;
}
