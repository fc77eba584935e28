import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { StopSignal } from '../sim/run-loop.js';
import { runOne, type RunRequest } from './run-one.js';

/**
 * A sweep's worker thread: runs the runs it is sent, one at a time, and
 * answers each with its RunOutcome. Messages in: `{run: RunRequest}`,
 * `{interrupt: signal}` (stop the run in progress at an instant boundary,
 * writing nothing). Workers share nothing but these messages.
 */
const port = parentPort;
if (port === null) throw new Error('sweep/worker.ts runs as a worker thread');
const stop: { signal?: StopSignal; onStop?: (s: StopSignal) => void } = {};
const meters = {
  wallClock: () => performance.now() / 1000,
  peakMemoryBytes: () => process.resourceUsage().maxRSS * 1024,
  cpuSeconds: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  },
};
port.on('message', (m: { run?: RunRequest; interrupt?: StopSignal }) => {
  if (m.interrupt !== undefined) {
    stop.signal = m.interrupt;
    stop.onStop?.(m.interrupt);
    return;
  }
  if (m.run === undefined) return;
  runOne(m.run, meters, stop).then(
    (outcome) => port.postMessage({ outcome }),
    (e: unknown) => port.postMessage({ outcome: { id: m.run?.id ?? '', status: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } }),
  );
});
