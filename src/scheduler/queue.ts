import type { Millis } from '../model/meta.js';
import type { Pod } from '../model/pod.js';
import {
  DEFAULT_QUEUE_TIMING,
  backoffExpiration,
  backoffFlushAt,
  isBackingOff,
  type QueueTiming,
} from './backoff.js';
import {
  EVENT_UNSCHEDULABLE_TIMEOUT,
  isWildCard,
  matchesEvent,
  type ClusterEvent,
  type EventObjects,
  type HintRegistration,
} from './events.js';
import { PodHeap } from './pod-heap.js';
import { hintForInFlight, worthRequeuing, type RecordedEvent, type Strategy } from './requeue.js';
import { NO_PLUGINS, newQueuedPodInfo, prioritySortLess, type QueueLocation, type QueuedPodInfo } from './queued-pod.js';
import { UnschedulablePods } from './unschedulable-pods.js';

const NO_EVENTS: readonly RecordedEvent[] = [];

/**
 * kube-scheduler's PriorityQueue (backend/queue/scheduling_queue.go) as of
 * v1.35, with QueueingHints (GA) and SchedulerPopFromBackoffQ (beta, on):
 *
 * - activeQ: ordered by PrioritySort (priority, then timestamp).
 * - backoffQ: pods an event made worth retrying while still backing off,
 *   ordered by backoff expiry (aligned to 1 s) then as activeQ. When activeQ
 *   is empty, pop takes from here without waiting for the backoff to end.
 * - errorBackoffQ: pods whose attempt errored (e.g. no nodes); only the 1-s
 *   flush moves them, once their backoff is over.
 * - unschedulablePods: rejected pods, moved by cluster events whose hint says
 *   Queue, or by the 5-minute leftover flush.
 *
 * Only one pod is in flight at a time; events seen while it is are replayed
 * when it comes back (determineSchedulingHintForInFlightPod).
 */
export class SchedulingQueue {
  private readonly active = new PodHeap('active', prioritySortLess);
  private readonly backoff = new PodHeap('backoff', prioritySortLess);
  private readonly errorBackoff = new PodHeap('errorBackoff', (a, b) => a.seq - b.seq);
  /** Insertion order is timestamp order: a pod is re-inserted whenever its timestamp changes. */
  private readonly unschedulable = new UnschedulablePods();
  private readonly byPod = new Map<Pod, QueuedPodInfo>();
  /** Pods in activeQ or backoffQ (what hasPoppable reads), kept by place(). */
  private poppable = 0;
  /** waitingVersion's count. */
  private waitingChanges = 0;
  /** The pod popped and not yet done or back (at most one). */
  private inFlight: QueuedPodInfo | undefined;
  /** Events seen while the in-flight pod was out; a fresh list for each pop that follows some. */
  private inFlightEvents: RecordedEvent[] = [];
  private nextSeq = 0;

  private readonly allHints: readonly HintRegistration[];
  /** By event resource and action type: the plugins (of any profile) registered for it. */
  private readonly interested = new Map<string, ReadonlySet<string>>();

  /** `hints`: each profile's QueueingHint map, by schedulerName. */
  constructor(
    private readonly hints: ReadonlyMap<string, readonly HintRegistration[]>,
    readonly timing: QueueTiming = DEFAULT_QUEUE_TIMING,
  ) {
    this.allHints = [...hints.values()].flat();
  }

  /** Pods a pop would return now (activeQ, or backoffQ when activeQ is empty). */
  get hasPoppable(): boolean {
    return this.poppable > 0;
  }

  /**
   * Bumped whenever a pod enters or leaves a backoff heap or unschedulablePods:
   * while it stands, nextBackoffFlush and oldestUnschedulableTimestamp answer
   * as before.
   */
  get waitingVersion(): number {
    return this.waitingChanges;
  }

  /** Whether a cluster event can matter now: some pod waits in unschedulablePods, or one is in flight. */
  get hearsEvents(): boolean {
    return this.unschedulable.size > 0 || this.inFlight !== undefined;
  }

  has(pod: Pod): boolean {
    return this.byPod.has(pod);
  }

  info(pod: Pod): QueuedPodInfo | undefined {
    return this.byPod.get(pod);
  }

