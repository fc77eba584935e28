import type { Pace } from '../sim/pace.js';
import { goDuration } from '../report/duration.js';

/** Wall seconds before the bar first shows: a short run prints none. */
export const SHOW_AFTER_S = 2;
/** Wall seconds between two redraws. */
const REDRAW_S = 0.2;
const BAR = 24;
/** Below this share of the horizon an ETA says little (the work of a run is often all at its start). */
const MIN_SHARE_FOR_ETA = 0.05;

/** Where the run is, for one line of progress. */
export interface ProgressState {
  readonly simulatedMs: number;
  /** The horizon (spec.duration), undefined for a run that ends when nothing is left. */
  readonly horizonMs: number | undefined;
  readonly events: number;
  readonly elapsedS: number;
}

/**
 * One line: `[=========>             ]  41%  8m12s of 20m0s simulated  1.2M events/s  ETA 12s`;
 * without a horizon, no bar and no ETA. ETA assumes the rest goes as fast in
 * simulated time per wall second as the run so far.
 */
export function progressLine(p: ProgressState): string {
  const rate = p.elapsedS > 0 ? p.events / p.elapsedS : 0;
  const speed = `${rate >= 1e6 ? `${(rate / 1e6).toFixed(1)}M` : rate >= 1e3 ? `${(rate / 1e3).toFixed(1)}k` : Math.round(rate)} events/s`;
  const sim = goDuration(Math.floor(p.simulatedMs / 1000));
  if (p.horizonMs === undefined || p.horizonMs <= 0) return `${sim} simulated  ${speed}`;
  const share = Math.min(1, p.simulatedMs / p.horizonMs);
  const filled = Math.floor(share * BAR);
  const bar = `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(BAR - filled)}]`;
  const eta = share >= MIN_SHARE_FOR_ETA ? `  ETA ${goDuration(Math.ceil((p.elapsedS * (1 - share)) / share))}` : '';
  return `${bar} ${String(Math.floor(share * 100)).padStart(3)}%  ${sim} of ${goDuration(p.horizonMs / 1000)} simulated  ${speed}${eta}`;
}

/**
 * A progress bar on a terminal's stderr, redrawn in place (`\r`, erase line)
 * when the run yields to the process (the Pace), from SHOW_AFTER_S on;
 * `clear()` erases it before anything else is printed. Reads the wall clock
 * only to draw: what the simulation does never depends on it.
 */
export class ProgressBar {
  private drawn = false;
  private lastDraw = -Infinity;
  private readonly started: number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly wallClock: () => number,
    private readonly state: () => Omit<ProgressState, 'elapsedS'>,
  ) {
    this.started = wallClock();
  }

  /** `pace` that also redraws the bar whenever it pauses. */
  pacing(pace: Pace): Pace {
    return {
      due: () => pace.due(),
      pause: () => {
        this.tick();
        return pace.pause();
      },
    };
  }

  tick(): void {
    const now = this.wallClock();
    const elapsedS = now - this.started;
    if (elapsedS < SHOW_AFTER_S || now - this.lastDraw < REDRAW_S) return;
    this.lastDraw = now;
    this.drawn = true;
    this.write(`\r\u001b[K${progressLine({ ...this.state(), elapsedS })}`);
  }

  clear(): void {
    if (this.drawn) this.write('\r\u001b[K');
    this.drawn = false;
  }
}
