import { describe, expect, it } from 'vitest';
import { ProgressBar, progressLine } from '../../src/cli/progress-bar.js';

describe('progressLine', () => {
  it('a run with a horizon: bar, share, simulated time of the horizon, events per second, ETA', () => {
    // 41 % of 20m after 10 s of wall time: the rest (59 %) at the same pace takes 10 * 59 / 41 = 14.39 s, so 15s;
    // floor(0.41 * 24) = 9 of the bar's 24 cells filled (the last one the arrow head).
    expect(progressLine({ simulatedMs: 492_000, horizonMs: 1_200_000, events: 12_000, elapsedS: 10 })).toBe(
      '[========>               ]  41%  8m12s of 20m0s simulated  1.2k events/s  ETA 15s',
    );
  });

  it('no ETA before 5 % (front-loaded work), and none without a horizon', () => {
    expect(progressLine({ simulatedMs: 1_000, horizonMs: 1_800_000, events: 3_000_000, elapsedS: 2 })).toBe(
      '[                        ]   0%  1s of 30m0s simulated  1.5M events/s',
    );
    expect(progressLine({ simulatedMs: 61_500, horizonMs: undefined, events: 50, elapsedS: 2 })).toBe('1m1s simulated  25 events/s');
  });
});

describe('ProgressBar (a clock given by the test)', () => {
  it('draws nothing for the first 2 s, then redraws in place at most every 0.2 s, and clear() erases it', () => {
    let now = 100;
    const written: string[] = [];
    const bar = new ProgressBar((t) => written.push(t), () => now, () => ({ simulatedMs: 600_000, horizonMs: 1_200_000, events: 1000 }));
    now = 101.9;
    bar.tick();
    expect(written).toEqual([]);
    bar.clear();
    expect(written).toEqual([]); // nothing drawn, nothing to erase
    now = 102;
    bar.tick();
    now = 102.1;
    bar.tick(); // too soon
    now = 102.2;
    bar.tick();
    expect(written).toHaveLength(2);
    expect(written[0]).toBe('\r\u001b[K[===========>            ]  50%  10m0s of 20m0s simulated  500 events/s  ETA 2s');
    bar.clear();
    expect(written[2]).toBe('\r\u001b[K');
  });
});
