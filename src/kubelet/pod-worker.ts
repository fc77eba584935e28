import type { Timer } from '../engine/engine.js';
import { sample } from '../engine/distributions.js';
import { isTerminal, type Pod, type PodPhase, type TerminatedState } from '../model/pod.js';
import {
  ContainerRecord,
  defaultWaitingReason,
  initDone,
  initialStatus,
  type ContainerKind,
} from './container-record.js';
import type { KubeletContext } from './context.js';
import type { EnsureResult, PullTicket } from './image-manager.js';
import * as msg from './messages.js';
import { computePodActions } from './pod-actions.js';
import { updatePodConditions } from './pod-conditions.js';
import { getPhase } from './phase.js';

/** SIGKILL's exit code: what a container that ignores SIGTERM exits with at the end of its grace period. */
export const KILLED_EXIT_CODE = 137;

/**
 * `bound`: waiting for kubelet.syncDelay; `active`: synced by the kubelet;
 * `terminating`: deletion requested, containers stopping; `gone`: finished or
 * dropped, never acts again.
 */
export type WorkerState = 'bound' | 'active' | 'terminating' | 'gone';

/**
 * One pod on one node, as kubelet's pod worker and kuberuntime's SyncPod run
 * it. A sync computes what to start (pod-actions.ts) and starts those
 * containers one after another: each first ensures its image (image-manager.ts),
 * then takes `containerStartLatency` to be created and started. One sync runs
 * at a time; whatever happens meanwhile is picked up by the sync that follows
 * it. Restarts wait out the crash-loop back-off (doBackOff, measured from the
 * last finish). Every visible change is published with the phase from getPhase.
 */
export class PodWorker {
  private state: WorkerState = 'bound';
  private readonly init: ContainerRecord[];
  private readonly apps: ContainerRecord[];
  private initialized = false;
  /** Increments when a sync's start sequence begins or is abandoned. */
  private sequence = 0;
  private busy = false;
  private startTimer: Timer | undefined;
  private createTimer: Timer | undefined;
  private creating: ContainerRecord | undefined;
  private pull: PullTicket | undefined;
  private sandboxReleased = false;

  constructor(
    readonly pod: Pod,
    private readonly k: KubeletContext,
  ) {
    const hasInit = pod.spec.initContainers.length > 0;
    const record = (kind: ContainerKind) => (c: Pod['spec']['containers'][number]) =>
      new ContainerRecord(c, kind, initialStatus(c.name, hasInit));
    this.init = pod.spec.initContainers.map((c) => record(c.restartPolicy === 'Always' ? 'sidecar' : 'init')(c));
    this.apps = pod.spec.containers.map(record('app'));
    this.startTimer = k.engine.schedule(k.config.syncDelayMs, () => this.start());
  }

  get workerState(): WorkerState {
    return this.state;
  }

  /** Init containers (sidecars included) then app containers, in spec order. */
  containers(): readonly ContainerRecord[] {
    return [...this.init, ...this.apps];
  }

  // ---- lifecycle ----

  /** The kubelet admits the pod: IPs, start time, statuses, then the first sync. */
  private start(): void {
    const { pod, k } = this;
    this.startTimer = undefined;
    this.state = 'active';
    pod.status.startTime = k.engine.now;
    pod.status.hostIP = k.hostIP;
    const ip = k.ips.allocate();
    if (ip !== undefined) pod.status.podIP = ip;
    pod.status.initContainerStatuses = this.init.map((r) => r.status);
    pod.status.containerStatuses = this.apps.map((r) => r.status);
    this.publish(defaultWaitingReason(this.init.length > 0));
    this.sync();
  }

  /**
   * Deletion requested: every running container gets a Killing event and
   * stops when the grace period ends (it ignores SIGTERM: exit 137) unless it
   * exits on its own first; then the pod takes its terminal phase and is removed.
   */
  terminate(): void {
    if (this.state === 'terminating' || this.state === 'gone') return;
    this.startTimer?.cancel();
    this.startTimer = undefined;
    this.state = 'terminating';
    this.halt();
    this.stopRunning();
    this.maybeFinalize(msg.REASON.Killing);
  }

