import { describe, expect, it } from 'vitest';
import { meanCi, t975 } from '../../src/sweep/stats.js';

describe("Student's t quantile", () => {
  it.each([
    [1, 12.70620474],
    [4, 2.77644511],
    [30, 2.04227246],
    // past the table, scipy.stats.t.ppf(0.975, df)
    [40, 2.021075390306273],
    [100, 1.9839715185235518],
  ])('t(0.975, %i) = %f', (df, t) => {
    expect(Math.abs(t975(df) - t)).toBeLessThan(2e-6);
  });

  it('refuses degrees of freedom that are not whole and positive', () => {
    expect(() => t975(0)).toThrow(RangeError);
    expect(() => t975(2.5)).toThrow(RangeError);
  });
});

describe('mean and 95 % interval across seeds', () => {
  it('worked by hand: 10, 12, 14, 16, 18', () => {
    // mean 14; s^2 = (16 + 4 + 0 + 4 + 16) / 4 = 10; half = t(0.975, 4) * sqrt(10 / 5) = 2.77644511 * 1.41421356
    const r = meanCi([10, 12, 14, 16, 18]);
    expect(r.n).toBe(5);
    expect(r.mean).toBe(14);
    expect(r.high! - 14).toBeCloseTo(3.926486, 5);
    expect(14 - r.low!).toBeCloseTo(3.926486, 5);
  });

  it('equal values have an interval of width 0', () => {
    expect(meanCi([7, 7, 7])).toEqual({ n: 3, mean: 7, low: 7, high: 7 });
  });

  it('one value has a mean and no interval; none has neither; missing values are left out', () => {
    expect(meanCi([5])).toEqual({ n: 1, mean: 5, low: null, high: null });
    expect(meanCi([])).toEqual({ n: 0, mean: null, low: null, high: null });
    expect(meanCi([null, 4, null, 6]).mean).toBe(5);
    expect(meanCi([null, 4, null, 6]).n).toBe(2);
  });
});
