import { describe, expect, it } from 'vitest';
import { latencySummary, percentile } from '../../src/io/trace/percentiles.js';

// Expected values from numpy 1.x/2.x: numpy.percentile(a, q) with the default method='linear'.
describe('percentile (numpy linear)', () => {
  it.each([
    { a: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144], q: 50, numpy: 10.5 },
    { a: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144], q: 95, numpy: 113.74999999999996 },
    { a: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144], q: 99, numpy: 137.95000000000005 },
    { a: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144], q: 100, numpy: 144 },
    { a: [7], q: 50, numpy: 7 },
    { a: [7], q: 99, numpy: 7 },
    { a: [1, 2, 3, 10], q: 50, numpy: 2.5 },
    { a: [1, 2, 3, 10], q: 95, numpy: 8.949999999999998 },
    { a: [1, 2, 3, 10], q: 99, numpy: 9.79 },
    { a: Array.from({ length: 21 }, (_, i) => i + 1), q: 95, numpy: 20 },
    { a: Array.from({ length: 21 }, (_, i) => i + 1), q: 99, numpy: 20.8 },
  ])('p$q of $a.length values is $numpy', ({ a, q, numpy }) => {
    expect(percentile(a, q / 100)).toBe(numpy);
  });

  it('is undefined for no values', () => {
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('latencySummary', () => {
  it('sorts, then reports seconds rounded to whole ms', () => {
    expect(latencySummary([4000, 3005])).toEqual({ p50: 3.503, p95: 3.95, p99: 3.99, max: 4 });
  });

  it('reports null for every figure when nothing was measured', () => {
    expect(latencySummary([])).toEqual({ p50: null, p95: null, p99: null, max: null });
  });
});
