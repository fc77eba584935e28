import TinyQueue from 'tinyqueue';
import type { QueueLocation, QueuedPodInfo } from './queued-pod.js';

interface Entry {
  readonly info: QueuedPodInfo;
  readonly generation: number;
  /** A sort key fixed at push (the backoff expiry for the backoff heaps). */
  readonly key: number;
}

/**
 * A heap of queued pods with lazy removal: moving a pod elsewhere bumps its
 * generation, and entries whose generation or location no longer match are
 * dropped when they reach the top. Cost: O(log n) push and pop, amortised.
 */
export class PodHeap {
  private readonly heap: TinyQueue<Entry>;

  constructor(
    readonly location: QueueLocation,
    order: (a: QueuedPodInfo, b: QueuedPodInfo) => number,
  ) {
    this.heap = new TinyQueue<Entry>([], (a, b) => a.key - b.key || order(a.info, b.info));
  }

  /** Adds a pod already placed at this heap's location. */
  push(info: QueuedPodInfo, key = 0): void {
    this.heap.push({ info, generation: info.generation, key });
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
