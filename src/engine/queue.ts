import TinyQueue from 'tinyqueue';

/**
 * A min-priority queue of items keyed on `(time, seq)`. `seq` is assigned on
 * push and only grows, so items with equal times come out in push order (FIFO):
 * the ordering is total and never depends on the heap's internal layout.
 */
export interface Keyed {
  readonly time: number;
  seq: number;
}

function compare(a: Keyed, b: Keyed): number {
  return a.time - b.time || a.seq - b.seq;
}

export class EventQueue<T extends Keyed> {
  private readonly heap = new TinyQueue<T>([], compare);
  private nextSeq = 0;

  get length(): number {
    return this.heap.length;
  }

  /** Adds `item`, stamping its `seq`. */
  push(item: T): void {
    item.seq = this.nextSeq++;
    this.heap.push(item);
  }

  pop(): T | undefined {
    return this.heap.pop();
  }

  peek(): T | undefined {
    return this.heap.peek();
  }
}
