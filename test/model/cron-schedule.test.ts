import { describe, expect, it } from 'vitest';
import { type CronSchedule, isCronError, parseStandard } from '../../src/model/cron-schedule.js';
import { TimeZone } from '../../src/model/time-zone.js';

/**
 * The cron schedule table, ported from robfig/cron v3.0.1 (MIT licence;
 * github.com/robfig/cron, spec_test.go TestActivation, TestNext,
 * TestNextWithTz; parser_test.go TestRange, TestParseScheduleErrors), the
 * library Kubernetes' CronJob controller and validation call. robfig's
 * TestNext uses its six-field parser with seconds: the cases whose seconds
 * field is 0 are kept, written with five fields. Times without a zone are
 * robfig's time.Local, taken here as UTC (podsim's controller zone).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** robfig's getTime: `Mon Jul 9 15:00 2012` (UTC here), `2012-03-11T00:00:00-0500`, or `TZ=<zone> <iso>`. */
function at(value: string): number {
  const iso = value.replace(/^TZ=\S+ /, '');
  const m = /^\w{3} (\w{3}) (\d+) (\d+):(\d+)(?::(\d+))? (\d{4})$/.exec(iso);
  if (m) return Date.UTC(Number(m[6]), MONTHS.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0));
  return Date.parse(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function parsed(spec: string, local = TimeZone.UTC): CronSchedule {
  const s = parseStandard(spec, local);
  if (isCronError(s)) throw new Error(s.error);
  return s;
}

describe('activation (robfig TestActivation): the schedule fires at exactly this minute', () => {
  const table: [string, string, boolean][] = [
    ['Mon Jul 9 15:00 2012', '0/15 * * * *', true],
    ['Mon Jul 9 15:45 2012', '0/15 * * * *', true],
    ['Mon Jul 9 15:40 2012', '0/15 * * * *', false],
    ['Mon Jul 9 15:05 2012', '5/15 * * * *', true],
    ['Mon Jul 9 15:20 2012', '5/15 * * * *', true],
    ['Mon Jul 9 15:50 2012', '5/15 * * * *', true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jul *', true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jun *', false],
    ['Sun Jul 15 08:30 2012', '30 08 ? Jul Sun', true],
    ['Sun Jul 15 08:30 2012', '30 08 15 Jul ?', true],
    ['Mon Jul 16 08:30 2012', '30 08 ? Jul Sun', false],
    ['Mon Jul 16 08:30 2012', '30 08 15 Jul ?', false],
    ['Mon Jul 9 15:00 2012', '@hourly', true],
    ['Mon Jul 9 15:04 2012', '@hourly', false],
    ['Mon Jul 9 15:00 2012', '@daily', false],
    ['Mon Jul 9 00:00 2012', '@daily', true],
    ['Mon Jul 9 00:00 2012', '@midnight', true],
    ['Mon Jul 9 00:00 2012', '@weekly', false],
    ['Sun Jul 8 00:00 2012', '@weekly', true],
    ['Sun Jul 8 01:00 2012', '@weekly', false],
    ['Sun Jul 8 00:00 2012', '@monthly', false],
    ['Sun Jul 1 00:00 2012', '@monthly', true],
    ['Sun Jan 1 00:00 2012', '@yearly', true],
    ['Sun Jan 1 00:00 2012', '@annually', true],
    ['Sun Jul 1 00:00 2012', '@yearly', false],
    // Day of month and day of week both restricted: either matches.
    ['Sun Jul 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Fri Jun 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Wed Aug 1 00:00 2012', '* * 1,15 * Sun', true],
    ['Sun Jul 15 00:00 2012', '* * */10 * Sun', true], // */10 is no star: robfig issue #70
    // One of them a star: both must match.
    ['Sun Jul 15 00:00 2012', '* * * * Mon', false],
    ['Mon Jul 9 00:00 2012', '* * 1,15 * *', false],
    ['Sun Jul 15 00:00 2012', '* * 1,15 * *', true],
    ['Sun Jul 15 00:00 2012', '* * */2 * Sun', true],
    // Names in any case, ranges of names, and ? as *.
    ['Mon Jul 9 09:00 2012', '0 9 * * MON-FRI', true],
    ['Sat Jul 14 09:00 2012', '0 9 * * mon-fri', false],
    ['Mon Jul 9 09:00 2012', '0 9 ? JUN-aug ?', true],
  ];
  it.each(table)('%s, %s: %s', (time, spec, fires) => {
    const t = at(time);
    expect(parsed(spec).next(t - 1000) === t).toBe(fires);
  });
});

describe('next (robfig TestNext, TestNextWithTz)', () => {
  const table: [string, string, string][] = [
    ['Mon Jul 9 14:45 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 15:45 2012', '20-35/15 * * * *', 'Mon Jul 9 16:20 2012'],
    ['Mon Jul 9 23:46 2012', '*/15 * * * *', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:45 2012', '20-35/15 * * * *', 'Tue Jul 10 00:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '20-35/15 * * * *', 'Tue Jul 10 00:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '20-35/15 1/2 * * *', 'Tue Jul 10 01:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '20-35/15 10-12 * * *', 'Tue Jul 10 10:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '20-35/15 1/2 */2 * *', 'Thu Jul 11 01:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '20-35/15 * 9-20 * *', 'Wed Jul 10 00:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '20-35/15 * 9-20 Jul *', 'Wed Jul 10 00:20 2012'],
    // Wrap around months and years; leap years.
    ['Mon Jul 9 23:35 2012', '0 0 9 Apr-Oct ?', 'Thu Aug 9 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 */5 Apr,Aug,Oct Mon', 'Tue Aug 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon', 'Mon Feb 4 00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013'],
    ['Mon Dec 31 23:59:45 2012', '* * * * *', 'Tue Jan 1 00:00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 29 Feb ?', 'Mon Feb 29 00:00 2016'],
    // DST 2am EST (-5) -> 3am EDT (-4): 2:30 does not exist in 2012.
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 30 2 11 Mar ?', '2013-03-11T02:30:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T03:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-03-11T04:00:00-0400'],
    ['2012-03-11T04:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-03-11T05:00:00-0400'],
    ['2012-03-11T00:00:00-0500', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-12T01:00:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-03-12T02:00:00-0400'], // skipped
    // DST 2am EDT (-4) -> 1am EST (-5): 1am happens twice.
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 30 2 04 Nov ?', '2012-11-04T02:30:00-0500'],
    ['2012-11-04T01:45:00-0400', 'TZ=America/New_York 30 1 04 Nov ?', '2012-11-04T01:30:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-11-04T02:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0500'], // runs twice
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-11-05T01:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 2 * * ?', '2012-11-04T02:00:00-0500'],
    ['2012-11-04T02:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-11-05T02:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 * * ?', '2012-11-04T03:00:00-0500'],
    ['2012-11-04T03:00:00-0500', 'TZ=America/New_York 0 3 * * ?', '2012-11-05T03:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 3 * ?', '2012-12-03T03:00:00-0500'],
    // Midnight does not exist on DST days in Sao Paulo (robfig issue #157).
    ['2018-10-17T05:00:00-0400', 'TZ=America/Sao_Paulo 0 9 10 * ?', '2018-11-10T06:00:00-0500'],
    ['2018-02-14T05:00:00-0500', 'TZ=America/Sao_Paulo 0 9 22 * ?', '2018-02-22T07:00:00-0500'],
  ];
  it.each(table)('from %s, %s: %s', (from, spec, expected) => {
    expect(new Date(parsed(spec).next(at(from))!).toISOString()).toBe(new Date(at(expected)).toISOString());
  });

  // A schedule without TZ= runs in the zone of the times it is given (robfig:
  // time.Local; the controller's times are all in its local zone).
  it.each([
    ['America/New_York', '2012-11-04T00:00:00-0400', '0 * * * ?', '2012-11-04T01:00:00-0400'],
    ['America/New_York', '2012-11-04T01:00:00-0400', '0 * * * ?', '2012-11-04T01:00:00-0500'],
    ['America/New_York', '2012-11-04T01:00:00-0500', '0 * * * ?', '2012-11-04T02:00:00-0500'],
    ['America/New_York', '2012-11-04T01:00:00-0500', '0 1 * * ?', '2012-11-05T01:00:00-0500'],
    // TestNextWithTz, whose times are at +05:30.
    ['Asia/Kolkata', '2016-01-03T13:09:03+0530', '14 14 * * *', '2016-01-03T14:14:00+0530'],
    ['Asia/Kolkata', '2016-01-03T04:09:03+0530', '14 14 * * ?', '2016-01-03T14:14:00+0530'],
    ['Asia/Kolkata', '2016-01-03T14:09:03+0530', '14 14 * * *', '2016-01-03T14:14:00+0530'],
    ['Asia/Kolkata', '2016-01-03T14:00:00+0530', '14 14 * * ?', '2016-01-03T14:14:00+0530'],
  ])('local zone %s, from %s, %s: %s', (zone, from, spec, expected) => {
    expect(parsed(spec, TimeZone.load(zone) as TimeZone).next(at(from))).toBe(at(expected));
  });

  it('unsatisfiable schedules have no next time within five years (Go zero time)', () => {
    expect(parsed('0 0 30 Feb ?').next(at('Mon Jul 9 23:35 2012'))).toBeUndefined();
    expect(parsed('0 0 31 Apr ?').next(at('Mon Jul 9 23:35 2012'))).toBeUndefined();
    expect(parsed('59 23 31 2 *').next(at('Mon Jul 9 23:35 2012'))).toBeUndefined();
  });

  it('@every: the given delay after the time, on its second; at least one second', () => {
    const t = at('Mon Jul 9 14:45 2012') + 400;
    expect(parsed('@every 1h30m').next(t)).toBe(at('Mon Jul 9 16:15 2012'));
    expect(parsed('@every 100ms').next(t)).toBe(at('Mon Jul 9 14:45:01 2012'));
    expect(parsed('@every 90.5s').next(t)).toBe(at('Mon Jul 9 14:46:30 2012'));
  });

  it('a step larger than the range keeps only its start: */61 is minute 0 of every hour', () => {
    expect(parsed('*/61 * * * *').next(at('Mon Jul 9 14:45 2012'))).toBe(at('Mon Jul 9 15:00 2012'));
  });
});

describe('parse errors (robfig TestRange, TestParseScheduleErrors), with robfig texts', () => {
  const table: [string, string][] = [
    ['', 'empty spec string'],
    ['xyz', 'expected exactly 5 fields, found 1: [xyz]'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['0 0 * * * *', 'expected exactly 5 fields, found 6: [0 0 * * * *]'],
    ['60 0 * * *', 'end of range (60) above maximum (59): 60'],
    ['0 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['0 0 * * XYZ', 'failed to parse int from XYZ: strconv.Atoi: parsing "XYZ": invalid syntax'],
    ['5--5 * * * *', 'too many hyphens: 5--5'],
    ['jan-x * * * *', 'failed to parse int from jan: strconv.Atoi: parsing "jan": invalid syntax'],
    ['* * * jan-x *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['*/-12 * * * *', 'negative number (-12) not allowed: -12'],
    ['*//2 * * * *', 'too many slashes: *//2'],
    ['5-3 * * * *', 'beginning of range (5) beyond end of range (3): 5-3'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['TZ=America/New_York 15/0 * * * *', 'step of range should be a positive number: 15/0'],
    ['@every Xm', 'failed to parse duration @every Xm: time: invalid duration "Xm"'],
    ['@every 90', 'failed to parse duration @every 90: time: missing unit in duration "90"'],
    ['@unrecognized', 'unrecognized descriptor: @unrecognized'],
    ['@hourly ', 'unrecognized descriptor: @hourly '],
    ['CRON_TZ=Mars/Olympus * * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ];
  it.each(table)('%j: %s', (spec, error) => {
    expect(parseStandard(spec)).toEqual({ error });
  });

  it('accepts what robfig accepts: lists with empty items, leading zeros, a signed number, ? as *, TZ= with a descriptor', () => {
    for (const spec of ['1,,2 * * * *', '08 09 * * *', '+5 * * * *', '? ? ? ? ?', 'TZ=Europe/Paris @daily', '0 0 * * SUN,sat']) {
      expect(isCronError(parseStandard(spec)), spec).toBe(false);
    }
  });
});
