import type { Timer } from '../engine/engine.js';
import { isTerminal, type Pod, type PodPhase } from '../model/pod.js';
import { ActiveDeadline, DEADLINE_EXCEEDED, DEADLINE_MESSAGE, failPastDeadline } from './active-deadline.js';
import {
  CONTAINER_STATUS_UNKNOWN,
  defaultWaitingReason,
  initDone,
  markExited,
  settleTerminated,
  type ContainerRecord,
} from './container-record.js';
import type { KubeletContext } from './context.js';
import * as msg from './messages.js';
import { computePodActions } from './pod-actions.js';
import { PodContainers } from './pod-containers.js';
import { updatePodConditions } from './pod-conditions.js';
import { getPhase } from './phase.js';
import { forkStatus, mergeStatus } from './status-sync.js';

/** The reason of a phase change the kubelet reports on reconnecting when none was held back. */
export const REPORTED_AGAIN = 'NodeReady';

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
 *
 * While its node is cut off from the API (detached), the worker goes on
 * running the pod on its own copy of the status; `reconnect` reports it.
 *
 * A pod with activeDeadlineSeconds is failed by the first sync at or after
 * startTime + deadline (active-deadline.ts), unless its deletion began first.
 */
export class PodWorker {
  private state: WorkerState = 'bound';
  private readonly runtime: PodContainers;
  private initialized = false;
  private startTimer: Timer | undefined;
  private sandboxReleased = false;
  /**
   * The pod as this kubelet sees it: the API object itself, or while
   * detached the API's metadata and spec with the kubelet's own status.
   */
  private view: Pod;
  /** While detached: the reason of the last phase change held back. */
  private heldReason: string | undefined;
  /** The node crashed since the worker was last in touch: its processes are gone. */
  private crashed = false;
  private readonly deadline: ActiveDeadline;

  constructor(
    readonly pod: Pod,
    private readonly k: KubeletContext,
  ) {
    this.view = pod;
    this.runtime = new PodContainers(pod, k, {
      publish: (reason) => this.publish(reason),
      sync: () => this.sync(),
      exited: (r, exitCode) => this.exited(r, exitCode),
    });
    this.deadline = new ActiveDeadline(pod.spec.activeDeadlineSeconds, k.engine, () => this.sync());
    this.startTimer = k.engine.schedule(k.config.syncDelayMs, () => this.start());
  }

  get workerState(): WorkerState {
    return this.state;
  }

  /** Init containers (sidecars included) then app containers, in spec order. */
  containers(): readonly ContainerRecord[] {
    return this.runtime.all();
  }

  // ---- lifecycle ----

  /** The kubelet admits the pod: IPs, start time (the deadline counts from it), statuses, then the first sync. */
  private start(): void {
    const { k } = this;
    const status = this.view.status;
    this.startTimer = undefined;
    this.state = 'active';
    // The kubelet's status carries no reason (one the control plane set while the node was lost goes).
    status.reason = undefined;
    status.message = undefined;
    status.startTime = k.engine.now;
    this.deadline.arm(status.startTime);
    status.hostIP = k.hostIP;
    const ip = k.ips.allocate();
    if (ip !== undefined) status.podIP = ip;
    status.initContainerStatuses = this.runtime.init.map((r) => r.status);
    status.containerStatuses = this.runtime.apps.map((r) => r.status);
    this.publish(defaultWaitingReason(this.runtime.init.length > 0));
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
    this.deadline.disarm();
    this.runtime.halt();
    this.runtime.stopRunning();
    this.maybeFinalize(msg.REASON.Killing);
  }

  /** The pod left the API or the node went away: drop everything, write nothing. */
  dispose(): void {
    this.startTimer?.cancel();
    this.deadline.disarm();
    this.runtime.dispose();
    this.releaseSandbox();
    this.state = 'gone';
  }

  // ---- node faults ----

  /** The node is cut off (or down): from now on the worker changes only its own copy of the status. */
  detach(): void {
    if (this.view !== this.pod) return;
    const { metadata, spec } = this.pod;
    this.view = { metadata, spec, status: forkStatus(this.pod.status) };
  }

  /**
   * The node went down: every process dies at once, without Killing events
   * or grace periods (ContainerStatusUnknown, exit 137); pending starts,
   * pulls and kills are dropped. Call after `detach`: nothing is reported.
   */
  crash(): void {
    if (this.state === 'gone') return;
    this.startTimer?.cancel();
    this.startTimer = undefined;
    this.deadline.disarm();
    this.runtime.crash();
    this.crashed = true;
  }

  /**
   * The kubelet reaches the API again. After a crash it first takes stock of
   * what died: a pod being deleted is terminal at once (nothing runs any
   * more), any other takes the phase getPhase gives (Failed under Never).
   * Then its status replaces the API's (the phase change carries the reason
   * held back, else REPORTED_AGAIN); a deletion made meanwhile is carried out
   * (the pod is removed at once after a crash); after a crash the containers
   * restart as restartPolicy says (the back-off is new), and the deadline
   * timer runs again (a deadline passed meanwhile is acted on at once).
   */
  reconnect(): void {
    const crashed = this.crashed;
    this.crashed = false;
    const deleted = this.pod.metadata.deletionTimestamp !== undefined;
    if (crashed && this.state !== 'gone') {
      if (deleted || this.state === 'terminating') {
        this.startTimer?.cancel();
        this.startTimer = undefined;
        this.state = 'terminating';
        this.settle();
      } else if (this.state === 'active') this.publish(CONTAINER_STATUS_UNKNOWN);
    }
    this.attach();
    if (this.state === 'gone') return;
    if (this.state === 'terminating') {
      if (crashed) this.finalize();
      return;
    }
    if (deleted) return this.terminate();
    if (!crashed) return;
    if (this.state === 'bound') this.startTimer = this.k.engine.schedule(this.k.config.syncDelayMs, () => this.start());
    else {
      if (!this.deadline.exceeded && !isTerminal(this.view.status.phase)) this.deadline.arm(this.view.status.startTime);
      this.sync();
    }
  }

