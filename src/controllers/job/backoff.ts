import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import type { Backoff } from '../../model/scenario.js';

/**
 * The pod failure back-off of one Job (backoffRecord in
 * pkg/controller/job/backoff_utils.go): failures since the last success and
 * when the latest of them finished. A replacement pod waits
 * `initial x 2^(failures-1)` (capped at `max`) from that finish.
 */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureTime?: Millis;
}

export const NO_BACKOFF: BackoffRecord = { failuresAfterLastSuccess: 0 };

/**
 * newBackoffRecord: the record after this sync newly counted `succeeded` and
 * `failed` pods. A success resets the count to the failures that finished
 * strictly after the latest success.
 */
export function nextBackoffRecord(old: BackoffRecord, succeeded: readonly Pod[], failed: readonly Pod[]): BackoffRecord {
  const failTimes = failed.map(finishedTime).sort((a, b) => a - b);
  if (succeeded.length === 0) {
    const last = failTimes[failTimes.length - 1];
    if (last === undefined) return old;
    return { failuresAfterLastSuccess: old.failuresAfterLastSuccess + failTimes.length, lastFailureTime: last };
  }
  const lastSuccess = Math.max(...succeeded.map(finishedTime));
  const after = failTimes.filter((t) => t > lastSuccess);
  const last = after[after.length - 1];
  return last === undefined ? NO_BACKOFF : { failuresAfterLastSuccess: after.length, lastFailureTime: last };
}

/** getRemainingTime: how long pod creation must still wait at `now` (0: not at all). */
export function remainingBackoff(record: BackoffRecord, backoff: Backoff, now: Millis): Millis {
  const { failuresAfterLastSuccess: n, lastFailureTime } = record;
  if (n === 0 || lastFailureTime === undefined) return 0;
  let duration = backoff.initialMs;
  for (let i = 1; i < n; i++) {
    duration *= 2;
    if (duration >= backoff.maxMs) {
      duration = backoff.maxMs;
      break;
    }
  }
  return Math.max(0, duration - (now - lastFailureTime));
}

/**
 * getFinishedTime: the latest container finish when every app (and sidecar)
 * container has terminated; else when Ready last became False; else the
 * deletion request (podsim's deletionTimestamp is the request time, the
 * API's `deletionTimestamp - deletionGracePeriodSeconds`); else creation.
 */
export function finishedTime(pod: Pod): Millis {
  return fromContainers(pod) ?? readyFalseSince(pod) ?? pod.metadata.deletionTimestamp ?? pod.metadata.creationTimestamp;
}

function fromContainers(pod: Pod): Millis | undefined {
  const sidecars = new Set(pod.spec.initContainers.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const statuses = [...pod.status.containerStatuses, ...pod.status.initContainerStatuses.filter((s) => sidecars.has(s.name))];
  let latest: Millis | undefined;
  for (const s of statuses) {
    if (s.state.state !== 'terminated') return undefined;
    if (latest === undefined || s.state.finishedAt > latest) latest = s.state.finishedAt;
  }
  return latest;
}

function readyFalseSince(pod: Pod): Millis | undefined {
  const c = pod.status.conditions.find((x) => x.type === 'Ready');
  return c?.status === 'False' ? c.lastTransitionTime : undefined;
}
