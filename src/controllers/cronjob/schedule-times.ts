import type { CronSchedule } from '../../model/cron-schedule.js';

/**
 * When a CronJob's next Job is due, as pkg/controller/cronjob/utils.go works
 * it out (mostRecentScheduleTime, nextScheduleTimeDuration). Every time here
 * is a wall-clock instant in epoch milliseconds, whole seconds.
 */

/** nextScheduleDelta: the controller wakes this long after a schedule time, for clock skew. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** More missed start times than this is "many": a TooManyMissedTimes warning (the Job is still created). */
export const MANY_MISSED = 100;

/** What the schedule is measured from: the CronJob's own fields, as wall times. */
export interface ScheduleState {
  /** metadata.creationTimestamp (whole seconds, as the API serialises it). */
  readonly creation: number;
  readonly lastScheduleTime?: number;
  readonly startingDeadlineSeconds?: number;
}

export type MissedSchedules = 'none' | 'few' | 'many';

export interface MostRecent {
  /** lastScheduleTime, else creationTimestamp, moved up to now - startingDeadlineSeconds when asked. */
  readonly earliest: number;
  /** The most recent schedule time at or before now, if any. */
  readonly mostRecent?: number;
  readonly missed: MissedSchedules;
  /** The schedule's next two times are less than a second apart (or never come, e.g. `59 23 31 2 *`). */
  readonly error?: string;
}

const INVALID = 'time difference between two schedules is less than 1 second';

/**
 * mostRecentScheduleTime: t1 and t2, the two schedule times after the
 * earliest time; none due when now is before t1, t1 when before t2.
 * Otherwise the number of missed times is estimated as Kubernetes does,
 * (now - t1) / (t2 - t1) + 1 in whole seconds, the search for the most
 * recent one starts that many intervals (less two) after t1, and more than
 * 100 is `many`. The estimate is Kubernetes' own: on a schedule whose
 * intervals differ (`30 10,11,12 * * 1-5` across a weekend) it can start
 * past the most recent time and find none, as the controller does.
 */
export function mostRecentScheduleTime(s: ScheduleState, now: number, schedule: CronSchedule, includeStartingDeadlineSeconds: boolean): MostRecent {
  let earliest = s.lastScheduleTime ?? s.creation;
  if (includeStartingDeadlineSeconds && s.startingDeadlineSeconds !== undefined) {
    const deadline = now - s.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 !== undefined && now < t1) return { earliest, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  if (t1 === undefined || t2 === undefined) return { earliest, missed: 'none', error: INVALID };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: INVALID };
  const elapsed = Math.trunc((now - t1) / 1000);
  const count = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  for (let t = schedule.next(t1 + (count - 2) * between * 1000); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: MissedSchedules = count > MANY_MISSED ? 'many' : count > 0 ? 'few' : 'none';
  return mostRecent === undefined ? { earliest, missed } : { earliest, mostRecent, missed };
}

/**
 * nextScheduleTimeDuration: how long until the controller should look
 * again, the schedule time after the most recent one (or after the earliest
 * time when none was missed, after now when some were, or when the
 * schedule is invalid) plus 100 ms, from now. Undefined when the schedule
 * has no next time at all (Go would get a zero time and requeue at once,
 * to meet the InvalidSchedule refusal).
 */
export function nextScheduleTimeDuration(s: ScheduleState, now: number, schedule: CronSchedule): number | undefined {
  const r = mostRecentScheduleTime(s, now, schedule, false);
  const from = r.error !== undefined ? now : (r.mostRecent ?? (r.missed === 'none' ? r.earliest : now));
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}
