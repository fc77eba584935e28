import type { Engine, Timer } from '../engine/engine.js';
import type { Millis } from '../model/meta.js';
import type { PodStatus } from '../model/pod.js';
import { terminatePodStatuses } from './terminate-pod.js';

/*
 * A pod's spec.activeDeadlineSeconds, as the kubelet's activeDeadlineHandler
 * enforces it (pkg/kubelet/active_deadline.go; wired in kubelet.go as a
 * PodSyncLoopHandler and a PodSyncHandler):
 *
 * - pastActiveDeadline: the pod has a deadline and a status.startTime (set
 *   when the kubelet admits the pod, before any image pull) and
 *   now - startTime >= activeDeadlineSeconds.
 * - ShouldSync makes the sync loop sync such a pod; ShouldEvict, asked by
 *   every generateAPIPodStatus, records a Normal `DeadlineExceeded` event and
 *   turns the status Failed with this reason and message.
 * - SyncPod then finds the status terminal: no more starts; the pod worker
 *   runs SyncTerminatingPod, whose killPod stops the running containers with
 *   the pod's terminationGracePeriodSeconds (no override).
 * - The status manager holds a terminal phase back, with its reason and
 *   message, while a container may still run (mergePodStatus): the API sees
 *   Failed once the last container has stopped.
 *
 * Upstream notices the deadline at the sync loop's next 1 s tick; podsim at
 * the instant itself (kubelet reactions take no simulated time). A sync runs
 * only once the one under way returns (a SyncPod pulling an image is not
 * interrupted), so a deadline falling during a start sequence is acted on when
 * that sequence ends.
 */

/** active_deadline.go's reason, verbatim: the pod's status.reason and the event's reason. */
export const DEADLINE_EXCEEDED = 'DeadlineExceeded';

/** active_deadline.go's message, verbatim: the pod's status.message and the event's message. */
export const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/**
 * What a status the kubelet computes now shows: `none` (no deadline, not yet
 * due, or not the worker's to apply); `held` (ShouldEvict says Failed, but a
 * container still runs or the kubelet has not acted yet: the API keeps its
 * phase, and the kubelet's conditions are those of a Failed pod); `failed`
 * (the kubelet acted and nothing runs: Failed, DeadlineExceeded).
 */
export type DeadlineVerdict = 'none' | 'held' | 'failed';

/** One pod's active deadline: its timer, and whether the kubelet has acted on it. */
export class ActiveDeadline {
  private acted = false;
  private timer: Timer | undefined;

  /**
   * `seconds` is the pod's activeDeadlineSeconds (undefined: no deadline, and
   * every method is a no-op); `host.sync` runs at the deadline (the sync that
   * ShouldSync asks for).
   */
  constructor(
    private readonly seconds: number | undefined,
    private readonly engine: Engine,
    private readonly host: { sync(): void },
  ) {}

  /** The kubelet has acted on the deadline (event recorded, kills begun); never reset. */
  get exceeded(): boolean {
    return this.acted;
  }

  /** The kubelet acts on the deadline: marks it so and cancels the timer; false if it already had, or there is none. */
  markExceeded(): boolean {
    if (this.acted || this.seconds === undefined) return false;
    this.acted = true;
    this.disarm();
    return true;
  }

  /** pastActiveDeadline: a deadline and a start time, and now >= startTime + deadline. */
  past(startTime: Millis | undefined): boolean {
    const at = this.at(startTime);
    return at !== undefined && this.engine.now >= at;
  }

  /** Schedules `host.sync` at the deadline, or now if it has passed; replaces an earlier arming. */
  arm(startTime: Millis | undefined): void {
    this.disarm();
    const at = this.at(startTime);
    if (at !== undefined) this.timer = this.engine.at(Math.max(at, this.engine.now), () => this.host.sync());
  }

  /** Cancels the pending sync, if any (the pod ended, is being deleted, or its node went down). */
  disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /**
   * The verdict for a status computed now (see DeadlineVerdict). `applies`:
   * the worker still runs the pod as its own (not being deleted) - a pod whose
   * deletion began first is left to the deletion.
   */
  verdict(startTime: Millis | undefined, applies: boolean, anyRunning: boolean): DeadlineVerdict {
    if (!this.acted && !(applies && this.past(startTime))) return 'none';
    return this.acted && !anyRunning ? 'failed' : 'held';
  }

  private at(startTime: Millis | undefined): Millis | undefined {
    if (this.seconds === undefined || startTime === undefined) return undefined;
    return startTime + this.seconds * 1000;
  }
}

/** The deadline of every pod without activeDeadlineSeconds: it never arms, acts or fails, so one serves them all. */
const NO_DEADLINE = new ActiveDeadline(undefined, undefined as unknown as Engine, { sync: () => {} });

/** The pod's ActiveDeadline: its own when it has activeDeadlineSeconds, else the shared one that never acts. */
export function activeDeadline(seconds: number | undefined, engine: Engine, host: { sync(): void }): ActiveDeadline {
  return seconds === undefined ? NO_DEADLINE : new ActiveDeadline(seconds, engine, host);
}

/**
 * The status of a pod the deadline ended, once no container runs: the
 * container statuses as TerminatePod leaves them (terminate-pod.ts), and
 * status.reason and status.message from ShouldEvict.
 */
export function failPastDeadline(status: PodStatus, hasInitContainers: boolean, now: Millis): void {
  terminatePodStatuses(hasInitContainers, status.initContainerStatuses, status.containerStatuses, now);
  status.reason = DEADLINE_EXCEEDED;
  status.message = DEADLINE_MESSAGE;
}
