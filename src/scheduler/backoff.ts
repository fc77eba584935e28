import type { Millis } from '../model/meta.js';

/**
 * The scheduling queue's timing rules (pkg/scheduler/backend/queue), as pure
 * functions of simulated time. Upstream runs two periodic flushes: backoffQ
 * every 1 s on whole-second boundaries (waitUntilAlignedWithOrderingWindow)
 * and unschedulablePods every 30 s from scheduler start (wait.Until). podsim
 * never ticks: it computes the one tick at which a flush would first move a
 * given pod, and sets a timer only while some pod waits.
 */
export interface QueueTiming {
  /** podInitialBackoffSeconds: 1 s. */
  readonly podInitialBackoffMs: Millis;
  /** podMaxBackoffSeconds: 10 s; 0 disables backoff. */
  readonly podMaxBackoffMs: Millis;
  /** DefaultPodMaxInUnschedulablePodsDuration: 5 min. */
  readonly podMaxInUnschedulablePodsMs: Millis;
}

export const DEFAULT_QUEUE_TIMING: QueueTiming = {
  podInitialBackoffMs: 1_000,
  podMaxBackoffMs: 10_000,
  podMaxInUnschedulablePodsMs: 5 * 60_000,
};

/** backoffQOrderingWindowDuration, also the backoffQ flush period (SchedulerPopFromBackoffQ, on since v1.33). */
export const BACKOFF_ORDERING_WINDOW_MS = 1_000;
/** The period of flushUnschedulablePodsLeftover. */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

/** calculateBackoffDuration: initial << (count-1), capped at max; 0 for a pod never rejected. */
export function backoffDuration(count: number, timing: QueueTiming): Millis {
  if (count <= 0) return 0;
  const shift = count - 1;
  if (shift >= 31 || timing.podInitialBackoffMs > Math.floor(timing.podMaxBackoffMs / 2 ** shift)) {
    return timing.podMaxBackoffMs;
  }
  return timing.podInitialBackoffMs * 2 ** shift;
}

/** Truncates to the backoff ordering window (a whole second). */
export function alignToWindow(t: Millis): Millis {
  return Math.floor(t / BACKOFF_ORDERING_WINDOW_MS) * BACKOFF_ORDERING_WINDOW_MS;
}

/**
 * getBackoffTime: when the pod's backoff ends, aligned down to its window;
 * undefined when it has none (never rejected, or backoff disabled). The count
 * is consecutive errors if the last attempt errored, else unschedulable attempts.
 */
export function backoffExpiration(
  info: { readonly timestamp: Millis; readonly unschedulableCount: number; readonly consecutiveErrorsCount: number },
  timing: QueueTiming,
): Millis | undefined {
  if (timing.podMaxBackoffMs === 0) return undefined;
  const count = info.consecutiveErrorsCount > 0 ? info.consecutiveErrorsCount : info.unschedulableCount;
  if (count === 0) return undefined;
  return alignToWindow(info.timestamp + backoffDuration(count, timing));
}

/** isPodBackingoff: a pod is still backing off while its expiry is not before the current window. */
export function isBackingOff(expiration: Millis | undefined, now: Millis): boolean {
  return expiration !== undefined && !(expiration < alignToWindow(now));
}

/** The first backoffQ flush tick (a whole second) at which the pod has completed backoff. */
export function backoffFlushAt(expiration: Millis): Millis {
  return alignToWindow(expiration) + BACKOFF_ORDERING_WINDOW_MS;
}

/**
 * The first 30-s leftover flush (ticks at start + k·30 s) that finds the pod
 * in unschedulablePods for strictly longer than podMaxInUnschedulablePods.
 */
export function leftoverFlushAt(timestamp: Millis, start: Millis, timing: QueueTiming): Millis {
  const due = timestamp + timing.podMaxInUnschedulablePodsMs;
  const k = Math.floor((due - start) / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1;
  return start + Math.max(0, k) * UNSCHEDULABLE_FLUSH_PERIOD_MS;
}
