import type { Pod } from '../../model/pod.js';
import { CsvFile, csvRow } from './csv-file.js';
import { finalRow, PODS_HEADER, type PodOutcome, type PodRecord } from './pod-record.js';
import { RowSpill } from './row-spill.js';

/**
 * pods.csv in creation order, streamed: a pod's row is built when the pod
 * leaves the API (`close`), and written as soon as every pod created before it
 * has been written; the rest are built from their live objects at `finish`.
 * A row that must wait behind an older pod still in the API (a Job's pods
 * behind a Deployment's that run all along) waits on disk, in `<path>.waiting`,
 * removed at the end. Memory: the records of pods still in the API, plus one
 * number per finished pod behind the oldest of them.
 */
export class PodsCsv {
  private readonly file: CsvFile;
  private readonly waiting: RowSpill;
  /**
   * The pods from the oldest unwritten one on, in creation order: the record
   * of a pod in the API, or the handle in `waiting` of a finished pod's row.
   * `queue[i]` is the pod with creation index `first + i`; slots before `head`
   * are written (0).
   */
  private queue: (PodRecord | number)[] = [];
  private first = 0;
  private head = 0;
  private added = 0;

  constructor(
    path: string,
    /** Hears each pod's outcome once, when its row is built. */
    private readonly onOutcome: (outcome: PodOutcome) => void,
  ) {
    this.file = new CsvFile(path, PODS_HEADER);
    this.waiting = new RowSpill(`${path}.waiting`);
  }

  /** Rows handed to the file so far (the header not counted). */
  get written(): number {
    return this.file.rows;
  }

  add(record: PodRecord): void {
    record.index = this.added++;
    this.queue.push(record);
  }

  /** The pod is gone: its row is final. Writes every final row now at the head. */
  close(record: PodRecord, pod: Pod): void {
    const text = this.build(record, pod);
    const i = record.index - this.first;
    if (i > this.head) {
      this.queue[i] = this.waiting.append(text);
      return;
    }
    this.file.writeText(text);
    this.queue[this.head++] = 0;
    this.drain();
  }

  /** Builds the rows of pods still in the API, writes everything, closes the file. */
  finish(): void {
    const q = this.queue;
    for (let i = this.head; i < q.length; i++) {
      const slot = q[i] as PodRecord | number;
      this.file.writeText(typeof slot === 'number' ? this.waiting.read(slot) : this.build(slot, slot.pod!));
    }
    this.queue = [];
    this.head = 0;
    this.waiting.close();
    this.file.close();
  }

  discard(): void {
    this.waiting.close();
    this.file.discard();
  }

  private build(record: PodRecord, pod: Pod): string {
    const { row, outcome } = finalRow(record, pod);
    record.pod = undefined;
    this.onOutcome(outcome);
    return csvRow(row);
  }

  /** Writes the waiting rows now at the head, up to the oldest pod still in the API. */
  private drain(): void {
    const q = this.queue;
    while (this.head < q.length && typeof q[this.head] === 'number') {
      this.file.writeText(this.waiting.read(q[this.head] as number));
      q[this.head++] = 0;
    }
    if (this.head > 1024 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.first += this.head;
      this.head = 0;
    }
  }
}