  /** Where each pod is; for tests and explain. */
  location(pod: Pod): QueueLocation {
    return this.byPod.get(pod)?.location ?? 'gone';
  }

  /** A new unscheduled pod goes straight to activeQ, unless a PreEnqueue plugin holds it (`gated`). */
  add(pod: Pod, now: Millis, gated = false): void {
    if (this.byPod.has(pod)) return;
    const info = newQueuedPodInfo(pod, now, this.nextSeq++);
    this.byPod.set(pod, info);
    if (gated) this.place(info, 'gated');
    else this.toActive(info, now);
  }

  /** A gated pod that PreEnqueue now lets in goes to activeQ, with the timestamp it was added with. Returns whether it moved. */
  ungate(pod: Pod, now: Millis): boolean {
    const info = this.byPod.get(pod);
    if (info?.location !== 'gated') return false;
    this.toActive(info, now);
    return true;
  }

  /** Forgets a pod (deleted, or bound by someone else). */
  delete(pod: Pod): void {
    const info = this.byPod.get(pod);
    if (!info) return;
    this.byPod.delete(pod);
    if (info.location === 'unschedulable') this.unschedulable.delete(info);
    this.place(info, 'gone');
  }

  /** The next pod to schedule, now in flight; undefined when nothing is poppable. */
  pop(): QueuedPodInfo | undefined {
    const info = this.active.pop() ?? this.backoff.pop();
    if (!info) return undefined;
    this.place(info, 'inFlight');
    info.attempts++;
    this.inFlight = info;
    if (this.inFlightEvents.length > 0) this.inFlightEvents = [];
    return info;
  }

  /**
   * Done: the in-flight pod's attempt is over without a requeue. It stays
   * listed until the event that ends it reaches the queue (delete): its
   * binding (podBound), or its removal.
   */
  done(info: QueuedPodInfo): void {
    if (this.inFlight === info) this.inFlight = undefined;
  }

  /**
   * AddUnschedulablePodIfNotPresent: the in-flight pod failed. `rejectors`
   * are the plugins that rejected it; none means the attempt errored.
   * Returns where the pod went.
   */
  addUnschedulable(info: QueuedPodInfo, rejectors: { unschedulable: ReadonlySet<string>; pending: ReadonlySet<string> }, now: Millis): QueueLocation {
    const events = this.inFlight === info ? this.inFlightEvents : NO_EVENTS;
    if (this.inFlight === info) this.inFlight = undefined;
    if (info.location === 'gone') return 'gone';
    info.unschedulablePlugins = rejectors.unschedulable.size > 0 ? new Set(rejectors.unschedulable) : NO_PLUGINS;
    info.pendingPlugins = rejectors.pending.size > 0 ? new Set(rejectors.pending) : NO_PLUGINS;
    if (info.unschedulablePlugins.size === 0 && info.pendingPlugins.size === 0) {
      info.consecutiveErrorsCount++;
    } else {
      info.unschedulableCount++;
      info.consecutiveErrorsCount = 0;
    }
    info.timestamp = now;
    info.seq = this.nextSeq++;
    this.requeue(info, hintForInFlight(info, events, this.hintsFor(info)), now);
    return info.location;
  }

  /**
   * MoveAllToActiveOrBackoffQueue: offers a cluster event to every pod in
   * unschedulablePods, in the order they got there. Returns whether any moved.
   * Only pods rejected by a plugin registered for the event are looked at:
   * isPodWorthRequeuing skips the others without asking a hint.
   */
  moveAllOnEvent(event: ClusterEvent, objects: EventObjects, now: Millis): boolean {
    if (!this.hearsEvents) return false;
    const wildcard = isWildCard(event);
    const plugins = wildcard ? undefined : this.pluginsFor(event);
    if (plugins !== undefined && plugins.size === 0) return false;
    const moved = this.movePods(this.unschedulable.candidates(plugins), event, objects, now);
    if (this.inFlight !== undefined) this.inFlightEvents.push({ event, objects });
    return moved;
  }

  /** flushBackoffQCompleted: moves every pod whose backoff is over to activeQ. */
  flushBackoffCompleted(now: Millis): void {
    for (const heap of [this.backoff, this.errorBackoff]) {
      for (let top = heap.peek(); top && !isBackingOff(top.key, now); top = heap.peek()) {
        heap.pop();
        this.toActive(top.info, now);
      }
    }
  }

