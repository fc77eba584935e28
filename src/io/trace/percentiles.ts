import { msToSeconds } from './format.js';

/** p50/p95/p99/max in seconds; all null when there is no sample (no pod got that far). */
export interface LatencySummary {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/**
 * The q-th percentile (0 <= q <= 1) of ascending `sorted` by linear
 * interpolation between closest ranks: numpy's default (`method='linear'`),
 * index h = (n-1)q, value a[floor h] + (h - floor h)(a[floor h + 1] - a[floor h]).
 * Undefined for an empty array.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
  const t = h - lo;
  // numpy's _lerp: the form that is exact at both ends.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/**
 * Durations in integer ms collected over a run, summarised at the end.
 * Memory is one number per sample (O(pods)); sorting happens once, at `summary()`.
 */
export class LatencySamples {
  private values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** Percentiles in seconds rounded to 3 decimals (to whole ms). */
  summary(): LatencySummary {
    return latencySummary(this.values);
  }
}

export function latencySummary(valuesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(valuesMs).sort();
  const at = (q: number): number | null => {
    const v = percentile(sorted, q);
    return v === undefined ? null : msToSeconds(v);
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
