import type { StopSignal } from '../sim/run-loop.js';
import { EXIT, signalExit } from './io.js';
import { LAUNCHED_ENV } from './launch.js';

/** What ProcessSignals needs from the process (injected for tests). */
export interface SignalProcess {
  readonly env: NodeJS.ProcessEnv;
  on(event: string, listener: (...args: never[]) => void): unknown;
  send?: unknown;
  readonly channel?: { unref(): void } | undefined;
  readonly stderr: { write(text: string): unknown };
  exit(code: number): never;
}

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/**
 * How a podsim process hears that it should stop, installed once when it
 * starts (bin.ts), before any work:
 *   - SIGINT or SIGTERM while a command has registered a handler
 *     (`onInterrupt`, a run): the handler stops the run at the next event
 *     boundary and the command writes what there is (exit 130 or 143);
 *   - a second one, or one while no handler is registered (loading the
 *     scenario, printing the summary): `abandon` (the command's synchronous
 *     cleanup: its temporary folder) and the process ends at once with 130
 *     or 143;
 *   - SIGHUP (the terminal went away): the same at once, exit 129.
 * In a process started by the launcher (launch.ts), a signal may arrive
 * twice, once from the OS (a Ctrl-C reaches the whole process group, systemd
 * signals every process of a service) and once passed on by the launcher over
 * IPC; or only one way (`kill` of one process). Each kind of signal counts
 * as many times as the larger of the two tallies, so one keystroke or one
 * `kill` counts once whichever ways it came. The launcher going away
 * (its IPC channel closes: it was killed outright) counts as a second signal.
 */
export class ProcessSignals {
  private readonly os = new Map<StopSignal, number>();
  private readonly ipc = new Map<StopSignal, number>();
  private heard = 0;
  private handler: ((signal: StopSignal) => void) | undefined;
  private abandon: (() => void) | undefined;

  constructor(private readonly proc: SignalProcess) {}

  install(): void {
    for (const signal of STOP_SIGNALS) this.proc.on(signal, () => this.count(this.os, signal));
    this.proc.on('SIGHUP', () => this.stopNow(129));
    if (this.proc.env[LAUNCHED_ENV] !== undefined && this.proc.send !== undefined) {
      this.proc.on('message', (m: unknown) => {
        const signal = typeof m === 'object' && m !== null ? (m as { signal?: unknown }).signal : undefined;
        if (signal === 'SIGINT' || signal === 'SIGTERM') this.count(this.ipc, signal);
      });
      this.proc.on('disconnect', () => this.stopNow(EXIT.interrupted));
      // Listening must not keep the process alive once the command is done.
      this.proc.channel?.unref();
    }
  }

  /** CommandContext.onInterrupt. */
  onInterrupt(handler: (signal: StopSignal) => void, abandon?: () => void): () => void {
    this.handler = handler;
    this.abandon = abandon;
    return () => {
      if (this.handler !== handler) return;
      this.handler = undefined;
      this.abandon = undefined;
    };
  }

  private count(tally: Map<StopSignal, number>, signal: StopSignal): void {
    tally.set(signal, (tally.get(signal) ?? 0) + 1);
    const heard = STOP_SIGNALS.reduce((n, s) => n + Math.max(this.os.get(s) ?? 0, this.ipc.get(s) ?? 0), 0);
    if (heard === this.heard) return;
    this.heard = heard;
    const handler = this.handler;
    if (heard === 1 && handler) handler(signal);
    else this.stopNow(signalExit(signal));
  }

  private stopNow(code: number): void {
    const abandon = this.abandon;
    if (abandon) {
      this.abandon = undefined;
      abandon();
      this.proc.stderr.write('stopped at once: nothing was written\n');
    }
    this.proc.exit(code);
  }
}
