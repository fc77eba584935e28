import { describe, expect, it } from 'vitest';
import { ControllerRateLimiter } from '../../src/controllers/rate-limiter.js';

describe('ControllerRateLimiter (DefaultTypedControllerRateLimiter)', () => {
  it('backs a key off 5 ms, doubling until forgotten', () => {
    const l = new ControllerRateLimiter();
    expect([l.when('a', 0), l.when('a', 0), l.when('a', 0), l.when('b', 0)]).toEqual([5, 10, 20, 5]);
    l.forget('a');
    expect(l.when('a', 0)).toBe(5);
  });

  it('caps the back-off at 1000 s', () => {
    const l = new ControllerRateLimiter();
    let last = 0;
    for (let i = 0; i < 40; i++) last = l.when('a', i * 10_000_000);
    expect(last).toBe(1_000_000);
  });

  it('serves a burst of 100, then 10 per second across all keys', () => {
    const l = new ControllerRateLimiter();
    const delays = Array.from({ length: 103 }, (_, i) => {
      const key = `k${i}`;
      const d = l.when(key, 0);
      l.forget(key);
      return d;
    });
    expect(delays.slice(0, 100).every((d) => d === 5)).toBe(true);
    expect(delays.slice(100)).toEqual([100, 200, 300]);
    // Refilled after a quiet while: 10 tokens a second, at most 100.
    expect(l.when('x', 100_000)).toBe(5);
  });
});
