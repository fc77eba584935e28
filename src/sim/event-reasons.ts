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
    const key = `${e.kind} ${e.reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The `n` most frequent, `Pod BackOff (41%)`; ties in first-seen order. */
  top(n: number): string[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([reason, count]) => `${reason} (${Math.round((100 * count) / this.total)}%)`);
  }

  /**
   * What kept a run of `eventsProcessed` events busy, as a sentence: the 3
   * most frequent Kubernetes events, unless most of the events processed
   * recorded none (a controller re-queuing a workload, timers): then that,
   * without naming Kubernetes events that only happened alongside.
   */
  busiest(eventsProcessed: number): string {
    if (2 * this.total < eventsProcessed) {
      return `Only ${this.total} of the ${eventsProcessed} events processed recorded a Kubernetes event: most were the components' own work, such as a controller re-queuing a workload.`;
    }
    const top = this.top(3);
    return top.length === 0 ? '' : `The most frequent events: ${top.join(', ')}.`;
  }
}
