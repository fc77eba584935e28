import type { Millis } from './meta.js';
import type { Pod } from './pod.js';

/** Ready condition True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  for (const c of pod.status.conditions) if (c.type === 'Ready' && c.status === 'True') return true;
  return false;
}

/** When the Ready condition last became True, if it is True. */
export function readySince(pod: Pod): Millis | undefined {
  const c = pod.status.conditions.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime;
}

/**
 * Ready for at least `minReadySeconds` (podutil.IsPodAvailable): with 0, ready
 * is available.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Millis): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds === 0 || since + minReadySeconds * 1000 <= now;
}

/** IsPodActive: not Succeeded or Failed, and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

/** Total container restarts of a pod (init and app containers). */
export function podRestarts(pod: Pod): number {
  let n = 0;
  for (const s of pod.status.initContainerStatuses) n += s.restartCount;
  for (const s of pod.status.containerStatuses) n += s.restartCount;
  return n;
}
