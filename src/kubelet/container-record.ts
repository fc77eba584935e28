import type { Timer } from '../engine/engine.js';
import type { Millis } from '../model/meta.js';
import type { Container, ContainerStatus, RestartPolicy, TerminatedState } from '../model/pod.js';

export type ContainerKind = 'init' | 'sidecar' | 'app';

/** SIGKILL's exit code: what a container that ignores SIGTERM exits with at the end of its grace period. */
export const KILLED_EXIT_CODE = 137;

/** Reason of a container a deleted pod never ran (status_manager.go TerminatePod). */
export const CONTAINER_STATUS_UNKNOWN = 'ContainerStatusUnknown';

/**
 * Where a container is in the runtime, which the API status only partly
 * shows: `idle` never created (or its first start failed before creation),
 * `starting` pulling its image or being created, `running`, `exited` (its last
 * run ended; the status may show Terminated or a Waiting restart).
 */
export type RuntimePhase = 'idle' | 'starting' | 'running' | 'exited';

/** One container of a pod on a node: its spec, its API status and its timers. */
export class ContainerRecord {
  runtime: RuntimePhase = 'idle';
  /** A back-off retry is scheduled: a sync leaves the container alone until it fires. */
  retry: Timer | undefined;
  /** Cannot start until something else changes (ErrImageNeverPull). */
  blocked = false;
  /** The running process's end: its natural exit, or the kill after a grace period. */
  exit: Timer | undefined;
  /** Set while a kill is under way: when SIGKILL falls. */
  killAt: Millis | undefined;

  constructor(
    readonly spec: Container,
    readonly kind: ContainerKind,
    readonly status: ContainerStatus,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  /** The last run's end, if it ever ran (what doBackOff measures from). */
  get lastTermination(): TerminatedState | undefined {
    const st = this.status.state;
    return st.state === 'terminated' ? st : this.status.lastTerminationState;
  }

  /** A sync may start it now. */
  get startable(): boolean {
    return this.retry === undefined && !this.blocked && (this.runtime === 'idle' || this.runtime === 'exited');
  }

  cancelRetry(): void {
    this.retry?.cancel();
    this.retry = undefined;
  }
}

/** Whether an app container that exited with `exitCode` is restarted under `policy`. */
export function shouldRestart(policy: RestartPolicy, exitCode: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** A fresh status: Waiting with kubelet's default reason. */
export function initialStatus(name: string, podHasInitContainers: boolean): ContainerStatus {
  return {
    name,
    state: { state: 'waiting', reason: defaultWaitingReason(podHasInitContainers) },
    restartCount: 0,
    started: false,
    ready: false,
  };
}

/** convertToAPIContainerStatuses' default waiting reason: PodInitializing when the pod has init containers. */
export function defaultWaitingReason(podHasInitContainers: boolean): string {
  return podHasInitContainers ? 'PodInitializing' : 'ContainerCreating';
}

/** Every regular init container completed with exit 0 and every sidecar has started. */
export function initDone(init: readonly ContainerRecord[]): boolean {
  return init.every((r) => {
    if (r.kind === 'sidecar') return r.runtime === 'running' && r.status.started;
    const st = r.status.state;
    return r.runtime === 'exited' && st.state === 'terminated' && st.exitCode === 0;
  });
}

/**
 * Shows `r` as Waiting: a Terminated state it leaves becomes its
 * lastTerminationState (the previous run, what `kubectl get pods` counts from).
 */
export function setWaiting(r: ContainerRecord, reason: string, message?: string): void {
  const st = r.status.state;
  if (st.state === 'terminated') r.status.lastTerminationState = st;
  r.status.state = message === undefined ? { state: 'waiting', reason } : { state: 'waiting', reason, message };
}

/**
 * At the end of a deleted pod, as status_manager's TerminatePod: a container
 * without a terminated state shows its last run, or ContainerStatusUnknown
 * (exit 137) if it never ran.
 */
export function settleTerminated(r: ContainerRecord, now: Millis): void {
  if (r.status.state.state === 'terminated') return;
  r.status.state = r.status.lastTerminationState ?? {
    state: 'terminated',
    exitCode: KILLED_EXIT_CODE,
    reason: CONTAINER_STATUS_UNKNOWN,
    startedAt: now,
    finishedAt: now,
  };
}

/**
 * A running container the node's crash killed: shown Terminated with
 * ContainerStatusUnknown and exit 137 (what convertToAPIContainerStatuses
 * reports for a container that was Running and can no longer be found).
 */
export function markLost(r: ContainerRecord, now: Millis): void {
  const st = r.status.state;
  r.runtime = 'exited';
  r.status.state = {
    state: 'terminated',
    exitCode: KILLED_EXIT_CODE,
    reason: CONTAINER_STATUS_UNKNOWN,
    startedAt: st.state === 'running' ? st.startedAt : now,
    finishedAt: now,
  };
  r.status.started = false;
  r.status.ready = false;
}

/**
 * The container's process ended with `exitCode` (on its own, or SIGKILL after
 * a grace period): shown Terminated, reason Completed (exit 0) or Error, with
 * no exit or kill pending. Returns the reason.
 */
export function markExited(r: ContainerRecord, exitCode: number, now: Millis): string {
  const st = r.status.state;
  r.exit = undefined;
  r.killAt = undefined;
  r.runtime = 'exited';
  const reason = exitCode === 0 ? 'Completed' : 'Error';
  const startedAt = st.state === 'running' ? st.startedAt : now;
  r.status.state = { state: 'terminated', exitCode, reason, startedAt, finishedAt: now };
  r.status.started = false;
  r.status.ready = false;
  return reason;
}
