import { parseGoDuration } from './duration.js';
import { goQuote } from './goquote.js';
import { TimeZone } from './time-zone.js';

/**
 * Cron schedules as Kubernetes reads them: robfig/cron v3.0.1's
 * ParseStandard (parser.go) and the schedules' Next (spec.go,
 * constantdelay.go), which the CronJob controller and the API server's
 * validation both call. Five fields (minute, hour, day of month, month, day
 * of week; seconds are always 0), each a comma list of `*` or `?`, `N`,
 * `N-M`, with `/step` (`N/step` is `N-max/step`), names for months (`jan`)
 * and days (`sun`..`sat`, 0-6; 7 is out of range), case-insensitive; the
 * descriptors @yearly @annually @monthly @weekly @daily @midnight @hourly and
 * `@every <Go duration>`; a `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix. When
 * both day of month and day of week are restricted (neither starts with `*`
 * or `?`; a `*` with a step over 1 is no star), a day matching either matches.
 * Errors are robfig's texts. Instants are epoch milliseconds, whole seconds.
 */
export type CronSchedule = SpecSchedule | ConstantDelaySchedule;

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const SECONDS: Bounds = { min: 0, max: 59 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** One field's set of values (robfig's bits) and its star bit. */
export interface CronField {
  readonly values: ReadonlySet<number>;
  readonly star: boolean;
}

class ParseError extends Error {}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** ParseStandard. `local` is the zone of a schedule without TZ= (Go's time.Local: the controller's zone). */
export function parseStandard(spec: string, local: TimeZone = TimeZone.UTC): CronSchedule | { readonly error: string } {
  try {
    return parse(spec, local);
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
}

export function isCronError(s: CronSchedule | { readonly error: string }): s is { readonly error: string } {
  return 'error' in s;
}

function parse(input: string, local: TimeZone): CronSchedule {
  if (input.length === 0) throw new ParseError('empty spec string');
  let spec = input;
  let zone = local;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const name = spec.slice(spec.indexOf('=') + 1, space < 0 ? spec.length : space);
    const loaded = TimeZone.load(name);
    if ('error' in loaded) throw new ParseError(`provided bad location ${name}: ${loaded.error}`);
    zone = loaded;
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, zone);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new ParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  return new SpecSchedule(
    getField('0', SECONDS),
    getField(minute, MINUTES),
    getField(hour, HOURS),
    getField(dom, DOM),
    getField(month, MONTHS),
    getField(dow, DOW),
    zone,
  );
}

/** A comma-separated list of ranges; empty items are skipped (strings.FieldsFunc). */
function getField(field: string, r: Bounds): CronField {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',')) {
    if (expr === '') continue;
    const range = getRange(expr, r);
    for (const v of range.values) values.add(v);
    star ||= range.star;
  }
  return { values, star };
}

/** number | number "-" number [ "/" number ], or * and ?. */
function getRange(expr: string, r: Bounds): CronField {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new ParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new ParseError(`too many slashes: ${expr}`);
  if (start < r.min) throw new ParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new ParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new ParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ParseError(`step of range should be a positive number: ${expr}`);
  const values = new Set<number>();
  for (let i = start; i <= end; i += step) values.add(i);
  return { values, star };
}

function parseIntOrName(expr: string, names: Bounds['names']): number {
  const named = names && Object.hasOwn(names, expr.toLowerCase()) ? names[expr.toLowerCase()] : undefined;
  return named ?? mustParseInt(expr);
}

