import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/scenario.js';
import { scriptEndMs } from '../../src/sim/progress.js';

const scenarioOf = (events: { at: number; forMs?: number }[], arrivals: { untilMs?: number }[] = []) =>
  ({ events, arrivals }) as unknown as Scenario;

describe('scriptEndMs', () => {
  it('is the last timed event, heal included, or the last arrival; 0 for none; Infinity for an arrival without until', () => {
    expect(scriptEndMs(scenarioOf([]))).toBe(0);
    expect(scriptEndMs(scenarioOf([{ at: 5000 }, { at: 1000, forMs: 9000 }]))).toBe(10000);
    expect(scriptEndMs(scenarioOf([{ at: 5000 }], [{ untilMs: 7000 }]))).toBe(7000);
    expect(scriptEndMs(scenarioOf([{ at: 5000 }], [{}]))).toBe(Infinity);
  });

  it('takes a scenario with more events than a call takes arguments (no RangeError)', () => {
    const events = Array.from({ length: 300_000 }, (_, i) => ({ at: i }));
    expect(scriptEndMs(scenarioOf(events))).toBe(299_999);
  });
});
