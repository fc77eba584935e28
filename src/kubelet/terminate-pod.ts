import type { Millis } from '../model/meta.js';
import type { ContainerStatus } from '../model/pod.js';
import { CONTAINER_STATUS_UNKNOWN, KILLED_EXIT_CODE } from './container-record.js';

/*
 * status_manager's TerminatePod (pkg/kubelet/status/status_manager.go), run
 * when a pod the kubelet did not see deleted has stopped for good (the active
 * deadline): a container status that is not Terminated is treated as a failure
 * and shown Terminated, reason ContainerStatusUnknown, exit 137. A crash-looping
 * container is such a one: its status still shows the CrashLoopBackOff wait
 * (the pod is not deleted, so ShouldContainerBeRestarted is true and the
 * reason cache applies), and keeps its last run as lastState.
 *
 * Upstream also sets the message `The container could not be located when the
 * pod was terminated` and zero times; podsim's terminated state has no message
 * and takes `now` for both times (as settleTerminated does).
 *
 * A deleted pod's end goes through settleTerminated instead (container-record.ts).
 */

/**
 * Applies TerminatePod's defaults in place: app containers once the pod has
 * initialized (hasPodInitialized), and the init containers that ever tried to
 * start (initializedContainers: all but a trailing run of Waiting ones with no
 * previous run; always at least the first).
 */
export function terminatePodStatuses(
  hasInitContainers: boolean,
  init: readonly ContainerStatus[],
  apps: readonly ContainerStatus[],
  now: Millis,
): void {
  if (hasPodInitialized(hasInitContainers, init, apps)) for (const s of apps) markUnknown(s, now);
  for (const s of initializedContainers(init)) markUnknown(s, now);
}

/**
 * hasPodInitialized: no init containers; or an app container that ever left
 * Waiting; or a last init container that completed with exit 0.
 */
function hasPodInitialized(
  hasInitContainers: boolean,
  init: readonly ContainerStatus[],
  apps: readonly ContainerStatus[],
): boolean {
  if (!hasInitContainers) return true;
  if (apps.some((s) => s.lastTerminationState !== undefined || s.state.state !== 'waiting')) return true;
  const last = init[init.length - 1];
  if (last === undefined) return false;
  const st = last.state;
  return last.lastTerminationState?.exitCode === 0 || (st.state === 'terminated' && st.exitCode === 0);
}

/** initializedContainers: the statuses up to the last one that is not a first-time Waiting; at least the first. */
function initializedContainers(init: readonly ContainerStatus[]): readonly ContainerStatus[] {
  for (let i = init.length - 1; i >= 0; i--) {
    const s = init[i];
    if (s && (s.state.state !== 'waiting' || s.lastTerminationState !== undefined)) return init.slice(0, i + 1);
  }
  return init.slice(0, 1);
}

function markUnknown(s: ContainerStatus, now: Millis): void {
  if (s.state.state === 'terminated') return;
  s.state = { state: 'terminated', exitCode: KILLED_EXIT_CODE, reason: CONTAINER_STATUS_UNKNOWN, startedAt: now, finishedAt: now };
}
