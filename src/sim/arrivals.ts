import type { Engine } from '../engine/engine.js';
import { sample } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { Arrival } from '../model/scenario.js';

/**
 * Schedules an open workload: submission n (1, 2, ...) happens one
 * inter-arrival draw after submission n-1 (the first one draw after
 * `startMs`), while before `untilMs` and at most `count` times. Each
 * submission schedules only the next one, so the queue holds one event per
 * arrival stream.
 */
export function scheduleArrivals(
  arrival: Arrival,
  engine: Engine,
  rng: Rng,
  submit: (n: number) => void,
  horizonMs?: number,
): void {
  const end = Math.min(arrival.untilMs ?? Infinity, horizonMs ?? Infinity);
  const next = (after: number, n: number) => {
    if (arrival.count !== undefined && n > arrival.count) return;
    const t = after + sample(arrival.interarrival, rng);
    if (t > end) return;
    engine.at(t, () => {
      submit(n);
      next(t, n + 1);
    });
  };
  next(arrival.startMs, 1);
}
