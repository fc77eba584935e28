import TinyQueue from 'tinyqueue';
import type { QueueLocation, QueuedPodInfo, SortKey } from './queued-pod.js';

/**
 * A pod's place in a heap, with its sort key copied at push. The copy stays
 * right while the entry is live: the queue changes a pod's timestamp and seq
 * only together with a move (which makes the entry stale), and a pod's spec
 * never changes.
 */
class Entry implements SortKey {
  readonly generation: number;
  readonly priority: number;
  readonly timestamp: number;
  readonly seq: number;

  constructor(
    readonly info: QueuedPodInfo,
    /** A sort key fixed at push (the backoff expiry for the backoff heaps). */
    readonly key: number,
  ) {
    this.generation = info.generation;
    this.priority = info.pod.spec.priority;
    this.timestamp = info.timestamp;
    this.seq = info.seq;
  }
}

/**
 * A heap of queued pods with lazy removal: moving a pod elsewhere bumps its
 * generation, and entries whose generation or location no longer match are
 * dropped when they reach the top. Cost: O(log n) push and pop, amortised.
 * Order: `key`, then `order` on the pods' sort keys.
 */
export class PodHeap {
  private readonly heap: TinyQueue<Entry>;

  constructor(
    readonly location: QueueLocation,
    order: (a: SortKey, b: SortKey) => number,
  ) {
    this.heap = new TinyQueue<Entry>([], (a, b) => a.key - b.key || order(a, b));
  }

  /** Adds a pod already placed at this heap's location. */
  push(info: QueuedPodInfo, key = 0): void {
    this.heap.push(new Entry(info, key));
  }

  /** The first live pod and its key, without removing it. */
  peek(): { info: QueuedPodInfo; key: number } | undefined {
    this.dropStale();
    const top = this.heap.peek();
    return top && { info: top.info, key: top.key };
  }

  pop(): QueuedPodInfo | undefined {
    this.dropStale();
    return this.heap.pop()?.info;
  }

  private dropStale(): void {
    let top = this.heap.peek();
    while (top && (top.generation !== top.info.generation || top.info.location !== this.location)) {
      this.heap.pop();
      top = this.heap.peek();
    }
  }
}
