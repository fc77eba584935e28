import type { Millis } from '../../model/meta.js';
import type { NodeSampleMode } from '../../model/scenario.js';
import { CsvFile } from './csv-file.js';
import { formatSeconds } from './format.js';
import type { NodeRow, NodeUsage } from './node-usage.js';

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
 * nodes.csv. Nodes are sampled at t = 0, I, 2I, ... up to the run's end, and
 * at the end time itself when it is not a multiple of I. A sample at t shows
 * the state at the end of the instant t (after every change made at t); its
 * rows are in node creation order.
 *
 * Which rows a sample time gets (output.nodeSamples):
 * - `changes` (the default): a row for each node whose row differs from its
 *   previous one (a new node's first row, readiness, requests, pods), and at
 *   the end a row for every present node. A node removed after it had a row
 *   gets one more, with `ready` empty and every number 0. So a node's state at
 *   any sample time is its last row at or before it (a forward fill gives back
 *   `all`'s rows, removed nodes as zeros), and a quiet stretch writes nothing.
 * - `all`: a row for every present node at every sample time.
 *
 * Samples are not engine events. The run loop takes them between events as
 * the ticks of a Ticker (sim/run-loop.ts: `nextTickMs`, `tick()`), after
 * every event at their time and before any later one, so that a quiet tail
 * is sampled, counted and interruptible like a busy stretch. Between, before
 * a change at time `now`, `catchUp(now)` writes every sample due strictly
 * before `now` that was not taken (the state has not changed since), and
 * `finish(end)` those due up to and including `end`. So sampling adds no
 * events and never keeps the engine running; under `changes`, a sample time
 * without changes writes nothing.
 */
export class NodeSamples {
  private readonly file: CsvFile;
  private next: Millis = 0;
  /** `changes`: the values of each present node's last row, joined. */
  private readonly written = new Map<NodeRow, string>();

  constructor(
    path: string,
    private readonly intervalMs: Millis,
    private readonly usage: NodeUsage,
    private readonly mode: NodeSampleMode = 'changes',
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
    this.sample(false);
  }

  /** Writes the samples due before `now`. */
  catchUp(now: Millis): void {
    while (this.next < now) {
      if (this.mode === 'changes' && !this.usage.hasChanges) {
        // Nothing to write until the next change: on to the first sample time at or after now.
        this.next += Math.ceil((now - this.next) / this.intervalMs) * this.intervalMs;
        return;
      }
      this.sample(false);
    }
  }

  /** Writes the samples due before `endMs`, then the one at `endMs` (every present node); closes the file. */
  finish(endMs: Millis): void {
    this.catchUp(endMs);
    this.next = endMs;
    this.sample(true);
    this.file.close();
  }

  discard(): void {
    this.file.discard();
  }

  /** The sample at `next`; `last`: the final one, with every present node. */
  private sample(last: boolean): void {
    const t = this.next;
    const time = formatSeconds(t);
    const changed = this.usage.takeChanged();
    if (this.mode === 'all') {
      for (const row of this.usage.present()) this.file.write([time, row.name, ...values(row)]);
    } else {
      const rows = last ? [...changed.filter((r) => !r.present), ...this.usage.present()].sort((a, b) => a.seq - b.seq) : changed;
      for (const row of rows) this.writeChange(time, row, last);
    }
    this.next = t + this.intervalMs;
  }

  /** `changes`: the row of a node that changed (or every node, `always`), or the removal row of one that had a row. */
  private writeChange(time: string, row: NodeRow, always: boolean): void {
    if (!row.present) {
      if (this.written.delete(row)) this.file.write([time, row.name, '', '0', '0', '0', '0', '0']);
      return;
    }
    const v = values(row);
    const key = v.join(',');
    if (!always && this.written.get(row) === key) return;
    this.written.set(row, key);
    this.file.write([time, row.name, ...v]);
  }
}

function values(row: NodeRow): string[] {
  return [
    row.ready,
    String(row.cpuRequested),
    String(row.cpuAllocatable),
    String(row.memoryRequested),
    String(row.memoryAllocatable),
    String(row.pods),
  ];
}
