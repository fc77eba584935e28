import type { Timer } from '../engine/engine.js';
import { isTerminal, type Pod, type PodPhase } from '../model/pod.js';
import {
  ContainerRecord,
  defaultWaitingReason,
  initDone,
  initialStatus,
  KILLED_EXIT_CODE,
  settleTerminated,
  type ContainerKind,
} from './container-record.js';
import { ContainerStarter, type StarterHost } from './container-starter.js';
import type { KubeletContext } from './context.js';
import * as msg from './messages.js';
import { computePodActions } from './pod-actions.js';
import { updatePodConditions } from './pod-conditions.js';
import { getPhase } from './phase.js';

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
  private readonly starter: ContainerStarter;
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
    const host: StarterHost = {
      publish: (reason) => this.publish(reason),
      sync: () => this.sync(),
      exited: (r, exitCode) => this.exited(r, exitCode),
    };
    this.starter = new ContainerStarter(pod, k, host);
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
      this.starter.start(r, () => step(i + 1));
    };
    step(0);
  }

  /** Abandons the running start sequence and every pending retry. */
  private halt(): void {
    this.sequence++;
    this.busy = false;
    for (const r of this.containers()) r.cancelRetry();
    this.starter.abort();
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
    for (const r of this.apps) settleTerminated(r, k.engine.now);
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
