/** Student's t quantile t(0.975, df) for df = 1..30 (scipy.stats.t.ppf(0.975, df), to 8 decimals). */
const T975 = [
  12.70620474, 4.30265273, 3.18244631, 2.77644511, 2.57058184, 2.44691185, 2.36462425, 2.30600414, 2.26215716, 2.22813885,
  2.20098516, 2.17881283, 2.16036866, 2.14478669, 2.13144955, 2.1199053, 2.10981558, 2.10092204, 2.09302405, 2.08596345,
  2.07961384, 2.07387307, 2.06865761, 2.06389856, 2.05953855, 2.05552944, 2.05183052, 2.04840714, 2.04522964, 2.04227246,
];

/** The normal quantile z(0.975). */
const Z975 = 1.959963984540054;

/**
 * t(0.975, df): the table up to 30 degrees of freedom, then the
 * Cornish-Fisher expansion of t in z (Abramowitz and Stegun 26.7.5), within
 * 2e-6 of the exact value from df = 31 on.
 */
export function t975(df: number): number {
  if (!(df >= 1) || !Number.isInteger(df)) throw new RangeError(`t975: degrees of freedom must be a whole number >= 1, got ${df}`);
  const tabled = T975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** Mean and 95 % confidence interval of the mean (Student's t) of a sample. */
export interface MeanCi {
  readonly n: number;
  /** null without samples. */
  readonly mean: number | null;
  /** The interval's bounds; null with fewer than 2 samples. */
  readonly low: number | null;
  readonly high: number | null;
}

/** mean ± t(0.975, n-1) · s/√n, s the sample standard deviation; nulls (missing values) left out. */
export function meanCi(values: readonly (number | null)[]): MeanCi {
  const xs = values.filter((v): v is number => v !== null);
  const n = xs.length;
  if (n === 0) return { n, mean: null, low: null, high: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean, low: null, high: null };
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const half = t975(n - 1) * Math.sqrt(variance / n);
  return { n, mean, low: mean - half, high: mean + half };
}
