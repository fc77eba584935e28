import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from '../../src/model/duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['45s', 45_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['2h45m', 9_900_000],
    ['300ms', 300],
    ['300us', 1],
    ['300µs', 1],
    ['300μs', 1],
    ['10ns', 1],
    ['1000000ns', 1],
    ['1000001ns', 2],
    ['0', 0],
    ['+0', 0],
    ['-0', 0],
    ['0s', 0],
    ['0.1s', 100],
    ['0.3s', 300],
    ['1.001s', 1001],
    ['.5s', 500],
    ['5.s', 5000],
    ['1m0.5s', 60_500],
    ['-1.5h', -5_400_000],
    ['+5m', 300_000],
    ['-1ns', -1],
    ['1h1m1s1ms1us1ns', 3_661_002],
    ['0.1ms', 1],
    ['2562047h', 9_223_369_200_000],
  ] as const)('reads %j as %d ms', (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, ms });
  });

  it.each([
    [90, 90_000],
    [0, 0],
    [0.5, 500],
    [0.1, 100],
    [1.0005, 1001],
    [-2, -2000],
    [1e-7, 1],
    ['90', 90_000],
    ['1.5', 1500],
    ['-3', -3000],
    ['.25', 250],
  ] as const)('reads the plain number %j as seconds: %d ms', (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, ms });
  });

  it.each([
    ['2 minutes', 'time: unknown unit " minutes" in duration "2 minutes"'],
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1.2.3s', 'time: missing unit in duration "1.2.3s"'],
    ['5m3', 'time: missing unit in duration "5m3"'],
    ['1H', 'time: unknown unit "H" in duration "1H"'],
    ['3µ', 'time: unknown unit "\\xc2\\xb5" in duration "3\\xc2\\xb5"'],
    ['1e3s', 'time: unknown unit "e" in duration "1e3s"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
    ['99999999999999999999x', 'time: invalid duration "99999999999999999999x"'],
    [Number.NaN, 'time: invalid duration "NaN"'],
    [1e300, 'time: invalid duration "1e+300"'],
  ] as const)('rejects %j like Go', (input, message) => {
    expect(parseDuration(input)).toEqual({ ok: false, message });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [250, '250ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [1001, '1.001s'],
    [1010, '1.01s'],
    [45_000, '45s'],
    [60_000, '1m0s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [5_400_000, '1h30m0s'],
    [3_661_001, '1h1m1.001s'],
    [100 * 3_600_000, '100h0m0s'],
    [-2000, '-2s'],
    [-250, '-250ms'],
  ] as const)('prints %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips: parse(format(ms)) is ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9_000_000_000_000, max: 9_000_000_000_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, ms });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any decimal number of seconds to the millisecond, rounding up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 999_999 }), (s, micros) => {
        const text = `${s}.${String(micros).padStart(6, '0')}`;
        const expected = s * 1000 + Math.ceil(micros / 1000);
        expect(parseDuration(text)).toEqual({ ok: true, ms: expected });
        expect(parseDuration(`${text}s`)).toEqual({ ok: true, ms: expected });
      }),
    );
  });
});
