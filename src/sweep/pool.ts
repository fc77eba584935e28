import { Worker } from 'node:worker_threads';
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

/** Runs in a worker thread of its own (worker.ts), started at its first run; a worker that crashes or exits fails its run and is replaced. */
export function threadRunner(): Runner {
  const url = new URL('./worker.js', import.meta.url);
  let worker: Worker | undefined;
  let signal: StopSignal | undefined;
  return {
    run: (req) =>
      new Promise<RunOutcome>((resolve) => {
        const w = (worker ??= new Worker(url));
        const done = (o: RunOutcome) => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
          resolve(o);
        };
        const onMessage = (m: { outcome: RunOutcome }) => done(m.outcome);
        const onError = (e: Error) => {
          worker = undefined;
          void w.terminate();
          done({ id: req.id, status: 'failed', message: `worker thread failed: ${e.message}` });
        };
        const onExit = (code: number) => {
          worker = undefined;
          done({ id: req.id, status: 'failed', message: `worker thread exited (${code}) during the run` });
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage({ run: req });
        if (signal !== undefined) w.postMessage({ interrupt: signal });
      }),
    interrupt: (s) => {
      signal = s;
      worker?.postMessage({ interrupt: s });
    },
    close: async () => {
      await worker?.terminate();
      worker = undefined;
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
