import type { KubeEvent } from '../../api/event.js';
import type { Millis } from '../../model/meta.js';

/** An event, or several alike (same reason, object and message), as `kubectl get events` folds them. */
export interface FoldedEvent {
  readonly event: KubeEvent;
  readonly rank: number;
  readonly first: Millis;
  last: Millis;
  count: number;
}

/** Events that took a pod away or failed a Job: whatever their type, ahead of every Warning. */
const DISRUPTIONS: ReadonlySet<string> = new Set(['Evicted', 'Preempted', 'BackoffLimitExceeded', 'DeadlineExceeded', 'PodFailurePolicy', 'MaxFailedIndexesExceeded']);

/**
 * How much a reader of the summary needs an event, 0 most; undefined for
 * none. 0: disruptions (an eviction by the taint manager or kubelet, a
 * preemption, a Job failed); 1: other Warnings (FailedScheduling, BackOff,
 * Failed pulls...); 2: routine Warnings that follow from a fault already
 * shown elsewhere (a pod's `NodeNotReady`, one per pod of a lost node, whose
 * outage the NODE table shows).
 */
export function eventRank(e: KubeEvent): number | undefined {
  if (DISRUPTIONS.has(e.reason)) return 0;
  if (e.reason === 'TaintManagerEviction') return e.message.startsWith('Marking for deletion') ? 0 : undefined;
  if (e.type !== 'Warning') return undefined;
  return e.reason === 'NodeNotReady' && e.kind === 'Pod' ? 2 : 1;
}

/**
 * The last `keep` folded events of each rank, in constant memory: the events
 * table of the printed summary, most needed first (`shown`).
 */
export class NotableEvents {
  private readonly ranks: FoldedEvent[][] = [[], [], []];

  constructor(private readonly keep = 8) {}

  add(e: KubeEvent): void {
    const rank = eventRank(e);
    if (rank === undefined) return;
    const list = this.ranks[rank]!;
    const i = list.findIndex((f) => alike(f.event, e));
    if (i >= 0) {
      const [f] = list.splice(i, 1);
      f!.count++;
      f!.last = e.time;
      list.push(f!);
      return;
    }
    list.push({ event: e, rank, first: e.time, last: e.time, count: 1 });
    if (list.length > this.keep) list.shift();
  }

  /** Up to `keep` folded events: the latest of rank 0, then of rank 1, then 2; within a rank, by last occurrence. */
  shown(): FoldedEvent[] {
    const out: FoldedEvent[] = [];
    for (const list of this.ranks) out.push(...list.slice(Math.max(0, list.length - (this.keep - out.length))));
    return out;
  }
}

function alike(a: KubeEvent, b: KubeEvent): boolean {
  return a.reason === b.reason && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.message === b.message;
}
