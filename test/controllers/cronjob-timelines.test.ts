import { describe, expect, it } from 'vitest';
import { CronWorld, cronJob, minutes } from './world-cronjob.js';

/**
 * CronJob timelines worked out by hand from Kubernetes' rules
 * (pkg/controller/cronjob): the controller wakes 100 ms after each schedule
 * time (nextScheduleDelta), so a Job is created at T + 0.1 s; its pod is
 * bound at once and runs 1 s later (containerStartLatency); a pod that runs
 * d ends at T + 1.1 s + d and the Job controller counts it 1 s later
 * (syncJobBatchPeriod), writing Complete; the CronJob controller sees that
 * write at once (SawCompletedJob) and applies its history limits in the
 * same sync. The scenario's startTime is 2026-01-01T00:00:00Z (the default).
 */

const created = (name: string, iso: string) => `Created job ${name}-${minutes(iso)}`;
const saw = (name: string, iso: string, condition = 'Complete') => `Saw completed job: ${name}-${minutes(iso)}, condition: ${condition}`;
const deleted = (name: string, iso: string) => `Deleted job ${name}-${minutes(iso)}`;
const hour = (h: number) => `2026-01-01T${String(h).padStart(2, '0')}:00:00Z`;

describe('an hourly CronJob over a day', () => {
  // "0 * * * *", pods of 5 min, successfulJobsHistoryLimit 3 (the default), duration 24h.
  const w = new CronWorld('  duration: 24h\n', cronJob('hourly', '0 * * * *', ''));
  w.runTo(24 * 3600);

  it('creates a Job 100 ms after each hour from 01:00 to 23:00 (the 00:00 start is not after the creation at 00:00:00), named by the minutes since the epoch', () => {
    expect(w.jobsCreated).toEqual(Array.from({ length: 23 }, (_, i) => [(i + 1) * 3600 + 0.1, `hourly-${minutes(hour(i + 1))}`]));
    expect(w.jobsCreated[0]![1]).toBe('hourly-29453820'); // 1767229200 s / 60
  });

  it('sees each Job complete at T + 302.1 s (5 min run from T + 1.1 s, counted 1 s later), and from the fourth on deletes the oldest completed Job in that sync', () => {
    const expected: [number, string, string][] = [];
    for (let h = 1; h <= 23; h++) {
      expected.push([h * 3600 + 0.1, 'SuccessfulCreate', created('hourly', hour(h))]);
      if (h >= 4) expected.push([h * 3600 + 302.1, 'SuccessfulDelete', deleted('hourly', hour(h - 3))]);
      expected.push([h * 3600 + 302.1, 'SawCompletedJob', saw('hourly', hour(h))]);
    }
    expect(w.cronEvents('hourly')).toEqual(expected);
  });

  it('ends with the last three Jobs and their pods, and the status of the last run', () => {
    expect(w.jobNames()).toEqual([21, 22, 23].map((h) => `hourly-${minutes(hour(h))}`));
    expect([...w.sim.cluster.pods()].map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, ''))).toEqual(w.jobNames());
    expect(w.cronJob('hourly').status).toEqual({ active: [], lastScheduleTime: 23 * 3600_000, lastSuccessfulTime: 23 * 3600_000 + 302_100 });
  });

  it("stamps each Job with its scheduled time and the CronJob as its controller", () => {
    const job = w.job(`hourly-${minutes(hour(23))}`)!;
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T23:00:00Z' });
    expect(job.metadata.ownerReferences).toEqual([{ kind: 'CronJob', name: 'hourly', uid: w.cronJob('hourly').metadata.uid, controller: true }]);
  });
});

