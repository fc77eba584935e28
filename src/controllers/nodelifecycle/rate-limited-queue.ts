import type { Millis } from '../../model/meta.js';
import { NODE_EVICTION_PERIOD_MS } from './constants.js';

/**
 * flowcontrol.NewTokenBucketRateLimiter(qps, 1) in simulated time: one token,
 * refilled 1/qps seconds after it is taken. qps <= 0 is NewFakeNeverRateLimiter.
 */
class TokenBucket {
  /** When the bucket holds its token again (ms, not necessarily whole). */
  private availableAt = -Infinity;

  constructor(readonly qps: number) {}

  tryAccept(now: Millis): boolean {
    if (this.qps <= 0 || now < this.availableAt) return false;
    this.availableAt = now + 1000 / this.qps;
    return true;
  }

  /** When a token is next there; Infinity for a limiter that never accepts. */
  get nextAt(): Millis {
    return this.qps <= 0 ? Infinity : this.availableAt;
  }
}

/**
 * scheduler.RateLimitedTimedQueue, as the node lifecycle controller uses it
 * for NoExecute tainting: a FIFO of node names over a UniqueQueue (a name
 * stays a member after it is processed, so it is not queued again until
 * `remove`), drained by `tryAll` while the rate limiter accepts. Queued
 * names keep their order (upstream re-adds untainted nodes on every monitor
 * run with a fresh time, which podsim, running no idle monitor runs, does not).
 */
export class RateLimitedTimedQueue {
  private queue: string[] = [];
  private readonly members = new Set<string>();
  private limiter: TokenBucket;

  constructor(qps: number) {
    this.limiter = new TokenBucket(qps);
  }

  get length(): number {
    return this.queue.length;
  }

  get qps(): number {
    return this.limiter.qps;
  }

  /** UniqueQueue.Add: false when the name is already a member. */
  add(name: string): boolean {
    if (this.members.has(name)) return false;
    this.members.add(name);
    this.queue.push(name);
    return true;
  }

  /** UniqueQueue.Remove: drops the name from the queue and the member set. */
  remove(name: string): boolean {
    if (!this.members.delete(name)) return false;
    this.queue = this.queue.filter((n) => n !== name);
    return true;
  }

  /**
   * SwapLimiter: a new bucket for a new rate; when the old one has no token
   * now, the new one starts empty too (upstream drains it).
   */
  swapLimiter(qps: number, now: Millis): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps);
    if (qps > 0 && !this.limiter.tryAccept(now)) next.tryAccept(now);
    this.limiter = next;
  }

  /**
   * Try: processes queued names in order while the limiter accepts (a token
   * is spent on each, even one `process` finds nothing to do for). Returns
   * the next tainting pass (on the NodeEvictionPeriod grid) at which a token
   * will be there, or undefined when the queue is empty or never drains.
   */
  tryAll(now: Millis, process: (name: string) => void): Millis | undefined {
    while (this.queue.length > 0) {
      if (!this.limiter.tryAccept(now)) return nextPass(this.limiter.nextAt);
      const name = this.queue.shift() as string;
      process(name);
    }
    return undefined;
  }
}

function nextPass(tokenAt: Millis): Millis | undefined {
  if (!Number.isFinite(tokenAt)) return undefined;
  return Math.ceil(tokenAt / NODE_EVICTION_PERIOD_MS - 1e-9) * NODE_EVICTION_PERIOD_MS;
}
