import type { Millis } from '../../model/meta.js';

interface Entry {
  backoff: Millis;
  lastUpdate: Millis;
}

/** `BackoffGCInterval`: how often stale entries are dropped. */
const GC_INTERVAL_MS = 60_000;

/**
 * client-go's flowcontrol.Backoff in simulated time: per key, a delay that
 * starts at `initialMs` and doubles at each `next` up to `maxMs`. An entry
 * not updated for more than 2 x maxMs has expired: it counts as absent and
 * the next `next` starts over at `initialMs`.
 */
export class Backoff {
  private readonly entries = new Map<string, Entry>();
  private lastGc: Millis = 0;

  constructor(
    private readonly initialMs: Millis,
    private readonly maxMs: Millis,
  ) {}

  /** Get: the current delay of `id`, 0 when it has none. */
  get(id: string): Millis {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Next: move `id` to its next delay (or the initial one), stamped `now`. */
  next(id: string, now: Millis): void {
    const entry = this.entries.get(id);
    if (!entry || this.expired(entry, now)) this.entries.set(id, { backoff: this.initialMs, lastUpdate: now });
    else {
      entry.backoff = Math.min(entry.backoff * 2, this.maxMs);
      entry.lastUpdate = now;
    }
    if (now - this.lastGc >= GC_INTERVAL_MS) this.gc(now);
  }

  /** IsInBackOffSinceUpdate: less than the delay has passed since the last `next`. */
  isInBackOffSinceUpdate(id: string, now: Millis): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.expired(entry, now)) return false;
    return now - entry.lastUpdate < entry.backoff;
  }

  /** Drops every key starting with `prefix` (an object that is gone). */
  deletePrefix(prefix: string): void {
    for (const id of [...this.entries.keys()]) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** GC: drops the entries not updated for more than 2 x maxMs. */
  private gc(now: Millis): void {
    this.lastGc = now;
    for (const [id, entry] of [...this.entries]) if (now - entry.lastUpdate > 2 * this.maxMs) this.entries.delete(id);
  }

  private expired(entry: Entry, now: Millis): boolean {
    return now - entry.lastUpdate > 2 * this.maxMs;
  }
}
