import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { StopSignal } from '../sim/run-loop.js';
import { runOne, type RunMeters, type RunOutcome, type RunRequest } from './run-one.js';

/** Something that runs one run at a time. */
export interface Runner {
  run(req: RunRequest): Promise<RunOutcome>;
  /** Stops the run in progress at an instant boundary; it writes nothing. */
  interrupt(signal: StopSignal): void;
  close(): Promise<void>;
}

/** Runs in this thread (tests, `--jobs 1` under a test runner). */
export function inProcessRunner(meters: RunMeters): Runner {
  const stop: { signal?: StopSignal; onStop?: (s: StopSignal) => void } = {};
  return {
    run: (req) => runOne(req, meters, stop),
    interrupt: (signal) => {
      stop.signal = signal;
      stop.onStop?.(signal);
    },
    close: async () => {},
  };
}

/**
 * Runs in a child process of its own (worker.ts, forked with this process's
 * node flags), started at its first run; a child that crashes or exits fails
 * its run and is replaced. Processes, not worker threads: two isolates in
 * one process slowed each run 2.3x on 2 cores (a shared GC platform and
 * allocator), two processes 1.2-1.6x. The child ignores terminal signals:
 * the sweep hears them and sends `interrupt`.
 */
export function processRunner(): Runner {
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  let child: ChildProcess | undefined;
  let signal: StopSignal | undefined;
  return {
    run: (req) =>
      new Promise<RunOutcome>((resolve) => {
        const c = (child ??= fork(file, [], { execArgv: process.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
        const done = (o: RunOutcome) => {
          c.off('message', onMessage);
          c.off('error', onError);
          c.off('exit', onExit);
          resolve(o);
        };
        const onMessage = (m: { outcome: RunOutcome }) => done(m.outcome);
        const onError = (e: Error) => {
          child = undefined;
          c.kill();
          done({ id: req.id, status: 'failed', message: `worker process failed: ${e.message}` });
        };
        const onExit = (code: number | null, sig: NodeJS.Signals | null) => {
          child = undefined;
          done({ id: req.id, status: 'failed', message: `worker process exited (${sig ?? code}) during the run` });
        };
        c.on('message', onMessage);
        c.on('error', onError);
        c.on('exit', onExit);
        c.send({ run: req });
        if (signal !== undefined) c.send({ interrupt: signal });
      }),
    interrupt: (s) => {
      signal = s;
      child?.send({ interrupt: s });
    },
    close: async () => {
      const c = child;
      child = undefined;
      if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
      const exited = once(c, 'exit');
      c.disconnect();
      await exited;
    },
  };
}

/**
 * Runs `requests` on `runners.length` lanes, each taking the next request
 * of the list when its run ends; `onDone` hears each outcome as it comes.
 * After `interrupt`, no run starts and those in progress stop, writing
 * nothing. Resolves with the outcomes in request order (undefined: not run).
 */
export class RunPool {
  private stopped: StopSignal | undefined;

  constructor(private readonly runners: readonly Runner[]) {}

  interrupt(signal: StopSignal): void {
    if (this.stopped !== undefined) return;
    this.stopped = signal;
    for (const r of this.runners) r.interrupt(signal);
  }

  get interrupted(): StopSignal | undefined {
    return this.stopped;
  }

  async runAll(requests: readonly RunRequest[], onDone: (o: RunOutcome) => void): Promise<(RunOutcome | undefined)[]> {
    const outcomes: (RunOutcome | undefined)[] = new Array(requests.length).fill(undefined);
    let next = 0;
    const lane = async (runner: Runner) => {
      while (this.stopped === undefined && next < requests.length) {
        const i = next++;
        const o = await runner.run(requests[i] as RunRequest);
        if (o.status === 'interrupted') continue;
        outcomes[i] = o;
        onDone(o);
      }
    };
    await Promise.all(this.runners.map(lane));
    return outcomes;
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.close()));
  }
}
