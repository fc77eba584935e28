import { describe, expect, it } from 'vitest';
import { goDuration } from '../../src/report/duration.js';

// Go's own table (go/src/time/time_test.go, durationTests), the rows that are whole milliseconds.
const GO_TABLE: [number, string][] = [
  [0, '0s'],
  [0.001, '1ms'],
  [1.1, '1.1s'],
  [2.2, '2.2s'],
  [3.3, '3.3s'],
  [4 * 60 + 5, '4m5s'],
  [4 * 60 + 5.001, '4m5.001s'],
  [5 * 3600 + 6 * 60 + 7.001, '5h6m7.001s'],
];

describe('goDuration prints as Go time.Duration.String()', () => {
  it.each(GO_TABLE)('%s s is %s', (s, text) => expect(goDuration(s)).toBe(text));

  it('ages a kubectl user reads: 25m10s, 1h0m5s, a negative one', () => {
    expect(goDuration(1510)).toBe('25m10s');
    expect(goDuration(3605)).toBe('1h0m5s');
    expect(goDuration(-1.5)).toBe('-1.5s');
  });
});
