import type { Millis } from '../../model/meta.js';

/**
 * Seconds with exactly three decimals from integer milliseconds, by integer
 * arithmetic (no float formatting): 1234 -> `1.234`, 5 -> `0.005`, -5 -> `-0.005`.
 * A non-integer is a bug in the caller.
 */
export function formatSeconds(ms: Millis): string {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`formatSeconds: ${ms} is not a whole number of ms`);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const whole = Math.floor(abs / 1000);
  const frac = abs - whole * 1000;
  return `${sign}${whole}.${String(frac).padStart(3, '0')}`;
}

/** A CSV time field: empty for "none". */
export function timeField(ms: Millis | undefined): string {
  return ms === undefined ? '' : formatSeconds(ms);
}

/** A CSV boolean field. */
export function boolField(value: boolean): string {
  return value ? 'true' : 'false';
}

/** Milliseconds as seconds rounded to 3 decimals, for JSON (a fractional ms is rounded half up). */
export function msToSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** A ratio or other figure rounded to 3 decimals, for JSON. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
