import { CPU } from './resources.js';
import { textMemo } from './text-memo.js';

/**
 * Kubernetes resource quantities, parsed exactly as the API server parses them
 * (`ParseQuantity` in k8s.io/apimachinery/pkg/api/resource/quantity.go and
 * suffix.go): a signed decimal number (`1`, `0.5`, `.5`, `5.`, `+1`) and a
 * case-sensitive suffix, binary (Ki Mi Gi Ti Pi Ei), decimal (n u m "" k M G T
 * P E) or an exponent (`129e6`, `1E3`, `1e-3`).
 *
 * Every parsed value is an exact whole number of nano-units: like upstream,
 * finer values round up in magnitude to 1n, and BinarySI values are capped at
 * 2^63-1. Arithmetic is BigInt throughout; nothing goes through a float.
 */
export const QUANTITY_FORMATS = ['DecimalSI', 'BinarySI', 'DecimalExponent'] as const;
export type QuantityFormat = (typeof QUANTITY_FORMATS)[number];

/** The value is `nanos` × 10^-9; `format` is the suffix family it was written in. */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

export type QuantityResult = { ok: true; value: Quantity } | { ok: false; message: string };

/** Upstream's errors, verbatim (ErrFormatWrong, ErrSuffix, ErrNumeric). */
export const ERR_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_SUFFIX = "unable to parse quantity's suffix";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
/** podsim's own bound: |10-exponent| beyond this is refused (ERR_NUMERIC) rather than expanded. */
const MAX_DECIMAL_EXPONENT = 1000;

interface Scanned {
  readonly positive: boolean;
  /** The number as written (sign included), what the slow path hands to inf.Dec. */
  readonly value: string;
  /** Integer digits without leading zeros ("0" when none). */
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

interface Suffix {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const SUFFIXES: ReadonlyMap<string, Suffix> = new Map<string, Suffix>([
  ['', { base: 10, exponent: 0, format: 'DecimalSI' }],
  ['n', { base: 10, exponent: -9, format: 'DecimalSI' }],
  ['u', { base: 10, exponent: -6, format: 'DecimalSI' }],
  ['m', { base: 10, exponent: -3, format: 'DecimalSI' }],
  ['k', { base: 10, exponent: 3, format: 'DecimalSI' }],
  ['M', { base: 10, exponent: 6, format: 'DecimalSI' }],
  ['G', { base: 10, exponent: 9, format: 'DecimalSI' }],
  ['T', { base: 10, exponent: 12, format: 'DecimalSI' }],
  ['P', { base: 10, exponent: 15, format: 'DecimalSI' }],
  ['E', { base: 10, exponent: 18, format: 'DecimalSI' }],
  ['Ki', { base: 2, exponent: 10, format: 'BinarySI' }],
  ['Mi', { base: 2, exponent: 20, format: 'BinarySI' }],
  ['Gi', { base: 2, exponent: 30, format: 'BinarySI' }],
  ['Ti', { base: 2, exponent: 40, format: 'BinarySI' }],
  ['Pi', { base: 2, exponent: 50, format: 'BinarySI' }],
  ['Ei', { base: 2, exponent: 60, format: 'BinarySI' }],
]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** parseQuantityString, step for step; undefined means ErrFormatWrong. */
function scan(str: string): Scanned | undefined {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const denomStart = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos] as string)) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) return undefined;
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** suffixer.interpret: the tables, then `e`/`E` + a Go int64, truncated to int32 as upstream does. */
function interpretSuffix(s: string): Suffix | undefined {
  const known = SUFFIXES.get(s);
  if (known) return known;
  if (s.length < 2 || (s[0] !== 'e' && s[0] !== 'E') || !/^[+-]?[0-9]+$/.test(s.slice(1))) return undefined;
  const parsed = BigInt(s.slice(1));
  if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
  return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
}

/** ceil(|n| / d) with n's sign: upstream rounds magnitudes up (inf.RoundUp). */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : q + (n < 0n ? -1n : 1n);
}

/** Whether upstream's int64 fast path takes a mantissa with no digits (".", "-.Ki"); else inf.Dec rejects it. */
function fastPathTakesZero(suffix: Suffix): boolean {
  return suffix.base === 10 ? suffix.exponent >= -9 : Math.trunc((suffix.exponent * 3) / 10) <= 13;
}

