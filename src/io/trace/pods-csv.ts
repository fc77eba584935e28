import type { Pod } from '../../model/pod.js';
import { CsvFile } from './csv-file.js';
import { finalRow, PODS_HEADER, type PodOutcome, type PodRecord } from './pod-record.js';

/**
 * pods.csv in creation order, streamed: a pod's row is built when the pod
 * leaves the API (`close`), and written as soon as every pod created before it
 * has been written; the rest are built from their live objects at `finish`.
 * Memory: the records of pods still in the API, plus the built rows waiting
 * behind the oldest of them.
 */
export class PodsCsv {
  private readonly file: CsvFile;
  private queue: PodRecord[] = [];
  private head = 0;

  constructor(
    path: string,
    /** Hears each pod's outcome once, when its row is built. */
    private readonly onOutcome: (outcome: PodOutcome) => void,
  ) {
    this.file = new CsvFile(path, PODS_HEADER);
  }

  /** Rows handed to the file so far (the header not counted). */
  get written(): number {
    return this.file.rows;
  }

  add(record: PodRecord): void {
    this.queue.push(record);
  }

  /** The pod is gone: its row is final. Writes every final row now at the head. */
  close(record: PodRecord, pod: Pod): void {
    this.build(record, pod);
    this.drain();
  }

  /** Builds the rows of pods still in the API, writes everything, closes the file. */
  finish(): void {
    for (let i = this.head; i < this.queue.length; i++) {
      const r = this.queue[i] as PodRecord;
      if (r.row === undefined && r.pod !== undefined) this.build(r, r.pod);
    }
    this.drain();
    this.file.close();
  }

  discard(): void {
    this.file.discard();
  }

  private build(record: PodRecord, pod: Pod): void {
    const { row, outcome } = finalRow(record, pod);
    record.row = row;
    record.pod = undefined;
    this.onOutcome(outcome);
  }

  private drain(): void {
    const q = this.queue;
    while (this.head < q.length) {
      const r = q[this.head] as PodRecord;
      if (r.row === undefined) break;
      this.file.write(r.row);
      q[this.head++] = DONE;
    }
    if (this.head > 1024 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
  }
}

/** A written slot, so the queue holds no row it no longer needs. */
const DONE: PodRecord = { pod: undefined, created: 0, phaseReason: '', failedScheduling: 0, scheduledEvents: 0 };
