import type { Millis } from '../model/meta.js';

interface Entry {
  backoff: Millis;
  lastUpdate: Millis;
}

/**
 * Per-key exponential back-off, as client-go's `flowcontrol.Backoff`
 * (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go) with no jitter,
 * which is how the kubelet builds its crash-loop and image-pull back-offs.
 * An entry expires when an event comes more than `expireAfter` after its last
 * update (upstream: 2 × max); the next `next` then starts again at `initial`.
 * Keys are looked up, never iterated, so Map order cannot leak into results.
 */
export class Backoff {
  /** Made at the first `next`: most back-offs (one per node per kind) never hold an entry. */
  private entries: Map<string, Entry> | undefined;

  constructor(
    readonly initial: Millis,
    readonly max: Millis,
    readonly expireAfter: Millis = 2 * max,
  ) {}

  /** The current back-off of `key`, 0 when it has none. */
  get(key: string): Millis {
    return this.entries?.get(key)?.backoff ?? 0;
  }

  /** Moves `key` to its next back-off (initial, or doubled up to max), updated at `now`. */
  next(key: string, eventTime: Millis, now: Millis): void {
    const entry = this.entries?.get(key);
    if (!entry || this.hasExpired(eventTime, entry)) {
      (this.entries ??= new Map()).set(key, { backoff: this.initial, lastUpdate: now });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.max);
    entry.lastUpdate = now;
  }

  /** True while less than the back-off has passed since `eventTime` (crash loops: since finishedAt). */
  isInBackOffSince(key: string, eventTime: Millis, now: Millis): boolean {
    const entry = this.entries?.get(key);
    if (!entry || this.hasExpired(eventTime, entry)) return false;
    return now - eventTime < entry.backoff;
  }

  /** True while less than the back-off has passed since the last update (image pulls: since the last failure). */
  isInBackOffSinceUpdate(key: string, now: Millis): boolean {
    const entry = this.entries?.get(key);
    if (!entry || this.hasExpired(now, entry)) return false;
    return now - entry.lastUpdate < entry.backoff;
  }

  /** When the back-off since the last update ends (undefined without an entry). */
  expiresAt(key: string): Millis | undefined {
    const entry = this.entries?.get(key);
    return entry ? entry.lastUpdate + entry.backoff : undefined;
  }

  delete(key: string): void {
    this.entries?.delete(key);
  }

  private hasExpired(eventTime: Millis, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > this.expireAfter;
  }
}