  /** The pod left the API or the node went away: drop everything, write nothing. */
  dispose(): void {
    this.startTimer?.cancel();
    this.halt();
    for (const r of this.containers()) r.exit?.cancel();
    this.releaseSandbox();
    this.state = 'gone';
  }

  // ---- sync ----

  /** One pass of SyncPod: start what should run now. A no-op while a start sequence runs. */
  private sync(): void {
    if (this.state !== 'active' || this.busy || isTerminal(this.pod.status.phase)) return;
    const actions = computePodActions(this.init, this.apps, this.pod.spec.restartPolicy, this.initialized);
    if (actions.appsDone) this.stopRunning();
    if (actions.start.length > 0) this.runSequence(actions.start);
  }

  private runSequence(list: readonly ContainerRecord[]): void {
    const seq = ++this.sequence;
    this.busy = true;
    const step = (i: number): void => {
      if (seq !== this.sequence) return;
      const r = list[i];
      if (!r) {
        this.busy = false;
        this.sync();
        return;
      }
      this.startContainer(r, () => step(i + 1));
    };
    step(0);
  }

  /** Abandons the running start sequence and every pending retry. */
  private halt(): void {
    this.sequence++;
    this.busy = false;
    for (const r of this.containers()) r.cancelRetry();
    this.pull?.cancel();
    this.pull = undefined;
    this.createTimer?.cancel();
    this.createTimer = undefined;
    const c = this.creating;
    if (c) c.runtime = c.lastTermination ? 'exited' : 'idle';
    this.creating = undefined;
  }

  // ---- starting a container ----

  private startContainer(r: ContainerRecord, next: () => void): void {
    const last = r.lastTermination;
    if (last && this.inCrashBackOff(r, last)) return next();
    r.runtime = 'starting';
    this.creating = r;
    this.pull = this.k.images.ensureImage(this.pod, r.spec, (res) => {
      this.pull = undefined;
      if (this.creating !== r) return;
      if (res.ok) this.create(r, next);
      else {
        this.imageFailed(r, res);
        next();
      }
    });
  }

  /** doBackOff: true (and BackOff reported, retry scheduled) while the restart must wait. */
  private inCrashBackOff(r: ContainerRecord, last: TerminatedState): boolean {
    const { k, pod } = this;
    const now = k.engine.now;
    const key = `${pod.metadata.uid}_${r.name}`;
    if (!k.crashBackoff.isInBackOffSince(key, last.finishedAt, now)) {
      k.crashBackoff.next(key, last.finishedAt, now);
      return false;
    }
    const backoff = k.crashBackoff.get(key);
    const podName = msg.formatPod(pod.metadata.name, pod.metadata.namespace, pod.metadata.uid);
    k.api.recordEvent(pod, 'Warning', msg.REASON.BackOff, msg.backOffRestarting(r.name, podName));
    r.status.state = {
      state: 'waiting',
      reason: msg.WAITING.CrashLoopBackOff,
      message: msg.crashLoopMessage(backoff, r.name, podName),
    };
    r.status.lastTerminationState = last;
    this.retryAt(r, last.finishedAt + backoff);
    this.publish(msg.WAITING.CrashLoopBackOff);
    return true;
  }

