/** Seconds between two progress lines off a terminal, and between two redraws on one. */
export const LOG_EVERY_S = 5;
const REDRAW_EVERY_S = 1;

export interface ProgressOptions {
  readonly total: number;
  readonly write: (text: string) => void;
  /** stderr is a terminal: one line redrawn in place; else a line every LOG_EVERY_S seconds. */
  readonly terminal: boolean;
  /** Monotonic wall-clock seconds. */
  readonly wallClock: () => number;
  /** What is counted, for the line: `sweep capacity`. */
  readonly label: string;
}

function clock(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

/**
 * A sweep's progress on stderr: runs done of the total, failures, elapsed
 * and ETA (the remaining runs at the mean pace so far). On a terminal one
 * line redrawn in place (cleared at the end); off one, a plain line every
 * LOG_EVERY_S seconds, so CI logs and `kubectl logs` show the sweep moving
 * without a flood. Data never goes to stderr: this is all it writes.
 */
export class SweepProgress {
  private done = 0;
  private failed = 0;
  private readonly started: number;
  private lastWrite: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;

  constructor(private readonly o: ProgressOptions) {
    this.started = o.wallClock();
    this.lastWrite = this.started;
  }

  start(): void {
    const every = this.o.terminal ? REDRAW_EVERY_S : LOG_EVERY_S;
    this.timer = setInterval(() => this.show(), every * 1000);
    this.timer.unref();
    if (this.o.terminal) this.show();
  }

  runDone(ok: boolean): void {
    this.done++;
    if (!ok) this.failed++;
    if (this.o.terminal) this.show();
  }

  /** The line as shown now. */
  line(): string {
    const elapsed = this.o.wallClock() - this.started;
    const left = this.o.total - this.done;
    const eta = this.done === 0 ? '?' : clock((elapsed / this.done) * left);
    const failed = this.failed > 0 ? `, ${this.failed} failed` : '';
    return `${this.o.label}: ${this.done}/${this.o.total} runs${failed}, ${clock(elapsed)} elapsed, ETA ${eta}`;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.o.terminal && this.drawn) this.o.write('\r\x1b[K');
  }

  private show(): void {
    if (this.o.terminal) {
      this.o.write(`\r\x1b[K${this.line()}`);
      this.drawn = true;
      return;
    }
    const now = this.o.wallClock();
    if (now - this.lastWrite < LOG_EVERY_S - 0.5) return;
    this.lastWrite = now;
    this.o.write(`${this.line()}\n`);
  }
}
