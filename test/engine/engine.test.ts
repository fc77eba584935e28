import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { sample } from '../../src/engine/distributions.js';

describe('Engine', () => {
  it('fires events in time order, ties in scheduling order', () => {
    const engine = new Engine();
    const log: string[] = [];
    engine.at(20, () => log.push('c'));
    engine.at(10, () => log.push('a'));
    engine.at(10, () => log.push('b'));
    engine.run();
    expect(log).toEqual(['a', 'b', 'c']);
    expect(engine.now).toBe(20);
  });

  it('keeps FIFO order for same-time events scheduled from inside an event', () => {
    const engine = new Engine();
    const log: string[] = [];
    engine.at(5, () => {
      log.push('first');
      engine.schedule(0, () => log.push('nested'));
    });
    engine.at(5, () => log.push('second'));
    engine.run();
    expect(log).toEqual(['first', 'second', 'nested']);
  });

  it('advanceTo moves the clock between events, firing nothing, never past a live event', () => {
    const engine = new Engine();
    const cancelled = engine.at(5, () => {});
    engine.at(10, () => {});
    cancelled.cancel();
    engine.advanceTo(7);
    expect(engine.now).toBe(7);
    expect(engine.eventsProcessed).toBe(0);
    expect(() => engine.advanceTo(11)).toThrow(/cannot advance to 11/);
    expect(() => engine.advanceTo(6)).toThrow(/cannot advance to 6/);
    engine.advanceTo(10);
    engine.run();
    expect(engine.eventsProcessed).toBe(1);
  });

  it('never fires a cancelled timer', () => {
    const engine = new Engine();
    const log: number[] = [];
    const t = engine.at(3, () => log.push(3));
    engine.at(4, () => log.push(4));
    t.cancel();
    engine.run();
    expect(log).toEqual([4]);
    expect(engine.eventsProcessed).toBe(1);
  });

  it('run(until) stops at the horizon and moves the clock there', () => {
    const engine = new Engine();
    const log: number[] = [];
    for (const t of [1, 5, 10, 11]) engine.at(t, () => log.push(t));
    expect(engine.run(10)).toBe('done');
    expect(log).toEqual([1, 5, 10]);
    expect(engine.now).toBe(10);
    engine.run(100);
    expect(log).toEqual([1, 5, 10, 11]);
    expect(engine.now).toBe(100);
  });

  it('stops early after stop() and when maxEvents is reached', () => {
    const engine = new Engine();
    for (let t = 0; t < 10; t++) engine.at(t, () => t === 3 && engine.stop());
    expect(engine.run()).toBe('stopped');
    expect(engine.now).toBe(3);
    expect(engine.run(undefined, 6)).toBe('maxEvents');
    expect(engine.eventsProcessed).toBe(6);
  });

  it('refuses negative, fractional and past times loudly', () => {
    const engine = new Engine();
    expect(() => engine.schedule(-1, () => {})).toThrow(/invalid delay -1/);
    expect(() => engine.schedule(0.5, () => {})).toThrow(/invalid delay/);
    engine.at(10, () => {});
    engine.run();
    expect(() => engine.at(5, () => {})).toThrow(/now is 10/);
  });

  it('fires any set of timers sorted by (time, scheduling order)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 200 }), (times) => {
        const engine = new Engine();
        const fired: [number, number][] = [];
        times.forEach((t, i) => engine.at(t, () => fired.push([engine.now, i])));
        engine.run();
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(fired).toEqual(expected);
      }),
    );
  });
});

describe('RandomStreams', () => {
  it('gives the same sequence for the same seed and name, independent of other streams', () => {
    const a = new RandomStreams(7);
    const b = new RandomStreams(7);
    const xs = [a.stream('durations')(), a.stream('durations')()];
    b.stream('arrivals')();
    b.stream('arrivals')();
    expect([b.stream('durations')(), b.stream('durations')()]).toEqual(xs);
    expect(new RandomStreams(8).stream('durations')()).not.toBe(xs[0]);
  });
});

describe('sample', () => {
  const rng = new RandomStreams(1).stream('test');
  it('returns constants without drawing', () => {
    let draws = 0;
    const counting = () => (draws++, 0.5);
    expect(sample({ kind: 'constant', value: 1500 }, counting)).toBe(1500);
    expect(draws).toBe(0);
  });
  it('keeps uniform draws within bounds and whole', () => {
    for (let i = 0; i < 1000; i++) {
      const x = sample({ kind: 'uniform', min: 100, max: 200 }, rng);
      expect(x).toBeGreaterThanOrEqual(100);
      expect(x).toBeLessThanOrEqual(200);
      expect(Number.isInteger(x)).toBe(true);
    }
  });
  it('has the expected centre for exponential, lognormal and normal (clamped at 0)', () => {
    const n = 20000;
    const mean = (f: () => number) => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(() => sample({ kind: 'exponential', mean: 1000 }, rng))).toBeCloseTo(1000, -2);
    const logs = Array.from({ length: n }, () => sample({ kind: 'lognormal', median: 1000, sigma: 0.5 }, rng)).sort((a, b) => a - b);
    expect(logs[n / 2]).toBeGreaterThan(950);
    expect(logs[n / 2]).toBeLessThan(1050);
    expect(Math.min(...Array.from({ length: 1000 }, () => sample({ kind: 'normal', mean: 0, stddev: 100 }, rng)))).toBe(0);
  });
});
