import type { Engine, Millis, Timer } from '../engine/engine.js';

/**
 * A controller's work queue (client-go's workqueue, in simulated time): a key
 * added is synced once, `delayMs` later (the API latency), however often it
 * was added meanwhile; keys due at the same instant sync in the order they
 * were added. `addAfter` is AddAfter: a later sync that an earlier `add` of
 * the same key does not cancel.
 */
export class WorkQueue {
  private readonly pending = new Map<string, Timer>();

  constructor(
    private readonly engine: Engine,
    private readonly sync: (key: string) => void,
    private readonly delayMs: Millis = 0,
  ) {}

  add(key: string): void {
    this.addAt(key, this.engine.now + this.delayMs);
  }

  addAfter(key: string, delayMs: Millis): void {
    this.addAt(key, this.engine.now + Math.max(delayMs, this.delayMs));
  }

  private addAt(key: string, time: Millis): void {
    const queued = this.pending.get(key);
    if (queued && queued.time <= time) return;
    queued?.cancel();
    this.pending.set(
      key,
      this.engine.at(time, () => {
        this.pending.delete(key);
        this.sync(key);
      }),
    );
  }
}