describe('a backlog after an outage', () => {
  // Kubernetes keeps no queue of missed runs: when the controller looks again
  // (after it was down, or the CronJob was suspended: either way nothing
  // touched status.lastScheduleTime meanwhile), it starts at most one Job, for
  // the most recent missed time, and only if that time is within
  // startingDeadlineSeconds (mostRecentScheduleTime, syncCronJob). podsim's
  // control plane never goes down, so the outage is `suspend: true` applied at
  // 00:25 and `suspend: false` at 01:12; the schedule is every 10 min.
  const events = `  duration: 90m\n  events:\n    - {at: 25m, apply: {file: off.yml}}\n    - {at: 72m, apply: {file: on.yml}}\n`;
  function play(fields: string) {
    const w = new CronWorld(
      events,
      cronJob('ten', '*/10 * * * *', fields, '1m'),
      { 'off.yml': cronJob('ten', '*/10 * * * *', `${fields}  suspend: true\n`, '1m'), 'on.yml': cronJob('ten', '*/10 * * * *', fields, '1m') },
    );
    w.runTo(90 * 60);
    return w;
  }
  const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;

  it('without a starting deadline: at the resume (01:12) one Job, for 01:10, the most recent of the five missed times; then 01:20 on time', () => {
    const w = play('');
    expect(w.jobsCreated).toEqual([
      [600.1, `ten-${minutes(at('00:10'))}`],
      [1200.1, `ten-${minutes(at('00:20'))}`],
      [4320, `ten-${minutes(at('01:10'))}`],
      [4800.1, `ten-${minutes(at('01:20'))}`],
    ]);
    expect(w.cronEvents('ten').filter(([, r]) => r !== 'SawCompletedJob')).toEqual([
      [600.1, 'SuccessfulCreate', created('ten', at('00:10'))],
      [1200.1, 'SuccessfulCreate', created('ten', at('00:20'))],
      [4320, 'SuccessfulCreate', created('ten', at('01:10'))],
      [4800.1, 'SuccessfulCreate', created('ten', at('01:20'))],
      [4862.1, 'SuccessfulDelete', deleted('ten', at('00:10'))], // the fourth completion: over the limit of 3
    ]);
    expect(w.job(`ten-${minutes(at('01:10'))}`)!.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T01:10:00Z');
  });

  it('with startingDeadlineSeconds 60: the 01:10 run is 2 min late, past the deadline, so nothing starts before 01:20', () => {
    const w = play('  startingDeadlineSeconds: 60\n');
    expect(w.jobsCreated.map(([t]) => t)).toEqual([600.1, 1200.1, 4800.1]);
    expect(w.cronEvents('ten').some(([, r]) => r === 'MissSchedule')).toBe(false);
  });

  it('more than 100 missed times: a TooManyMissedTimes warning, and still the one Job for the most recent time', () => {
    // Every minute, suspended from its creation at 0 until 02:00:30: (7230 - 60) / 60 + 1 = 120 missed.
    const spec = `  duration: 7300s\n  events:\n    - {at: 7230s, apply: {file: on.yml}}\n`;
    const w = new CronWorld(spec, cronJob('minutely', '* * * * *', '  suspend: true\n', '10s'), { 'on.yml': cronJob('minutely', '* * * * *', '', '10s') });
    w.runTo(7300);
    expect(w.cronEvents('minutely').filter(([, r]) => r !== 'SawCompletedJob')).toEqual([
      [7230, 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'],
      [7230, 'SuccessfulCreate', created('minutely', at('02:00'))],
      [7260.1, 'SuccessfulCreate', created('minutely', at('02:01'))],
    ]);
  });
});

describe('a Job that runs longer than the period: Forbid and Replace', () => {
  // "*/5 * * * *", pods of 7 min: a Job created at T + 0.1 completes at T + 422.1.
  const play = (policy: string) => {
    const w = new CronWorld('  duration: 27m\n', cronJob('slow', '*/5 * * * *', `  concurrencyPolicy: ${policy}\n`, '7m'));
    w.runTo(27 * 60);
    return w;
  };
  const at = (mm: string) => `2026-01-01T00:${mm}:00Z`;

  it('Forbid skips a start while one runs, then starts the missed time as soon as the running Job completes; a time missed twice is dropped', () => {
    const w = play('Forbid');
    const busy = 'Not starting job because prior execution is running and concurrency policy is Forbid';
    expect(w.cronEvents('slow')).toEqual([
      [300.1, 'SuccessfulCreate', created('slow', at('05'))],
      [600.1, 'JobAlreadyActive', busy],
      [722.1, 'SawCompletedJob', saw('slow', at('05'))],
      [722.1, 'SuccessfulCreate', created('slow', at('10'))], // 00:10, late
      [900.1, 'JobAlreadyActive', busy],
      [1144.1, 'SawCompletedJob', saw('slow', at('10'))],
      [1144.1, 'SuccessfulCreate', created('slow', at('15'))],
      [1200.1, 'JobAlreadyActive', busy],
      [1500.1, 'JobAlreadyActive', busy],
      [1566.1, 'SawCompletedJob', saw('slow', at('15'))],
      [1566.1, 'SuccessfulCreate', created('slow', at('25'))], // 00:20 is never run
    ]);
  });

  it('Replace deletes the running Job at each schedule time and starts the new one; no Job ever completes', () => {
    const w = play('Replace');
    const expected: [number, string, string][] = [[300.1, 'SuccessfulCreate', created('slow', at('05'))]];
    for (const [t, prev, next] of [[600.1, '05', '10'], [900.1, '10', '15'], [1200.1, '15', '20'], [1500.1, '20', '25']] as const) {
      expected.push([t, 'SuccessfulDelete', deleted('slow', at(prev))], [t, 'SuccessfulCreate', created('slow', at(next))]);
    }
    expect(w.cronEvents('slow')).toEqual(expected);
    expect(w.jobNames()).toEqual([`slow-${minutes(at('25'))}`]);
    expect(w.cronJob('slow').status.active.map((r) => r.name)).toEqual([`slow-${minutes(at('25'))}`]);
  });
});

describe('history limits', () => {
  // Every minute, pods of 10 s: Job k (created at 60k + 0.1) ends at 60k + 12.1.
  it('keeps successfulJobsHistoryLimit Complete Jobs and failedJobsHistoryLimit (default 1) Failed ones, deleting the oldest when one more finishes', () => {
    const objects = `${cronJob('ok', '* * * * *', '  successfulJobsHistoryLimit: 2\n', '10s')}---\n${cronJob('bad', '* * * * *', '', '10s', 1)}`;
    const w = new CronWorld('  duration: 5m\n', objects);
    w.runTo(300);
    const at = (m: number) => `2026-01-01T00:0${m}:00Z`;
    expect(w.cronEvents('ok').filter(([, r]) => r === 'SuccessfulDelete')).toEqual([
      [192.1, 'SuccessfulDelete', deleted('ok', at(1))],
      [252.1, 'SuccessfulDelete', deleted('ok', at(2))],
    ]);
    expect(w.cronEvents('bad').filter(([, r]) => r !== 'SuccessfulCreate')).toEqual([
      [72.1, 'SawCompletedJob', saw('bad', at(1), 'Failed')],
      [132.1, 'SuccessfulDelete', deleted('bad', at(1))],
      [132.1, 'SawCompletedJob', saw('bad', at(2), 'Failed')],
      [192.1, 'SuccessfulDelete', deleted('bad', at(2))],
      [192.1, 'SawCompletedJob', saw('bad', at(3), 'Failed')],
      [252.1, 'SuccessfulDelete', deleted('bad', at(3))],
      [252.1, 'SawCompletedJob', saw('bad', at(4), 'Failed')],
    ]);
    expect(w.jobNames()).toEqual([`ok-${minutes(at(3))}`, `ok-${minutes(at(4))}`, `bad-${minutes(at(4))}`]);
    expect(w.cronJob('bad').status.lastSuccessfulTime).toBeUndefined();
  });

  it('with limits of 0, a finished Job is deleted in the sync that sees it finish, before it could be reported as seen', () => {
    const w = new CronWorld('  duration: 3m\n', cronJob('none', '* * * * *', '  successfulJobsHistoryLimit: 0\n', '10s'));
    w.runTo(180);
    const at = (m: number) => `2026-01-01T00:0${m}:00Z`;
    expect(w.cronEvents('none')).toEqual([
      [60.1, 'SuccessfulCreate', created('none', at(1))],
      [72.1, 'SuccessfulDelete', deleted('none', at(1))],
      [120.1, 'SuccessfulCreate', created('none', at(2))],
      [132.1, 'SuccessfulDelete', deleted('none', at(2))],
    ]);
    expect(w.cronJob('none').status.lastSuccessfulTime).toBe(132_100);
  });
});

describe('spec.timeZone', () => {
  // startTime 2026-03-28T00:00:00Z; "30 2 * * *" in Europe/Paris. On Sunday 29 March 2026
  // clocks go from 02:00 CET to 03:00 CEST: 02:30 does not exist that day and robfig's
  // Next skips it (its hour search steps from 01:00 to 03:00), as Kubernetes does.
  const w = new CronWorld(
    '  duration: 72h\n  startTime: 2026-03-28T00:00:00Z\n',
    cronJob('paris', '30 2 * * *', '  timeZone: Europe/Paris\n', '1m'),
  );
  w.runTo(72 * 3600);

  it('runs at 02:30 Paris time: 01:30Z in winter, none on the day 02:30 is skipped, 00:30Z in summer', () => {
    expect(w.jobsCreated).toEqual([
      [5400.1, `paris-${minutes('2026-03-28T01:30:00Z')}`],
      [2 * 86400 + 1800.1, `paris-${minutes('2026-03-30T00:30:00Z')}`],
    ]);
  });

  it('stamps the scheduled time in the CronJob zone', () => {
    const stamps = w.jobNames().map((n) => w.job(n)!.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']);
    expect(stamps).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-30T02:30:00+02:00']);
  });
});
