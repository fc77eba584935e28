import { goTimeQuote } from './goquote.js';
import type { Millis } from './meta.js';

/**
 * Durations as scenarios write them: Go's time.ParseDuration syntax (`250ms`,
 * `45s`, `1h30m`, `1.5h`, `300us`, `300µs`, `10ns`, `0`, `-5m`), or a plain
 * number of seconds (a YAML number, or a numeric string such as "90").
 *
 * The result is integer milliseconds computed exactly (no float drift: `0.1s`
 * is 100). A remainder finer than 1 ms rounds up in magnitude (`1ns` -> 1,
 * `-1ns` -> -1). Negative durations are returned as they are; callers decide.
 * Errors are Go's (`time: unknown unit " minutes" in duration "2 minutes"`),
 * and so is the bound: |d| <= 2^63 ns (about 292 years).
 */
export type DurationResult = { ok: true; ms: Millis } | { ok: false; message: string };

const NS_PER_MS = 1_000_000n;
const MAX_NS = 1n << 63n;

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // µ, micro sign
  ['\u03bcs', 1_000n], // μ, Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const invalid = (orig: string): DurationResult => ({
  ok: false,
  message: `time: invalid duration ${goTimeQuote(orig)}`,
});

/** ns -> ms, remainder rounded up in magnitude. */
function toMillis(ns: bigint): DurationResult {
  const ms = ns / NS_PER_MS + (ns % NS_PER_MS === 0n ? 0n : ns < 0n ? -1n : 1n);
  return { ok: true, ms: Number(ms) };
}

/** Seconds written as a decimal (`90`, `1.5`, `-2`, `1e-7`), exactly. */
function secondsToNanos(text: string): bigint | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const fraction = m[3] ?? '';
  const shift = Number(m[4] ?? '0') - fraction.length + 9;
  if (Math.abs(shift) > 400) return undefined;
  let ns = BigInt(`${m[2] ?? ''}${fraction}` || '0');
  if (shift >= 0) ns *= 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    ns = ns / d + (ns % d === 0n ? 0n : 1n);
  }
  return m[1] === '-' ? -ns : ns;
}

/** Parses a duration to integer milliseconds (see the module comment). */
export function parseDuration(input: string | number): DurationResult {
  const orig = String(input);
  if (typeof input === 'number' || /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(orig)) {
    const ns = Number.isFinite(input) || typeof input === 'string' ? secondsToNanos(orig) : undefined;
    if (ns === undefined || ns > MAX_NS - 1n || ns < -MAX_NS) return invalid(orig);
    return toMillis(ns);
  }
  return parseGoDuration(orig);
}

/** time.ParseDuration (no plain numbers: `90` is a missing unit), with the fraction of each term computed exactly instead of through a float64. */
export function parseGoDuration(orig: string): DurationResult {
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ms: 0 };
  if (s === '') return invalid(orig);
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s);
    const whole = m?.[1] ?? '';
    const fraction = m?.[2];
    if (whole === '' && (fraction ?? '') === '') return invalid(orig);
    if (whole !== '' && BigInt(whole) > MAX_NS) return invalid(orig);
    s = s.slice(m?.[0].length ?? 0);
    const unitText = /^[^.0-9]*/.exec(s)?.[0] ?? '';
    if (unitText === '') return { ok: false, message: `time: missing unit in duration ${goTimeQuote(orig)}` };
    s = s.slice(unitText.length);
    const unit = UNITS.get(unitText);
    if (unit === undefined) {
      return { ok: false, message: `time: unknown unit ${goTimeQuote(unitText)} in duration ${goTimeQuote(orig)}` };
    }
    const v = BigInt(whole || '0');
    if (v > MAX_NS / unit) return invalid(orig);
    const f = fraction ? (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length) : 0n;
    total += v * unit + f;
    if (total > MAX_NS) return invalid(orig);
  }
  if (!neg && total > MAX_NS - 1n) return invalid(orig);
  return toMillis(neg ? -total : total);
}

/** Go's Duration.String() of `ms` milliseconds: `0s`, `250ms`, `1.5s`, `1m30s`, `1h0m0s`, `-2s`. */
export function formatDuration(ms: Millis): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs}ms`;
  const millis = abs % 1000;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0').replace(/0+$/, '')}`;
  const totalSeconds = Math.floor(abs / 1000);
  const seconds = `${totalSeconds % 60}${fraction}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes === 0) return sign + seconds;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = `${totalMinutes % 60}m`;
  return sign + (hours === 0 ? '' : `${hours}h`) + minutes + seconds;
}
