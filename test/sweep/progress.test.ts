import { describe, expect, it, vi } from 'vitest';
import { SweepProgress } from '../../src/sweep/progress.js';

describe('sweep progress on stderr', () => {
  it('on a terminal: one line redrawn in place with runs done, failures, elapsed and ETA; cleared at the end', () => {
    let now = 100;
    const written: string[] = [];
    const p = new SweepProgress({ total: 10, write: (t) => written.push(t), terminal: true, wallClock: () => now, label: 'sweep s' });
    vi.useFakeTimers();
    try {
      p.start();
      now = 104;
      p.runDone(true);
      now = 108;
      p.runDone(false);
      p.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(written).toEqual([
      '\r\x1b[Ksweep s: 0/10 runs, 0s elapsed, ETA ?',
      '\r\x1b[Ksweep s: 1/10 runs, 4s elapsed, ETA 36s',
      // 8 s for 2 runs: 4 s a run, 8 left
      '\r\x1b[Ksweep s: 2/10 runs, 1 failed, 8s elapsed, ETA 32s',
      '\r\x1b[K',
    ]);
  });

  it('off a terminal: a plain line every 5 seconds, none per run', () => {
    let now = 0;
    const written: string[] = [];
    vi.useFakeTimers();
    try {
      const p = new SweepProgress({ total: 400, write: (t) => written.push(t), terminal: false, wallClock: () => now, label: 'sweep s' });
      p.start();
      for (let i = 1; i <= 3; i++) {
        now = i;
        p.runDone(true);
      }
      now = 5;
      vi.advanceTimersByTime(5000);
      now = 130;
      p.runDone(true);
      vi.advanceTimersByTime(5000);
      p.stop();
    } finally {
      vi.useRealTimers();
    }
    // ETA: 5 s / 3 runs x 397 left = 662 s; then 130 s / 4 x 396 = 12870 s, 3h34m
    expect(written).toEqual(['sweep s: 3/400 runs, 5s elapsed, ETA 11m02s\n', 'sweep s: 4/400 runs, 2m10s elapsed, ETA 3h34m\n']);
  });
});
