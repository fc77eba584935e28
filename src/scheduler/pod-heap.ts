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
 * dropped when they reach the front. Order: `key`, then `order` on the pods'
 * sort keys.
 *
 * Pods mostly arrive already in order (new pods: same priority, later
 * timestamp and seq), so an entry that sorts after every entry of the
 * `lane` (a FIFO of entries in order) joins it in O(1); only the others go
 * into the binary heap. The front is the lesser of the two fronts: the same
 * order as one heap, with O(1) push and pop for in-order arrivals.
 */
export class PodHeap {
  private readonly heap: TinyQueue<Entry>;
  private readonly compare: (a: Entry, b: Entry) => number;
  /** Entries in order, from `laneHead` on (the slots before it are spent). */
  private lane: Entry[] = [];
  private laneHead = 0;

  constructor(
    readonly location: QueueLocation,
    order: (a: SortKey, b: SortKey) => number,
  ) {
    this.compare = (a, b) => a.key - b.key || order(a, b);
    this.heap = new TinyQueue<Entry>([], this.compare);
  }

  /** Adds a pod already placed at this heap's location. */
  push(info: QueuedPodInfo, key = 0): void {
    const entry = new Entry(info, key);
    const lane = this.lane;
    if (this.laneHead === lane.length || this.compare(entry, lane[lane.length - 1] as Entry) >= 0) lane.push(entry);
    else this.heap.push(entry);
  }

  /** The first live pod and its key, without removing it. */
  peek(): { info: QueuedPodInfo; key: number } | undefined {
    const top = this.front();
    return top && { info: top.info, key: top.key };
  }

  pop(): QueuedPodInfo | undefined {
    const top = this.front();
    if (top === undefined) return undefined;
    if (top === this.lane[this.laneHead]) this.shiftLane();
    else this.heap.pop();
    return top.info;
  }

  /** The first live entry of lane and heap together (stale ones dropped on the way). */
  private front(): Entry | undefined {
    let l = this.lane[this.laneHead];
    while (l !== undefined && isStale(l, this.location)) {
      this.shiftLane();
      l = this.lane[this.laneHead];
    }
    let h = this.heap.peek();
    while (h !== undefined && isStale(h, this.location)) {
      this.heap.pop();
      h = this.heap.peek();
    }
    if (l === undefined) return h;
    if (h === undefined) return l;
    return this.compare(h, l) < 0 ? h : l;
  }

  private shiftLane(): void {
    this.lane[this.laneHead++] = undefined as unknown as Entry;
    if (this.laneHead === this.lane.length) {
      this.lane = [];
      this.laneHead = 0;
    } else if (this.laneHead >= 1024 && 2 * this.laneHead >= this.lane.length) {
      this.lane = this.lane.slice(this.laneHead);
      this.laneHead = 0;
    }
  }
}

function isStale(e: Entry, location: QueueLocation): boolean {
  return e.generation !== e.info.generation || e.info.location !== location;
}