  /** The image step failed: `Error: <reason>`, then the back-off the kubelet's next sync reports at once. */
  private imageFailed(r: ContainerRecord, res: Extract<EnsureResult, { ok: false }>): void {
    const { k, pod } = this;
    this.creating = undefined;
    r.runtime = r.lastTermination ? 'exited' : 'idle';
    k.api.recordEvent(pod, 'Warning', msg.REASON.Failed, msg.errorEvent(res.reason));
    this.setWaiting(r, res.reason, res.message);
    if (res.reason === msg.WAITING.ErrImageNeverPull) r.blocked = true;
    if (res.reason === msg.WAITING.ImagePullBackOff) {
      this.retryAt(r, k.images.backOffExpiry(pod, r.spec) ?? k.engine.now);
    }
    this.publish(res.reason);
    if (res.reason !== msg.WAITING.ErrImagePull) return;
    const backOff = k.images.backOffPulling(pod, r.spec);
    if (backOff) this.imageFailed(r, backOff);
    else this.retryAt(r, k.engine.now);
  }

  private create(r: ContainerRecord, next: () => void): void {
    const { k } = this;
    const st = r.status.state;
    const waitingReason = defaultWaitingReason(this.init.length > 0);
    if (r.lastTermination !== undefined) {
      // A restart: the new container is created now (restartCount counts containers created after the first).
      r.status.restartCount++;
      this.setWaiting(r, msg.WAITING.ContainerCreating);
      this.publish(msg.WAITING.ContainerCreating);
    } else if (st.state !== 'waiting' || st.reason !== waitingReason || st.message !== undefined) {
      this.setWaiting(r, waitingReason);
      this.publish(waitingReason);
    }
    this.createTimer = k.engine.schedule(k.config.containerStartLatencyMs, () => {
      this.createTimer = undefined;
      this.started(r);
      next();
    });
  }

  private started(r: ContainerRecord): void {
    const { k, pod } = this;
    this.creating = undefined;
    r.runtime = 'running';
    r.status.state = { state: 'running', startedAt: k.engine.now };
    r.status.started = true;
    r.status.ready = true;
    k.api.recordEvent(pod, 'Normal', msg.REASON.Created, msg.createdContainer(r.name));
    k.api.recordEvent(pod, 'Normal', msg.REASON.Started, msg.startedContainer(r.name));
    this.scheduleExit(r);
    this.publish(msg.REASON.Started);
  }

  /** Draws the run's length (`durations`) and outcome (`exits`, only when 0 < failureProbability). */
  private scheduleExit(r: ContainerRecord): void {
    const b = r.spec.behavior;
    if (b.run === 'forever') return;
    const duration = sample(b.run, this.k.durations);
    const fails = b.failureProbability > 0 && this.k.exits() < b.failureProbability;
    const code = fails ? b.failExitCode : b.exitCode;
    r.exit = this.k.engine.schedule(duration, () => this.exited(r, code));
  }

  private exited(r: ContainerRecord, exitCode: number): void {
    const now = this.k.engine.now;
    const st = r.status.state;
    r.exit = undefined;
    r.killAt = undefined;
    r.runtime = 'exited';
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    const startedAt = st.state === 'running' ? st.startedAt : now;
    r.status.state = { state: 'terminated', exitCode, reason, startedAt, finishedAt: now };
    r.status.started = false;
    r.status.ready = false;
    if (this.state === 'terminating') return this.maybeFinalize(reason);
    this.publish(reason);
    if (isTerminal(this.pod.status.phase)) this.maybeReleaseSandbox();
    else this.sync();
  }

  // ---- helpers ----

  private setWaiting(r: ContainerRecord, reason: string, message?: string): void {
    const st = r.status.state;
    if (st.state === 'terminated') r.status.lastTerminationState = st;
    r.status.state = message === undefined ? { state: 'waiting', reason } : { state: 'waiting', reason, message };
  }

  private retryAt(r: ContainerRecord, time: number): void {
    r.cancelRetry();
    r.retry = this.k.engine.at(Math.max(time, this.k.engine.now), () => {
      r.retry = undefined;
      this.sync();
    });
  }

  /** Sends SIGTERM to every running container: regular ones first, sidecars last (in reverse order). */
  private stopRunning(): void {
    const sidecars = this.init.filter((r) => r.kind === 'sidecar').reverse();
    const regular = [...this.init.filter((r) => r.kind === 'init'), ...this.apps];
    for (const r of [...regular, ...sidecars]) this.stopContainer(r);
  }