  /** The next whole-second flush that will move some backing-off pod, if any waits. */
  nextBackoffFlush(): Millis | undefined {
    const a = this.backoff.peek();
    const b = this.errorBackoff.peek();
    if (a === undefined) return b && backoffFlushAt(b.key);
    if (b === undefined) return backoffFlushAt(a.key);
    return Math.min(backoffFlushAt(a.key), backoffFlushAt(b.key));
  }

  /**
   * flushUnschedulablePodsLeftover: pods in unschedulablePods for strictly
   * longer than podMaxInUnschedulablePods move (wildcard event).
   */
  flushUnschedulableLeftover(now: Millis): void {
    const due: QueuedPodInfo[] = [];
    for (const info of this.unschedulable.values()) {
      if (now - info.timestamp <= this.timing.podMaxInUnschedulablePodsMs) break;
      due.push(info);
    }
    if (due.length > 0) this.movePods(due, EVENT_UNSCHEDULABLE_TIMEOUT, { kind: 'None' }, now);
  }

  /** When the longest-waiting pod entered unschedulablePods. */
  oldestUnschedulableTimestamp(): Millis | undefined {
    if (this.unschedulable.size === 0) return undefined;
    for (const info of this.unschedulable.values()) return info.timestamp;
    return undefined;
  }

  private movePods(infos: readonly QueuedPodInfo[], event: ClusterEvent, objects: EventObjects, now: Millis): boolean {
    let moved = false;
    for (const info of infos) {
      const strategy = worthRequeuing(info, event, objects, this.hintsFor(info));
      if (strategy === 'skip') continue;
      this.unschedulable.delete(info);
      this.requeue(info, strategy, now);
      moved = true;
    }
    return moved;
  }

  /** requeuePodViaQueueingHint. */
  private requeue(info: QueuedPodInfo, strategy: Strategy, now: Millis): void {
    if (strategy === 'skip') {
      this.place(info, 'unschedulable');
      this.unschedulable.add(info);
      return;
    }
    const expiration = backoffExpiration(info, this.timing);
    if (strategy === 'afterBackoff' && isBackingOff(expiration, now) && expiration !== undefined) {
      const errored = info.unschedulablePlugins.size === 0 && info.pendingPlugins.size === 0;
      const heap = errored ? this.errorBackoff : this.backoff;
      this.place(info, heap.location);
      heap.push(info, expiration);
      return;
    }
    this.toActive(info, now);
  }

  private toActive(info: QueuedPodInfo, now: Millis): void {
    if (info.initialAttemptTimestamp === undefined) info.initialAttemptTimestamp = now;
    this.place(info, 'active');
    this.active.push(info);
  }

  private place(info: QueuedPodInfo, to: QueueLocation): void {
    if (isPoppable(info.location)) this.poppable--;
    if (isPoppable(to)) this.poppable++;
    if (isWaiting(info.location) || isWaiting(to)) this.waitingChanges++;
    info.location = to;
    info.generation++;
  }

  /** The plugins with a registration matching the event (isEventOfInterest: none, no pod moves). */
  private pluginsFor(event: ClusterEvent): ReadonlySet<string> {
    const key = `${event.resource}|${event.actionType}`;
    let plugins = this.interested.get(key);
    if (plugins === undefined) {
      plugins = new Set(this.allHints.filter((h) => matchesEvent(h.registration.event, event)).map((h) => h.plugin));
      this.interested.set(key, plugins);
    }
    return plugins;
  }

  private hintsFor(info: QueuedPodInfo): readonly HintRegistration[] {
    return this.hints.get(info.pod.spec.schedulerName) ?? [];
  }
}

/** The queues the scheduler's flush timers serve: both backoff heaps and unschedulablePods. */
function isWaiting(location: QueueLocation): boolean {
  return location === 'backoff' || location === 'errorBackoff' || location === 'unschedulable';
}

/** activeQ and backoffQ: the queues pop takes from. */
function isPoppable(location: QueueLocation): boolean {
  return location === 'active' || location === 'backoff';
}
