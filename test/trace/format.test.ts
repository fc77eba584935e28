import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSeconds, msToSeconds, round3, timeField } from '../../src/io/trace/format.js';

describe('formatSeconds', () => {
  it.each([
    [0, '0.000'],
    [5, '0.005'],
    [50, '0.050'],
    [999, '0.999'],
    [1000, '1.000'],
    [1234, '1.234'],
    [60_000, '60.000'],
    [86_400_001, '86400.001'],
    [-5, '-0.005'],
    [Number.MAX_SAFE_INTEGER, '9007199254740.991'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
  });

  it('refuses a fractional millisecond (a bug in the caller)', () => {
    expect(() => formatSeconds(1.5)).toThrow(RangeError);
  });

  it('reads back as the same whole number of ms for any safe integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (ms) => {
        const text = formatSeconds(ms);
        expect(text).toMatch(/^\d+\.\d{3}$/);
        expect(Number(text.replace('.', ''))).toBe(ms);
      }),
    );
  });

  it('leaves "none" empty', () => {
    expect(timeField(undefined)).toBe('');
    expect(timeField(0)).toBe('0.000');
  });
});

describe('JSON rounding', () => {
  it.each([
    [1234, 1.234],
    [3502.5, 3.503],
    [0.4, 0],
    [9000, 9],
  ])('ms %d is %d s', (ms, s) => {
    expect(msToSeconds(ms)).toBe(s);
  });

  it('rounds ratios to 3 decimals', () => {
    expect(round3(0.0930952)).toBe(0.093);
    expect(round3(0.0765)).toBe(0.077);
    expect(round3(1)).toBe(1);
  });
});
