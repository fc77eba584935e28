import type { Millis } from '../../model/meta.js';
import { CsvFile } from './csv-file.js';
import { formatSeconds } from './format.js';
import type { NodeUsage } from './node-usage.js';

export const NODES_HEADER = [
  'time_s',
  'node',
  'ready',
  'cpu_requested_m',
  'cpu_allocatable_m',
  'memory_requested_bytes',
  'memory_allocatable_bytes',
  'pods',
] as const;

/**
 * nodes.csv: one row per present node (creation order) at each sample time
 * t = 0, I, 2I, ... up to the run's end, plus one at the end time itself when
 * it is not a multiple of I. A sample at t shows the state at the end of the
 * instant t (after every change made at t).
 *
 * Samples are not engine events. The run loop takes them between events as
 * the ticks of a Ticker (sim/run-loop.ts: `nextTickMs`, `tick()`), after
 * every event at their time and before any later one, so that a quiet tail
 * is sampled, counted and interruptible like a busy stretch. Between, before
 * a change at time `now`, `catchUp(now)` writes every sample due strictly
 * before `now` that was not taken (the state has not changed since), and
 * `finish(end)` those due up to and including `end`. So sampling adds no
 * events and never keeps the engine running.
 */
export class NodeSamples {
  private readonly file: CsvFile;
  private next: Millis = 0;
  private lastSampled: Millis | undefined;

  constructor(
    path: string,
    private readonly intervalMs: Millis,
    private readonly usage: NodeUsage,
  ) {
    if (!(intervalMs > 0) || !Number.isInteger(intervalMs)) {
      throw new RangeError(`sampleIntervalMs must be a whole number of ms > 0, got ${intervalMs}`);
    }
    this.file = new CsvFile(path, NODES_HEADER);
  }

  /** Ticker: what the ticks are, for messages. */
  readonly name = 'node samples';

  /** Ticker: when the next sample is due. */
  get nextTickMs(): Millis {
    return this.next;
  }

  /** Ticker: writes the next sample (the state now is the state at its time). */
  tick(): void {
    this.sample();
  }

  /** Writes the samples due before `now`. */
  catchUp(now: Millis): void {
    while (this.next < now) this.sample();
  }

  /** Writes the samples due up to `endMs`, then one at `endMs` if none fell on it; closes the file. */
  finish(endMs: Millis): void {
    while (this.next <= endMs) this.sample();
    if (this.lastSampled !== endMs) {
      this.next = endMs;
      this.sample();
    }
    this.file.close();
  }

  discard(): void {
    this.file.discard();
  }

  private sample(): void {
    const t = this.next;
    const time = formatSeconds(t);
    for (const n of this.usage.present()) {
      this.file.write([
        time,
        n.name,
        n.ready,
        String(n.cpuRequested),
        String(n.cpuAllocatable),
        String(n.memoryRequested),
        String(n.memoryAllocatable),
        String(n.pods),
      ]);
    }
    this.lastSampled = t;
    this.next = t + this.intervalMs;
  }
}
