import type { Millis } from '../model/meta.js';

/**
 * A value that changes over time, read as the largest value in effect at any
 * moment of the last `windowMs` (inclusive): a controller that acts on what
 * it saw up to `windowMs` ago (the API latency) stays within that bound. With
 * a window of 0, a value changed at this instant still allows the old one
 * until the instant ends. Keeps only the entries that can still matter.
 */
export class RecentMax {
  /** (since, value), oldest first; the last one is in effect now. */
  private entries: { since: Millis; value: number }[] = [];

  constructor(private readonly windowMs: Millis) {}

  set(value: number, now: Millis): void {
    const last = this.entries[this.entries.length - 1];
    if (last?.value === value) return;
    this.entries.push({ since: now, value });
    this.prune(now);
  }

  get(now: Millis): number {
    this.prune(now);
    let max = -Infinity;
    for (const e of this.entries) max = Math.max(max, e.value);
    return max;
  }

  /** Drops entries replaced before the window began. */
  private prune(now: Millis): void {
    const from = now - this.windowMs;
    let keep = 0;
    while (keep + 1 < this.entries.length && this.entries[keep + 1]!.since < from) keep++;
    if (keep > 0) this.entries = this.entries.slice(keep);
  }
}
