import type { Cluster } from '../../api/cluster.js';
import type { KubeEvent } from '../../api/event.js';
import type { CronSchedule } from '../../model/cron-schedule.js';
import type { Millis } from '../../model/meta.js';
import type { TimeZone } from '../../model/time-zone.js';
import type { CronJob, Job, JobReference } from '../../model/workloads.js';
import { formatRFC1123Z, jobFromTemplate, jobName } from './job-from-template.js';
import { mostRecentScheduleTime, nextScheduleTimeDuration, type ScheduleState } from './schedule-times.js';
import { finishedConditionType } from '../job/conditions.js';

/** What one sync needs from its controller. */
export interface CronJobSyncEnv {
  readonly cluster: Cluster;
  /** The wall-clock instant (epoch ms) simulated time 0 stands for: the scenario's startTime. */
  readonly startWall: number;
  /** The CronJob's schedule in its zone; an error text when it does not parse. */
  schedule(cj: CronJob): { readonly schedule: CronSchedule; readonly zone: TimeZone } | { readonly error: string };
  /** getJobsToBeReconciled: the Jobs of its namespace whose controller reference names it, in creation order. */
  jobsOf(cj: CronJob): readonly Job[];
}

/**
 * ControllerV2.sync (pkg/controller/cronjob/cronjob_controllerv2.go): the
 * history limits first (cleanupFinishedJobs), then syncCronJob against the
 * Jobs listed before the clean-up, then one status write if anything
 * changed. Returns how long until the CronJob wants syncing again
 * (undefined: only when something changes, as while suspended).
 */
export function syncCronJobAndStatus(env: CronJobSyncEnv, cj: CronJob): Millis | undefined {
  const jobs = env.jobsOf(cj).slice();
  const cleaned = cleanupFinishedJobs(env, cj, jobs);
  const { requeueAfter, updateStatus } = syncCronJob(env, cj, jobs);
  if (cleaned || updateStatus) env.cluster.updateWorkloadStatus(cj);
  return requeueAfter;
}

interface SyncResult {
  readonly requeueAfter?: Millis;
  readonly updateStatus: boolean;
}

/** syncCronJob: the active list brought up to date, then at most one Job created for the most recent unmet schedule time. */
function syncCronJob(env: CronJobSyncEnv, cj: CronJob, jobs: readonly Job[]): SyncResult {
  const { cluster } = env;
  const now = env.startWall + cluster.now;
  let updateStatus = trackJobs(env, cj, jobs);
  if (cj.spec.suspend) return { updateStatus };
  const parsed = env.schedule(cj);
  if ('error' in parsed) {
    event(env, cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${parsed.error}`);
    return { updateStatus };
  }
  const { schedule, zone } = parsed;
  const state = scheduleState(env, cj);
  const next = (): SyncResult => {
    const after = nextScheduleTimeDuration(scheduleState(env, cj), now, schedule);
    return after === undefined ? { updateStatus } : { requeueAfter: after, updateStatus };
  };
  const recent = mostRecentScheduleTime(state, now, schedule, true);
  if (recent.error !== undefined) {
    event(env, cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${recent.error}`);
    return { updateStatus };
  }
  const scheduled = recent.mostRecent;
  if (scheduled === undefined) return next();
  if (recent.missed === 'many') {
    event(env, cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  }
  const sds = cj.spec.startingDeadlineSeconds;
  if (sds !== undefined && scheduled + sds * 1000 < now) {
    event(env, cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}`);
    return next();
  }
  const name = jobName(cj, scheduled);
  if (cj.status.active.some((r) => r.name === name) || state.lastScheduleTime === scheduled) return next();
  if (cj.spec.concurrencyPolicy === 'Forbid' && cj.status.active.length > 0) {
    event(env, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return next();
  }
  if (cj.spec.concurrencyPolicy === 'Replace') {
    for (const ref of cj.status.active.slice()) {
      const job = cluster.workload('Job', ref.namespace, ref.name);
      if (job?.kind === 'Job') deleteJob(env, cj, job);
      updateStatus = true;
    }
  }
  const existing = cluster.workload('Job', cj.metadata.namespace, name);
  let job: Job;
  if (existing?.kind === 'Job') {
    // AlreadyExists: ours and already active, or not ours: nothing more (and no requeue).
    const ours = existing.metadata.ownerReferences.some((r) => r.controller && r.uid === cj.metadata.uid);
    if (!ours || isActive(cj, existing.metadata.uid)) return { updateStatus };
    job = existing;
  } else {
    job = jobFromTemplate(cj, scheduled, zone, cluster.newUid());
    cluster.createWorkload(job);
    event(env, cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
  }
  cj.status.active = [...cj.status.active, reference(job)];
  cj.status.lastScheduleTime = scheduled - env.startWall;
  updateStatus = true;
  return next();
}

/**
 * The first part of syncCronJob: finished Jobs leave the active list
 * (SawCompletedJob); a succeeded one no longer active moves
 * lastSuccessfulTime (so at the sync after it left the list); an
 * unfinished Job not in the list is reported (UnexpectedJob); an active Job
 * no longer in the API leaves the list (MissingJob).
 */
function trackJobs(env: CronJobSyncEnv, cj: CronJob, jobs: readonly Job[]): boolean {
  let updated = false;
  const children = new Set<string>();
  for (const j of jobs) {
    children.add(j.metadata.uid);
    const found = isActive(cj, j.metadata.uid);
    const finished = finishedConditionType(j);
    if (!found && finished === undefined) {
      event(env, cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      continue;
    }
    if (finished === undefined) continue;
    if (found) {
      removeFromActive(cj, j.metadata.uid);
      event(env, cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${finished}`);
      updated = true;
      // syncCronJob's else-if chain: lastSuccessfulTime moves at a later sync, once the Job is off the active list.
      continue;
    }
    const completed = j.status.completionTime;
    if (finished === 'Complete' && completed !== undefined) {
      const last = cj.status.lastSuccessfulTime;
      if (last === undefined || completed > last) {
        cj.status.lastSuccessfulTime = completed;
        updated = true;
      }
    }
  }
  for (const ref of cj.status.active.slice()) {
    if (children.has(ref.uid) || env.cluster.workload('Job', ref.namespace, ref.name) !== undefined) continue;
    event(env, cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    removeFromActive(cj, ref.uid);
    updated = true;
  }
  return updated;
}