  private stopContainer(r: ContainerRecord): void {
    if (r.runtime !== 'running' || r.killAt !== undefined) return;
    const { k, pod } = this;
    k.api.recordEvent(pod, 'Normal', msg.REASON.Killing, msg.stoppingContainer(r.name));
    r.killAt = k.engine.now + k.gracePeriodMs(pod);
    if (r.exit && r.exit.time <= r.killAt) return; // it exits on its own first
    r.exit?.cancel();
    r.exit = k.engine.at(r.killAt, () => this.exited(r, KILLED_EXIT_CODE));
  }

  private anyRunning(): boolean {
    return this.containers().some((r) => r.runtime === 'running');
  }

  /**
   * Publishes the pod's status: conditions, and the phase from getPhase
   * (or `terminalPhase`), never leaving a terminal phase. `reason` is for
   * changes that keep the phase.
   */
  private publish(reason: string, terminalPhase?: PodPhase): void {
    const { pod, k } = this;
    if (!this.initialized && initDone(this.init)) this.initialized = true;
    const old = pod.status.phase;
    const { initContainerStatuses, containerStatuses } = pod.status;
    const phase = isTerminal(old) ? old : (terminalPhase ?? getPhase(pod.spec, initContainerStatuses, containerStatuses, false));
    updatePodConditions(pod, phase, this.initialized, k.engine.now);
    k.api.updatePodStatus(pod, phase, phase === old ? reason : this.transitionReason(phase, reason));
    if (isTerminal(phase) && !isTerminal(old) && this.state === 'active') this.onTerminal();
  }

  /** Running: Started; Succeeded: Completed; Failed: the failed container's reason. */
  private transitionReason(phase: PodPhase, reason: string): string {
    if (phase === 'Running') return msg.REASON.Started;
    if (phase === 'Succeeded') return 'Completed';
    if (phase !== 'Failed') return reason;
    for (const r of this.containers()) {
      const last = r.lastTermination;
      if (last && last.exitCode !== 0) return last.reason;
    }
    return 'Error';
  }

  /** The pod reached Succeeded or Failed on its own: stop what still runs (sidecars), free the sandbox. */
  private onTerminal(): void {
    this.halt();
    this.stopRunning();
    this.maybeReleaseSandbox();
  }

  private maybeFinalize(reason: string): void {
    if (!this.anyRunning()) return this.finalize();
    if (this.pod.status.startTime !== undefined) this.publish(reason);
  }

  /**
   * All containers stopped after deletion: as status_manager's TerminatePod,
   * an app container with no terminated state shows its last run, or
   * ContainerStatusUnknown (137) if it never ran; the phase is getPhase's for
   * a terminal pod, Failed if that is not terminal. Then the final delete.
   */
  private finalize(): void {
    const { pod, k } = this;
    const now = k.engine.now;
    for (const r of this.apps) {
      if (r.status.state.state === 'terminated') continue;
      r.status.state = r.status.lastTerminationState ?? {
        state: 'terminated',
        exitCode: KILLED_EXIT_CODE,
        reason: msg.CONTAINER_STATUS_UNKNOWN,
        startedAt: now,
        finishedAt: now,
      };
    }
    const computed = getPhase(pod.spec, pod.status.initContainerStatuses, pod.status.containerStatuses, true);
    this.publish(msg.REASON.Killing, isTerminal(computed) ? computed : 'Failed');
    this.releaseSandbox();
    this.state = 'gone';
    k.api.removePod(pod);
  }

  private maybeReleaseSandbox(): void {
    if (!this.anyRunning()) this.releaseSandbox();
  }

  private releaseSandbox(): void {
    if (this.sandboxReleased) return;
    this.sandboxReleased = true;
    this.k.ips.release(this.pod.status.podIP);
  }
}