/** strconv.Atoi, then no negatives. */
function mustParseInt(expr: string): number {
  const fail = (why: string) => new ParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuote(expr)}: ${why}`);
  if (!/^[+-]?[0-9]+$/.test(expr)) throw fail('invalid syntax');
  const n = BigInt(expr);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw fail('value out of range');
  if (n < 0n) throw new ParseError(`negative number (${n}) not allowed: ${expr}`);
  return Number(n);
}

function range(r: Bounds, step = 1, star = true): CronField {
  const values = new Set<number>();
  for (let i = r.min; i <= r.max; i += step) values.add(i);
  return { values, star };
}

const only = (v: number): CronField => ({ values: new Set([v]), star: false });

function parseDescriptor(descriptor: string, zone: TimeZone): CronSchedule {
  const all = range;
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return new SpecSchedule(only(0), only(0), only(0), only(1), only(1), all(DOW), zone);
    case '@monthly':
      return new SpecSchedule(only(0), only(0), only(0), only(1), all(MONTHS), all(DOW), zone);
    case '@weekly':
      return new SpecSchedule(only(0), only(0), only(0), all(DOM), all(MONTHS), only(0), zone);
    case '@daily':
    case '@midnight':
      return new SpecSchedule(only(0), only(0), only(0), all(DOM), all(MONTHS), all(DOW), zone);
    case '@hourly':
      return new SpecSchedule(only(0), only(0), all(HOURS), all(DOM), all(MONTHS), all(DOW), zone);
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const d = parseGoDuration(descriptor.slice(every.length));
    if (!d.ok) throw new ParseError(`failed to parse duration ${descriptor}: ${d.message}`);
    return new ConstantDelaySchedule(d.ms);
  }
  throw new ParseError(`unrecognized descriptor: ${descriptor}`);
}

/** `@every d`: Every(d), at least 1 s, in whole seconds. */
export class ConstantDelaySchedule {
  readonly delayMs: number;
  constructor(durationMs: number) {
    const d = Math.max(durationMs, SECOND_MS);
    this.delayMs = d - (d % SECOND_MS);
  }

  /** The next activation: t + delay, rounded down to its second. */
  next(t: number): number {
    return t - mod(t, SECOND_MS) + this.delayMs;
  }
}

/** A crontab schedule in a zone (SpecSchedule). */
export class SpecSchedule {
  constructor(
    readonly second: CronField,
    readonly minute: CronField,
    readonly hour: CronField,
    readonly dom: CronField,
    readonly month: CronField,
    readonly dow: CronField,
    readonly zone: TimeZone,
  ) {}

  /**
   * The first activation strictly after `t` (from the next whole second),
   * found in the schedule's zone as robfig's Next does: each field that does
   * not match is stepped (months by AddDate, days by AddDate with the DST
   * midnight fix, hours, minutes and seconds by adding), a wrap going back to
   * the month. Undefined (Go's zero time) when none comes within five years.
   */
  next(t: number): number | undefined {
    const z = this.zone;
    let ms = t - mod(t, SECOND_MS) + SECOND_MS;
    let added = false;
    const yearLimit = z.wall(ms).year + 5;
    wrap: for (;;) {
      let w = z.wall(ms);
      if (w.year > yearLimit) return undefined;
      while (!this.month.values.has(w.month)) {
        if (!added) {
          added = true;
          ms = z.date(w.year, w.month, 1, 0, 0, 0);
          w = z.wall(ms);
        }
        ms = z.date(w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
        w = z.wall(ms);
        if (w.month === 1) continue wrap;
      }
      while (!this.dayMatches(w)) {
        if (!added) {
          added = true;
          ms = z.date(w.year, w.month, w.day, 0, 0, 0);
          w = z.wall(ms);
        }
        ms = z.date(w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
        w = z.wall(ms);
        if (w.hour !== 0) {
          ms += w.hour > 12 ? (24 - w.hour) * HOUR_MS : -w.hour * HOUR_MS;
          w = z.wall(ms);
        }
        if (w.day === 1) continue wrap;
      }
      while (!this.hour.values.has(w.hour)) {
        if (!added) {
          added = true;
          ms = z.date(w.year, w.month, w.day, w.hour, 0, 0);
        }
        ms += HOUR_MS;
        w = z.wall(ms);
        if (w.hour === 0) continue wrap;
      }
      while (!this.minute.values.has(w.minute)) {
        if (!added) {
          added = true;
          ms -= mod(ms, MINUTE_MS);
        }
        ms += MINUTE_MS;
        w = z.wall(ms);
        if (w.minute === 0) continue wrap;
      }
      while (!this.second.values.has(w.second)) {
        if (!added) {
          added = true;
          ms -= mod(ms, SECOND_MS);
        }
        ms += SECOND_MS;
        w = z.wall(ms);
        if (w.second === 0) continue wrap;
      }
      return ms;
    }
  }

  /** Both restricted: either matches; a star in either: both must. */
  private dayMatches(w: { readonly day: number; readonly weekday: number }): boolean {
    const domMatch = this.dom.values.has(w.day);
    const dowMatch = this.dow.values.has(w.weekday);
    return this.dom.star || this.dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  }
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