function toNanos(digits: bigint, denomLength: number, suffix: Suffix): bigint | undefined {
  if (suffix.base === 2) {
    return divAwayFromZero(digits * NANO * (1n << BigInt(suffix.exponent)), 10n ** BigInt(denomLength));
  }
  const shift = suffix.exponent - denomLength + 9;
  if (shift >= 0) return shift > MAX_DECIMAL_EXPONENT ? undefined : digits * 10n ** BigInt(shift);
  if (-shift > digits.toString().length + 1) return digits === 0n ? 0n : digits < 0n ? -1n : 1n;
  return divAwayFromZero(digits, 10n ** BigInt(-shift));
}

/**
 * Parses a quantity as the API server decodes one from JSON or YAML
 * (surrounding space trimmed). Results are shared between callers asking
 * about the same text (a file of many pods writes the same few quantities):
 * they are read-only.
 */
export function parseQuantity(input: string | number): QuantityResult {
  return typeof input === 'string' ? parseText(input) : parse(input);
}

const parseText = textMemo(parse);

function parse(input: string | number): QuantityResult {
  const str = typeof input === 'number' ? String(input) : input.trim();
  if (str.length === 0) return { ok: false, message: ERR_FORMAT_WRONG };
  const scanned = scan(str);
  if (!scanned) return { ok: false, message: ERR_FORMAT_WRONG };
  const suffix = interpretSuffix(scanned.suffix);
  if (!suffix) return { ok: false, message: ERR_SUFFIX };
  if (!/[0-9]/.test(scanned.value) && !fastPathTakesZero(suffix)) return { ok: false, message: ERR_NUMERIC };
  const magnitude = BigInt(scanned.num + scanned.denom);
  let nanos = toNanos(scanned.positive ? magnitude : -magnitude, scanned.denom.length, suffix);
  if (nanos === undefined) return { ok: false, message: ERR_NUMERIC };
  let format = suffix.format;
  if (format === 'BinarySI') {
    const cap = MAX_INT64 * NANO;
    if (nanos > cap) nanos = cap;
    if (nanos < -cap) nanos = -cap;
    if (nanos !== 0n && nanos > -NANO && nanos < NANO) format = 'DecimalSI';
  }
  return { ok: true, value: { nanos, format } };
}

/** ceil(q × 1000), rounded up in magnitude (`MilliValue`). Exact below 2^53; beyond, the nearest double. */
export function milliValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, 1_000_000n));
}

/** ceil(q), rounded up in magnitude (`Value`). Exact below 2^53; beyond, the nearest double. */
export function value(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, NANO));
}

export function isNegative(q: Quantity): boolean {
  return q.nanos < 0n;
}

/** The amount in podsim's units (model/resources.ts): millicores for `cpu`, whole units otherwise. */
export function resourceAmount(resourceName: string, q: Quantity): number {
  return resourceName === CPU ? milliValue(q) : value(q);
}

const DECIMAL_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map(
  [...SUFFIXES].filter(([, s]) => s.base === 10).map(([text, s]) => [s.exponent, text]),
);
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/**
 * The canonical form, as `Quantity.String()` prints a computed quantity: no
 * fractional digits, the largest suffix that loses nothing (`1.5` -> `1500m`,
 * `1.5Gi` -> `1536Mi`, `129e6` -> `129e6`). BinarySI values below 1024 or not
 * whole print as DecimalSI. Unlike upstream (which then prints no suffix at
 * all), DecimalSI values past 10^18 steps keep the `E` suffix with a longer
 * mantissa; BinarySI values past 2^63-1 (which parsing would cap) print as
 * DecimalSI. Upstream's habit of echoing an already-canonical input verbatim
 * (`+1`, `01`) is not reproduced. parseQuantity(formatQuantity(q)) equals q.
 */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const magnitude = q.nanos < 0n ? -q.nanos : q.nanos;
  const binary = magnitude >= 1024n * NANO && magnitude <= MAX_INT64 * NANO && magnitude % NANO === 0n;
  if (q.format === 'BinarySI' && binary) {
    return sign + formatBinary(magnitude / NANO);
  }
  return sign + formatDecimal(magnitude, q.format === 'DecimalExponent');
}

function formatBinary(units: bigint): string {
  let mantissa = units;
  let times = 0;
  while (times < BINARY_SUFFIXES.length - 1 && mantissa >= 1024n && mantissa % 1024n === 0n) {
    mantissa /= 1024n;
    times++;
  }
  return `${mantissa}${BINARY_SUFFIXES[times] ?? ''}`;
}

function formatDecimal(nanos: bigint, exponentForm: boolean): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (exponentForm) return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  if (exponent > 18) {
    mantissa *= 10n ** BigInt(exponent - 18);
    exponent = 18;
  }
  return `${mantissa}${DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
}
