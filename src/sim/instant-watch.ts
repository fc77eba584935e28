import type { KubeEvent } from '../api/event.js';
import type { Millis } from '../model/meta.js';
import { EventReasons } from './event-reasons.js';

/**
 * How many engine events one simulated instant may take before the run loop
 * stops the run as stuck: INSTANT_EVENTS_FLOOR, plus INSTANT_EVENTS_PER_OBJECT
 * for each pod and node the API holds, at most INSTANT_EVENTS_CAP. Real
 * instants are far below: the busiest of the shipped scenarios, the
 * million-pod shape's t = 0 (scenarios/scale/million-10000.yml: 300,000
 * replicas and 10,000 nodes created), takes 302,308 events for 311,000
 * objects, about 1 per object, and the cap is 16 times that. An instant
 * that keeps recreating what it deletes (a ReplicaSet replacing at once the
 * pods a NoExecute taint evicts at once) holds few objects at a time, so it
 * is stopped after some twenty thousand events, within a second or two and
 * some ten MB, instead of filling memory (such a loop costs about 500 bytes
 * of trace per event).
 */
export const INSTANT_EVENTS_FLOOR = 20_000;
export const INSTANT_EVENTS_PER_OBJECT = 100;
export const INSTANT_EVENTS_CAP = 5_000_000;
/** Events between two looks at the limit (the object count is read only then). */
const LOOK_EVERY = 2_000;

/**
 * Counts the engine events fired at the current simulated instant (the run
 * loop calls `stepped` after each). Once an instant passes half the floor it
 * also tallies the Kubernetes events recorded there (a watcher), to say what
 * kept it busy; before that it counts nothing but events.
 */
export class InstantWatch {
  private at: Millis = -1;
  private count = 0;
  private reasons: EventReasons | undefined;

  /**
   * @param objects the pods and nodes the API holds now.
   * @param fixedLimit a limit that replaces the rule above (tests).
   */
  constructor(
    private readonly objects: () => number,
    private readonly fixedLimit?: number,
  ) {}

  /** After an engine event fired at `now`: true once this one instant has taken more events than it may. */
  stepped(now: Millis): boolean {
    if (now !== this.at) {
      this.at = now;
      this.count = 0;
      this.reasons = undefined;
    }
    const n = ++this.count;
    if (this.fixedLimit !== undefined) {
      if (n === Math.ceil(this.fixedLimit / 2)) this.reasons = new EventReasons();
      return n >= this.fixedLimit;
    }
    if (n % LOOK_EVERY !== 0 || n < INSTANT_EVENTS_FLOOR / 2) return false;
    this.reasons ??= new EventReasons();
    return n >= Math.min(INSTANT_EVENTS_CAP, INSTANT_EVENTS_FLOOR + INSTANT_EVENTS_PER_OBJECT * this.objects());
  }

  eventRecorded(e: KubeEvent): void {
    this.reasons?.eventRecorded(e);
  }

  /** Why the run stopped, for RunResult.reason: the instant, its count, and what was recorded there most. */
  reason(): string {
    const secs = (this.at / 1000).toFixed(3);
    const top = this.reasons?.top(3) ?? [];
    const what = top.length > 0 ? `the most frequent Kubernetes events there: ${top.join(', ')}` : 'none of them recorded a Kubernetes event';
    return `simulated time stopped advancing at t=${secs}s: ${this.count} events fired at that one instant (${what})`;
  }
}
