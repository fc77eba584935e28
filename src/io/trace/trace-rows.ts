import type { KubeEvent } from '../../api/event.js';
import type { Millis } from '../../model/meta.js';
import type { Pod, PodPhase } from '../../model/pod.js';
import { CsvFile, csvField } from './csv-file.js';
import { formatSeconds } from './format.js';

export const TRANSITIONS_HEADER = ['time_s', 'seq', 'namespace', 'name', 'node', 'from_phase', 'to_phase', 'reason'] as const;
export const EVENTS_HEADER = ['time_s', 'seq', 'type', 'reason', 'kind', 'namespace', 'name', 'node', 'message'] as const;

/**
 * transitions.csv and events.csv, sharing one run-global `seq`: every row of
 * either file takes the next number (from 1), so rows at the same time keep the order
 * in which they happened across both files.
 */
export class TraceRows {
  private readonly transitions: CsvFile;
  private readonly events: CsvFile;
  private seq = 0;
  private lastMs = Number.NaN;
  private lastTime = '';

  constructor(transitionsPath: string, eventsPath: string) {
    this.transitions = new CsvFile(transitionsPath, TRANSITIONS_HEADER);
    try {
      this.events = new CsvFile(eventsPath, EVENTS_HEADER);
    } catch (e) {
      this.transitions.discard();
      throw e;
    }
  }

  /** A phase change; `from` undefined for the pod's first row. */
  transition(now: Millis, pod: Pod, from: PodPhase | undefined, to: PodPhase, reason: string): void {
    const { namespace, name } = pod.metadata;
    this.transitions.writeText(
      `${this.time(now)},${++this.seq},${csvField(namespace)},${csvField(name)},${csvField(pod.spec.nodeName)},${csvField(from)},${csvField(to)},${csvField(reason)}\n`,
    );
  }

  event(e: KubeEvent): void {
    this.events.writeText(
      `${this.time(e.time)},${++this.seq},${csvField(e.type)},${csvField(e.reason)},${csvField(e.kind)},${csvField(e.namespace)},${csvField(e.name)},${csvField(e.node)},${csvField(e.message)}\n`,
    );
  }

  /** formatSeconds, kept for the instant: most rows share their instant with the row before. */
  private time(ms: Millis): string {
    if (ms !== this.lastMs) {
      this.lastTime = formatSeconds(ms);
      this.lastMs = ms;
    }
    return this.lastTime;
  }

  close(): void {
    this.transitions.close();
    this.events.close();
  }

  discard(): void {
    this.transitions.discard();
    this.events.discard();
  }
}
