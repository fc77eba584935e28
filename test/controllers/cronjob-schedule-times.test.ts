import { describe, expect, it } from 'vitest';
import { mostRecentScheduleTime, nextScheduleTimeDuration, type ScheduleState } from '../../src/controllers/cronjob/schedule-times.js';
import { type CronSchedule, isCronError, parseStandard } from '../../src/model/cron-schedule.js';

/**
 * Kubernetes' own tables for the schedule arithmetic, ported from
 * pkg/controller/cronjob/utils_test.go (TestMostRecentScheduleTime,
 * TestNextScheduleTimeDuration, TestNextScheduleTime; Apache-2.0, The
 * Kubernetes Authors). The top of the hour is 2016-05-19T10:00:00Z, a Thursday.
 */

const TOP = Date.parse('2016-05-19T10:00:00Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;

function sched(spec: string): CronSchedule {
  const s = parseStandard(spec);
  if (isCronError(s)) throw new Error(s.error);
  return s;
}

interface Case {
  readonly name: string;
  readonly schedule: string;
  readonly state: ScheduleState;
  readonly includeSDS?: boolean;
  readonly now: number;
  readonly earliest?: number;
  readonly recent?: number;
  readonly missed?: 'none' | 'few' | 'many';
  readonly error?: boolean;
}

describe('mostRecentScheduleTime (TestMostRecentScheduleTime)', () => {
  const cases: Case[] = [
    { name: 'now before next schedule', schedule: '0 * * * *', state: { creation: TOP }, now: TOP + 30 * S, earliest: TOP },
    { name: 'now just after next schedule', schedule: '0 * * * *', state: { creation: TOP }, now: TOP + 61 * M, earliest: TOP, recent: TOP + 60 * M },
    { name: 'missed 5 schedules', schedule: '0 * * * *', state: { creation: TOP + 10 * S }, now: TOP + 301 * M, earliest: TOP + 10 * S, recent: TOP + 300 * M, missed: 'few' },
    { name: 'complex schedule', schedule: '30 6-16/4 * * 1-5', state: { creation: TOP, lastScheduleTime: TOP + 30 * M }, now: TOP + 24 * H + 31 * M, earliest: TOP + 30 * M, recent: TOP + 24 * H + 30 * M, missed: 'few' },
    // The estimate starts past the most recent time (a weekend between): none found, as in Kubernetes.
    { name: 'another complex schedule', schedule: '30 10,11,12 * * 1-5', state: { creation: TOP, lastScheduleTime: TOP + 30 * M }, now: TOP + 30 * H + 30 * M, earliest: TOP + 30 * M, missed: 'few' },
    { name: 'complex schedule with longer diff between executions', schedule: '30 6-16/4 * * 1-5', state: { creation: TOP, lastScheduleTime: TOP + 30 * M }, now: TOP + 96 * H + 31 * M, earliest: TOP + 30 * M, recent: TOP + 96 * H + 30 * M, missed: 'few' },
    { name: 'complex schedule with shorter diff between executions', schedule: '30 6-16/4 * * 1-5', state: { creation: TOP }, now: TOP + 24 * H + 31 * M, earliest: TOP, recent: TOP + 24 * H + 30 * M, missed: 'few' },
    { name: '@every schedule', schedule: '@every 1h', state: { creation: TOP - 59 * M, lastScheduleTime: TOP + M, startingDeadlineSeconds: 10 }, now: TOP + 7 * 24 * H, earliest: TOP + M, recent: TOP + 6 * 24 * H + 23 * H + M, missed: 'many' },
    { name: 'rogue cronjob', schedule: '59 23 31 2 *', state: { creation: TOP + 10 * S }, now: TOP + H, error: true },
    { name: 'earliestTime being CreationTimestamp and LastScheduleTime', schedule: '0 * * * *', state: { creation: TOP, lastScheduleTime: TOP }, now: TOP + 30 * S, earliest: TOP },
    { name: 'earliestTime being LastScheduleTime', schedule: '*/5 * * * *', state: { creation: TOP, lastScheduleTime: TOP + 30 * M }, now: TOP + 31 * M, earliest: TOP + 30 * M },
    { name: 'earliestTime being LastScheduleTime (within StartingDeadlineSeconds)', schedule: '*/5 * * * *', state: { creation: TOP, lastScheduleTime: TOP + 30 * M, startingDeadlineSeconds: 60 }, now: TOP + 31 * M, earliest: TOP + 30 * M },
    { name: 'earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)', schedule: '*/5 * * * *', state: { creation: TOP, lastScheduleTime: TOP + 30 * M, startingDeadlineSeconds: 60 }, includeSDS: true, now: TOP + 32 * M, earliest: TOP + 31 * M },
  ];
  it.each(cases)('$name', (c) => {
    const r = mostRecentScheduleTime(c.state, c.now, sched(c.schedule), c.includeSDS ?? false);
    if (c.error) {
      expect(r.error).toBe('time difference between two schedules is less than 1 second');
      expect(r.mostRecent).toBeUndefined();
      return;
    }
    expect(r).toEqual({ earliest: c.earliest, ...(c.recent !== undefined ? { mostRecent: c.recent } : {}), missed: c.missed ?? 'none' });
  });
});

describe('nextScheduleTimeDuration (TestNextScheduleTimeDuration): the next time after the most recent, plus 100 ms', () => {
  const cases: [string, string, ScheduleState, number, number][] = [
    ['complex schedule skipping weekend', '30 6-16/4 * * 1-5', { creation: TOP, lastScheduleTime: TOP + 30 * M }, TOP + 24 * H + 31 * M, 3 * H + 59 * M + 100],
    ['another complex schedule skipping weekend', '30 10,11,12 * * 1-5', { creation: TOP, lastScheduleTime: TOP + 30 * M }, TOP + 30 * H + 30 * M, 66 * H + 100],
    ['once a week cronjob, missed two runs', '0 12 * * 4', { creation: TOP, lastScheduleTime: TOP + 2 * H }, TOP + 19 * 24 * H + H + 30 * M, 48 * H + 30 * M + 100],
    ['no previous run of a cronjob', '0 12 * * 5', { creation: TOP }, TOP + 6 * H, 20 * H + 100],
  ];
  it.each(cases)('%s', (_, schedule, state, now, expected) => {
    expect(nextScheduleTimeDuration(state, now, sched(schedule))).toBe(expected);
  });
});

describe('nextScheduleTime cases (TestNextScheduleTime), hourly on the hour: T1 = 10:00, T2 = 11:00', () => {
  const T1 = TOP;
  const T2 = TOP + H;
  const hourly = sched('0 * * * ?');
  const recent = (state: ScheduleState, now: number) => mostRecentScheduleTime(state, now, hourly, true).mostRecent;
  it('no known start times, none needed yet', () => expect(recent({ creation: T1 - 10 * M }, T1 - 7 * M)).toBeUndefined());
  it('no known start times, one needed', () => expect(recent({ creation: T1 - 10 * M }, T1 + 2 * S)).toBe(T1));
  it('known LastScheduleTime, no start needed', () => expect(recent({ creation: T1 - 10 * M, lastScheduleTime: T1 }, T1 + 2 * M)).toBeUndefined());
  it('known LastScheduleTime, a start needed', () => expect(recent({ creation: T1 - 10 * M, lastScheduleTime: T1 }, T2 + 5 * M)).toBe(T2));
  it('known LastScheduleTime, two starts needed: the later', () => expect(recent({ creation: T1 - 2 * H, lastScheduleTime: T1 - H }, T2 + 5 * M)).toBe(T2));
  it('now far ahead of the last start, no deadline: still a time', () => expect(recent({ creation: T1 - 2 * H, lastScheduleTime: T1 - H }, T2 + 240 * H)).toBe(T2 + 240 * H));
  it('now far ahead, a short deadline: the last time within it', () => {
    expect(recent({ creation: T1 - 2 * H, lastScheduleTime: T1 - H, startingDeadlineSeconds: 2 * 3600 }, T2 + 240 * H)).toBe(T2 + 240 * H);
  });
});
