import { performance } from 'node:perf_hooks';
import type { StopSignal } from '../sim/run-loop.js';
import { runOne, type RunRequest } from './run-one.js';

/**
 * A sweep's worker process (pool.ts processRunner forks it): runs the runs
 * it is sent, one at a time, and answers each with its RunOutcome. Messages
 * in: `{run: RunRequest}`, `{interrupt: signal}` (stop the run in progress at
 * an instant boundary, writing nothing). Workers share nothing but these
 * messages. Terminal signals are the sweep's to hear (it sends `interrupt`);
 * when the sweep goes away, so does the worker.
 */
if (process.send === undefined) throw new Error('sweep/worker.ts runs as a forked worker process');
const send = (m: unknown): void => void process.send?.(m);
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => {});
process.on('disconnect', () => process.exit(0));
const stop: { signal?: StopSignal; onStop?: (s: StopSignal) => void } = {};
const meters = {
  wallClock: () => performance.now() / 1000,
  peakMemoryBytes: () => process.resourceUsage().maxRSS * 1024,
  cpuSeconds: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  },
};
process.on('message', (m: { run?: RunRequest; interrupt?: StopSignal }) => {
  if (m.interrupt !== undefined) {
    stop.signal = m.interrupt;
    stop.onStop?.(m.interrupt);
    return;
  }
  if (m.run === undefined) return;
  runOne(m.run, meters, stop).then(
    (outcome) => send({ outcome }),
    (e: unknown) => send({ outcome: { id: m.run?.id ?? '', status: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } }),
  );
});
