import type { Engine, Millis, Timer } from '../engine/engine.js';
import { ControllerRateLimiter } from './rate-limiter.js';

/**
 * A controller's work queue (client-go's delaying workqueue, in simulated
 * time). `add(key)` syncs the key once, `delayMs` later (the API latency),
 * however often it is added meanwhile; keys due at the same instant sync in
 * the order they were added. `addAfter(key, d)` is AddAfter: a separate
 * waiting entry that adds the key when `d` has passed; a key waits at most
 * once, at its earliest time, and an `add` does not cancel it.
 * `addRateLimited(key)` is AddRateLimited: AddAfter the delay the default
 * controller rate limiter gives (ControllerRateLimiter); every sync ends
 * with Forget, as the controllers' handleErr does after a sync without error.
 */
export class WorkQueue {
  private readonly queued = new Map<string, Timer>();
  private readonly waiting = new Map<string, Timer>();
  private readonly limiter = new ControllerRateLimiter();

  constructor(
    private readonly engine: Engine,
    private readonly sync: (key: string) => void,
    private readonly delayMs: Millis = 0,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.set(
      key,
      this.engine.schedule(this.delayMs, () => {
        this.queued.delete(key);
        this.sync(key);
        this.limiter.forget(key);
      }),
    );
  }

  addRateLimited(key: string): void {
    this.addAfter(key, this.limiter.when(key, this.engine.now));
  }

  addAfter(key: string, delayMs: Millis): void {
    if (delayMs <= 0) return this.add(key);
    const time = this.engine.now + delayMs;
    const pending = this.waiting.get(key);
    if (pending && pending.time <= time) return;
    pending?.cancel();
    this.waiting.set(
      key,
      this.engine.at(time, () => {
        this.waiting.delete(key);
        this.add(key);
      }),
    );
  }
}
