/**
 * Wall clocks of IANA time zones, as Go's time package reads them
 * (time.LoadLocation, Time.Date, time.Date), computed with the tz database
 * that Node's Intl carries: nothing depends on the machine's own zone.
 * Instants are epoch milliseconds; wall times are proleptic Gregorian fields.
 */

/** The fields Go's Time methods give in a location: Year, Month (1-12), Day, Hour, Minute, Second, Weekday (0 = Sunday). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** A loaded location (time.Location): its wall clock at any instant, and the instant of any wall time. */
export class TimeZone {
  private readonly format: Intl.DateTimeFormat | undefined;

  private constructor(readonly name: string) {
    this.format =
      name === 'UTC'
        ? undefined
        : new Intl.DateTimeFormat('en-US', {
            timeZone: name,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  static readonly UTC = new TimeZone('UTC');

  /**
   * time.LoadLocation: `UTC` (and `""`) is UTC; any other name must be a zone
   * of the tz database, spelt with its case (Go opens a file of that name).
   * An error is Go's text: `unknown time zone Mars/Base`. `Local` is the
   * machine's zone in Go; podsim has none, and callers refuse it first.
   */
  static load(name: string): TimeZone | { readonly error: string } {
    if (name === '' || name === 'UTC') return TimeZone.UTC;
    const unknown = { error: `unknown time zone ${name}` };
    if (!/^[A-Za-z0-9_+\-./]+$/.test(name)) return unknown;
    let resolved: string;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      return unknown;
    }
    // Intl matches names case-insensitively; Go's file lookup does not (a
    // legacy alias such as US/Eastern resolves to another name: taken as written).
    if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return unknown;
    return new TimeZone(name);
  }

  /** UTC offset in ms at `instant` (wall - instant). */
  offsetAt(instant: number): number {
    if (!this.format) return 0;
    const seconds = Math.floor(instant / 1000) * 1000;
    const p = this.parts(seconds);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - seconds;
  }

  /** Time.In(loc): the wall-clock fields at `instant`. */
  wall(instant: number): WallTime {
    const local = instant + this.offsetAt(instant);
    const d = new Date(local);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  }

  /**
   * time.Date(year, month, day, hour, min, sec, 0, loc): fields out of range
   * are normalised (month 13 is January of the next year, day 32 the 1st of
   * the next month). A wall time that happens twice (clocks set back) or
   * never (clocks set forward) resolves as Go's does: the offset in force at
   * the wall time read as UTC, unless the instant that gives falls outside
   * that offset's period, then the offset at that instant.
   */
  date(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const unix = Date.UTC(year, month - 1, day, hour, minute, second);
    const offset = this.offsetAt(unix);
    if (offset === 0) return unix;
    const utc = unix - offset;
    const at = this.offsetAt(utc);
    return unix - (at === offset ? offset : at);
  }

  private parts(instant: number): Omit<WallTime, 'weekday'> {
    const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const p of this.format!.formatToParts(instant)) {
      if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
    }
    return out;
  }
}
