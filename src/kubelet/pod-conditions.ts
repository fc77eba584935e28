import { setCondition } from '../api/cluster.js';
import type { Millis } from '../model/meta.js';
import type { ContainerStatus, Pod, PodPhase } from '../model/pod.js';

/*
 * The kubelet-owned pod conditions, as pkg/kubelet/status/generate.go
 * computes them: Initialized, ContainersReady, Ready (no readiness gates or
 * probes in podsim: a container is ready once it runs and has started).
 */

/** Go's %s of a []string: `[a b]`. */
const goList = (names: readonly string[]): string => `[${names.join(' ')}]`;

function statusOf(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/** Sets Initialized, ContainersReady and Ready from the pod's current statuses and its (new) `phase`. */
export function updatePodConditions(pod: Pod, phase: PodPhase, initialized: boolean, now: Millis): void {
  setInitialized(pod, phase, initialized, now);
  if (phase === 'Succeeded' || phase === 'Failed') {
    const reason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
    setCondition(pod, 'ContainersReady', 'False', now, reason);
    setCondition(pod, 'Ready', 'False', now, reason);
    return;
  }
  const message = unreadyMessage(pod);
  if (message === undefined) {
    setCondition(pod, 'ContainersReady', 'True', now);
    setCondition(pod, 'Ready', 'True', now);
  } else {
    setCondition(pod, 'ContainersReady', 'False', now, 'ContainersNotReady', message);
    setCondition(pod, 'Ready', 'False', now, 'ContainersNotReady', message);
  }
}

function setInitialized(pod: Pod, phase: PodPhase, initialized: boolean, now: Millis): void {
  if (pod.spec.initContainers.length === 0 || initialized) {
    const completed = phase === 'Succeeded';
    setCondition(pod, 'Initialized', 'True', now, completed ? 'PodCompleted' : undefined);
    return;
  }
  const incomplete = pod.spec.initContainers
    .filter((c) => {
      const s = statusOf(pod.status.initContainerStatuses, c.name);
      if (!s) return true;
      if (c.restartPolicy === 'Always') return !s.started;
      return !(s.state.state === 'terminated' && s.state.exitCode === 0);
    })
    .map((c) => c.name);
  setCondition(
    pod,
    'Initialized',
    'False',
    now,
    'ContainersNotInitialized',
    `containers with incomplete status: ${goList(incomplete)}`,
  );
}

/** Every app container and sidecar has a status and is ready (unreadyMessage's usual answer, without building one). */
function allReady(pod: Pod): boolean {
  for (const c of pod.spec.initContainers) if (c.restartPolicy === 'Always' && statusOf(pod.status.initContainerStatuses, c.name)?.ready !== true) return false;
  for (const c of pod.spec.containers) if (statusOf(pod.status.containerStatuses, c.name)?.ready !== true) return false;
  return true;
}

/** Undefined when every app container and sidecar is ready. */
function unreadyMessage(pod: Pod): string | undefined {
  if (allReady(pod)) return undefined;
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string, statuses: readonly ContainerStatus[]) => {
    const s = statusOf(statuses, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of pod.spec.initContainers) if (c.restartPolicy === 'Always') check(c.name, pod.status.initContainerStatuses);
  for (const c of pod.spec.containers) check(c.name, pod.status.containerStatuses);
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) parts.push(`containers with unready status: ${goList(unready)}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
