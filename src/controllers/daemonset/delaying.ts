import type { Engine, Millis, Timer } from '../../engine/engine.js';
import type { WorkQueue } from '../workqueue.js';

/**
 * client-go's delaying queue in front of a WorkQueue: `addAfter` waits, then
 * adds the key. Waiting entries are kept per key, the earliest winning, and
 * an `add` meanwhile does not cancel one (WorkQueue.addAfter would). The key
 * syncs `delayMs` from now, or after the API latency when that is longer.
 */
export class DelayingAdds {
  private readonly waiting = new Map<string, Timer>();

  constructor(
    private readonly engine: Engine,
    private readonly queue: WorkQueue,
    private readonly latencyMs: Millis,
  ) {}

  addAfter(key: string, delayMs: Millis): void {
    const at = this.engine.now + Math.max(delayMs - this.latencyMs, 0);
    const timer = this.waiting.get(key);
    if (timer && timer.time <= at) return;
    timer?.cancel();
    this.waiting.set(
      key,
      this.engine.at(at, () => {
        this.waiting.delete(key);
        this.queue.add(key);
      }),
    );
  }
}
