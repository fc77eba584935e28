import type { Container, ContainerStatus, PodPhase, RestartPolicy } from '../model/pod.js';

/** The parts of a pod spec the phase depends on. */
export interface PhaseSpec {
  readonly restartPolicy: RestartPolicy;
  readonly initContainers: readonly Pick<Container, 'name' | 'restartPolicy'>[];
  readonly containers: readonly Pick<Container, 'name'>[];
}

/**
 * The pod phase from its containers' statuses, as kubelet's `getPhase`
 * (pkg/kubelet/kubelet_pods.go, kubernetes master @001a80e, v1.35 development;
 * the v1.31+ form with `podHasInitialized`). The alpha gates ContainerRestartRules
 * and RestartAllContainersOnContainerExits are off by default and not modelled.
 *
 * Sidecars are init containers with `restartPolicy: Always`. Statuses are
 * looked up by container name (names are unique across a pod).
 * `podHasInitialized` is kubelet's `HasAnyActiveRegularContainerStarted`: some
 * app container has a container in the current sandbox (running, exited, or
 * waiting to restart); computed from `statuses` when omitted.
 */
export function getPhase(
  spec: PhaseSpec,
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  podIsTerminal: boolean,
  podHasInitialized: boolean = hasAnyRegularContainerStarted(spec, statuses),
): PodPhase {
  const init = countInitContainers(spec, initStatuses);
  const c = countContainers(spec, initStatuses, statuses);
  if (init.failed > 0 && spec.restartPolicy === 'Never') return 'Failed';
  if (init.pendingRegular > 0 || (c.pendingSidecars > 0 && !podHasInitialized)) return 'Pending';
  if (c.waiting > 0) return 'Pending';
  if (c.running > 0 && c.unknown === 0) return 'Running';
  if (c.running === 0 && c.stopped > 0 && c.unknown === 0) {
    // A terminal pod's containers will not be restarted, whatever the policy.
    if (podIsTerminal) return c.stopped === c.succeeded ? 'Succeeded' : 'Failed';
    if (spec.restartPolicy === 'Always') return 'Running';
    if (c.stopped === c.succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running'; // OnFailure, at least one failed and restarting
  }
  return 'Pending';
}

/** Some app container has been created in the pod's sandbox. */
export function hasAnyRegularContainerStarted(spec: PhaseSpec, statuses: readonly ContainerStatus[]): boolean {
  return spec.containers.some((c) => {
    const s = find(statuses, c.name);
    return s !== undefined && (s.state.state !== 'waiting' || s.lastTerminationState !== undefined);
  });
}

function isSidecar(c: Pick<Container, 'restartPolicy'>): boolean {
  return c.restartPolicy === 'Always';
}

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/** Regular (non-sidecar) init containers: pending ones and failed ones. */
function countInitContainers(spec: PhaseSpec, initStatuses: readonly ContainerStatus[]) {
  let pendingRegular = 0;
  let failed = 0;
  for (const c of spec.initContainers) {
    if (isSidecar(c)) continue;
    const s = find(initStatuses, c.name);
    if (!s) {
      pendingRegular++;
      continue;
    }
    const st = s.state;
    if (st.state === 'running') pendingRegular++;
    else if (st.state === 'terminated') {
      if (st.exitCode !== 0) failed++;
    } else if (s.lastTerminationState) {
      if (s.lastTerminationState.exitCode !== 0) failed++;
    } else pendingRegular++;
  }
  return { pendingRegular, failed };
}

/** Sidecars and app containers, counted as kubelet does. */
function countContainers(spec: PhaseSpec, initStatuses: readonly ContainerStatus[], statuses: readonly ContainerStatus[]) {
  const n = { pendingSidecars: 0, unknown: 0, running: 0, waiting: 0, stopped: 0, succeeded: 0 };
  for (const c of spec.initContainers) {
    if (!isSidecar(c)) continue;
    const s = find(initStatuses, c.name);
    if (!s) {
      n.unknown++;
      continue;
    }
    const st = s.state;
    if (st.state === 'running') {
      if (!s.started) n.pendingSidecars++;
      n.running++;
    } else if (st.state === 'waiting' && !s.lastTerminationState) {
      n.pendingSidecars++;
      n.waiting++;
    }
    // Terminated sidecars, and sidecars waiting to restart, do not count.
  }
  for (const c of spec.containers) {
    const s = find(statuses, c.name);
    if (!s) {
      n.unknown++;
      continue;
    }
    const st = s.state;
    if (st.state === 'running') n.running++;
    else if (st.state === 'terminated') {
      n.stopped++;
      if (st.exitCode === 0) n.succeeded++;
    } else if (s.lastTerminationState) n.stopped++;
    else n.waiting++;
  }
  return n;
}