  private attach(): void {
    const { pod, view } = this;
    if (view === pod) return;
    this.view = pod;
    const apiPhase = pod.status.phase;
    mergeStatus(pod.status, view.status);
    const phase = isTerminal(apiPhase) ? apiPhase : view.status.phase;
    this.k.api.updatePodStatus(pod, phase, this.heldReason ?? REPORTED_AGAIN);
    this.heldReason = undefined;
  }

  // ---- sync ----

  /** One pass of SyncPod: start what should run now. A no-op while a start sequence runs. */
  private sync(): void {
    const { runtime } = this;
    if (this.state !== 'active' || runtime.busy || isTerminal(this.view.status.phase)) return;
    if (this.deadline.exceeded || this.deadline.past(this.view.status.startTime)) return this.exceedDeadline();
    const actions = computePodActions(runtime.init, runtime.apps, this.pod.spec.restartPolicy, this.initialized);
    if (actions.appsDone) runtime.stopRunning();
    if (actions.start.length > 0) runtime.startSequence(actions.start);
  }

  /**
   * The first sync at or after the deadline: the DeadlineExceeded event
   * (ShouldEvict), no more starts, every running container killed with the
   * pod's grace period (SyncTerminatingPod). The phase stays until none runs,
   * then turns Failed (publish). Acts once.
   */
  private exceedDeadline(): void {
    if (!this.deadline.markExceeded()) return;
    this.k.api.recordEvent(this.pod, 'Normal', DEADLINE_EXCEEDED, DEADLINE_MESSAGE);
    this.runtime.halt();
    this.runtime.stopRunning();
    this.publish(DEADLINE_EXCEEDED);
  }

  /** A container's process ended: a terminating pod may be done; any other publishes and syncs (or, now terminal, frees its sandbox). */
  private exited(r: ContainerRecord, exitCode: number): void {
    const reason = markExited(r, exitCode, this.k.engine.now);
    if (this.state === 'terminating') return this.maybeFinalize(reason);
    this.publish(reason);
    if (isTerminal(this.view.status.phase)) this.maybeReleaseSandbox();
    else this.sync();
  }

  // ---- helpers ----

  /**
   * Publishes the pod's status: conditions, and the phase from getPhase
   * (or `terminalPhase`), never leaving a terminal phase. `reason` is for
   * changes that keep the phase. Past the active deadline the kubelet's phase
   * is Failed: shown once no container runs, with reason DeadlineExceeded;
   * until then the phase is held and only the conditions say Failed.
   */
  private publish(reason: string, terminalPhase?: PodPhase): void {
    const { view, k } = this;
    if (!this.initialized && initDone(this.runtime.init)) this.initialized = true;
    const old = view.status.phase;
    const { initContainerStatuses, containerStatuses } = view.status;
    const verdict = isTerminal(old)
      ? 'none'
      : this.deadline.verdict(view.status.startTime, this.state === 'active', this.runtime.anyRunning());
    if (verdict === 'failed') failPastDeadline(view.status, view.spec.initContainers.length > 0, k.engine.now);
    const computed = isTerminal(old)
      ? old
      : verdict !== 'none'
        ? 'Failed'
        : (terminalPhase ?? getPhase(view.spec, initContainerStatuses, containerStatuses, false));
    updatePodConditions(view, computed, this.initialized, k.engine.now);
    const phase = verdict === 'held' ? old : computed;
    const why = phase === old ? reason : verdict === 'failed' ? DEADLINE_EXCEEDED : this.transitionReason(phase, reason);
    if (view === this.pod) k.api.updatePodStatus(this.pod, phase, why);
    else {
      view.status.phase = phase;
      if (phase !== old) this.heldReason = why;
    }
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
    this.deadline.disarm();
    this.runtime.halt();
    this.runtime.stopRunning();
    this.maybeReleaseSandbox();
  }

  private maybeFinalize(reason: string): void {
    if (!this.runtime.anyRunning()) return this.finalize();
    if (this.view.status.startTime !== undefined) this.publish(reason);
  }

  /**
   * All containers stopped after deletion: as status_manager's TerminatePod,
   * an app container with no terminated state shows its last run, or
   * ContainerStatusUnknown (137) if it never ran; the phase is getPhase's for
   * a terminal pod, Failed if that is not terminal. Then the final delete.
   */
  private finalize(): void {
    this.settle();
    this.releaseSandbox();
    this.state = 'gone';
    this.k.api.removePod(this.pod);
  }

  /** The terminal status of a pod whose containers have all stopped after deletion. */
  private settle(): void {
    const { view, k } = this;
    for (const r of this.runtime.apps) settleTerminated(r, k.engine.now);
    const computed = getPhase(view.spec, view.status.initContainerStatuses, view.status.containerStatuses, true);
    this.publish(msg.REASON.Killing, isTerminal(computed) ? computed : 'Failed');
  }

  private maybeReleaseSandbox(): void {
    if (!this.runtime.anyRunning()) this.releaseSandbox();
  }

  private releaseSandbox(): void {
    if (this.sandboxReleased) return;
    this.sandboxReleased = true;
    this.k.ips.release(this.view.status.podIP);
  }
}
