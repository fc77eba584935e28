import type { KubeEvent } from '../api/event.js';

/**
 * Counts Kubernetes events by kind and reason (a watcher), so that a run
 * stopped by --max-events can say what kept it busy.
 */
export class EventReasons {
  private readonly counts = new Map<string, number>();
  private total = 0;

  eventRecorded(e: KubeEvent): void {
    this.total++;
    this.counts.set(`${e.kind} ${e.reason}`, (this.counts.get(`${e.kind} ${e.reason}`) ?? 0) + 1);
  }

  /** The `n` most frequent, `Pod BackOff (41%)`; ties in first-seen order. */
  top(n: number): string[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([reason, count]) => `${reason} (${Math.round((100 * count) / this.total)}%)`);
  }
}