/**
 * cleanupFinishedJobs / removeOldestJobs: beyond successfulJobsHistoryLimit
 * Complete Jobs and failedJobsHistoryLimit Failed ones, the oldest go
 * (byJobStartTime: earliest status.startTime first, ties and no start time
 * by name), deleted with their pods in the background (SuccessfulDelete).
 */
function cleanupFinishedJobs(env: CronJobSyncEnv, cj: CronJob, jobs: readonly Job[]): boolean {
  const succeeded = jobs.filter((j) => finishedConditionType(j) === 'Complete');
  const failed = jobs.filter((j) => finishedConditionType(j) === 'Failed');
  const a = removeOldestJobs(env, cj, succeeded, cj.spec.successfulJobsHistoryLimit);
  const b = removeOldestJobs(env, cj, failed, cj.spec.failedJobsHistoryLimit);
  return a || b;
}

function removeOldestJobs(env: CronJobSyncEnv, cj: CronJob, jobs: readonly Job[], limit: number): boolean {
  const extra = jobs.length - limit;
  if (extra <= 0) return false;
  const sorted = jobs.slice().sort(byJobStartTime);
  for (const j of sorted.slice(0, extra)) deleteJob(env, cj, j);
  return true;
}

function byJobStartTime(a: Job, b: Job): number {
  const sa = a.status.startTime;
  const sb = b.status.startTime;
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return sa! - sb!;
}

/** deleteJob: the Job (its pods follow through the garbage collector) and its place in the active list. */
function deleteJob(env: CronJobSyncEnv, cj: CronJob, job: Job): void {
  env.cluster.deleteWorkload(job);
  removeFromActive(cj, job.metadata.uid);
  event(env, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
}

/** The wall times the schedule is measured from; `env.startWall` is simulated time 0. */
export function scheduleState(env: Pick<CronJobSyncEnv, 'startWall'>, cj: CronJob): ScheduleState {
  const creation = env.startWall + cj.metadata.creationTimestamp;
  const last = cj.status.lastScheduleTime;
  const sds = cj.spec.startingDeadlineSeconds;
  return {
    creation: creation - (((creation % 1000) + 1000) % 1000),
    ...(last !== undefined ? { lastScheduleTime: env.startWall + last } : {}),
    ...(sds !== undefined ? { startingDeadlineSeconds: sds } : {}),
  };
}

function isActive(cj: CronJob, uid: string): boolean {
  return cj.status.active.some((r) => r.uid === uid);
}

function removeFromActive(cj: CronJob, uid: string): void {
  cj.status.active = cj.status.active.filter((r) => r.uid !== uid);
}

function reference(job: Job): JobReference {
  return { namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid };
}

function event(env: CronJobSyncEnv, cj: CronJob, type: KubeEvent['type'], reason: string, message: string): void {
  env.cluster.recordEvent({ type, reason, kind: 'CronJob', namespace: cj.metadata.namespace, name: cj.metadata.name, node: '', message });
}
