import type { Millis } from '../engine/engine.js';

/** ItemExponentialFailureRateLimiter's base and cap in DefaultTypedControllerRateLimiter. */
export const ITEM_BASE_DELAY_MS = 5;
export const ITEM_MAX_DELAY_MS = 1000 * 1000;
/** The overall token bucket of DefaultTypedControllerRateLimiter: 10 per second, bursts of 100. */
export const BUCKET_QPS = 10;
export const BUCKET_BURST = 100;

/**
 * client-go's DefaultTypedControllerRateLimiter
 * (k8s.io/client-go/util/workqueue/default_rate_limiters.go), in simulated
 * time: the longer of a per-key exponential back-off (5 ms, doubling with
 * each `when` since the key was last `forget`-ed, at most 1000 s) and the
 * wait for a token of one bucket all keys share (golang.org/x/time/rate:
 * 10 tokens a second, 100 at most; a reservation may drive it below 0 and is
 * then served when the bucket has refilled to it).
 */
export class ControllerRateLimiter {
  private readonly failures = new Map<string, number>();
  private tokens = BUCKET_BURST;
  private last: Millis = 0;

  /** The delay before `key` may be processed again, as of `now`; counts one more failure of it. */
  when(key: string, now: Millis): Millis {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const item = Math.min(ITEM_BASE_DELAY_MS * 2 ** n, ITEM_MAX_DELAY_MS);
    this.tokens = Math.min(BUCKET_BURST, this.tokens + ((now - this.last) * BUCKET_QPS) / 1000);
    this.last = now;
    this.tokens -= 1;
    const bucket = this.tokens < 0 ? Math.ceil((-this.tokens * 1000) / BUCKET_QPS) : 0;
    return Math.max(item, bucket);
  }

  /** The key was processed successfully: its back-off starts again from the base. */
  forget(key: string): void {
    this.failures.delete(key);
  }
}
