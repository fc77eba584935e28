import type { Timer } from '../engine/engine.js';
import { isTerminal, NO_INIT_CONTAINER_STATUSES, type Pod, type PodPhase } from '../model/pod.js';
import { activeDeadline, DEADLINE_EXCEEDED, DEADLINE_MESSAGE, type ActiveDeadline } from './active-deadline.js';
import { CONTAINER_STATUS_UNKNOWN, defaultWaitingReason, markExited, type ContainerRecord } from './container-record.js';
import type { KubeletContext } from './context.js';
import * as msg from './messages.js';
import { computePodActions } from './pod-actions.js';
import type { StarterHost } from './container-start.js';
import { PodContainers } from './pod-containers.js';
import { PodStatusManager, type StatusHost } from './pod-status.js';

/**
 * `bound`: waiting for kubelet.syncDelay; `active`: synced by the kubelet;
 * `terminating`: deletion requested, containers stopping; `gone`: finished or
 * dropped, never acts again.
 */
export type WorkerState = 'bound' | 'active' | 'terminating' | 'gone';

/**
 * One pod on one node, as kubelet's pod worker runs it: the WorkerState
 * machine, and what each step asks of the pod's containers (pod-containers.ts)
 * and of its status (pod-status.ts). A sync computes what to start
 * (pod-actions.ts) and hands it to a start sequence; one sync runs at a time,
 * and whatever happens meanwhile is picked up by the sync that follows it.
 * Every visible change is published with the phase from getPhase.
 *
 * While its node is cut off from the API (detached), the worker goes on
 * running the pod on its own copy of the status; `reconnect` reports it.
 *
 * A pod with activeDeadlineSeconds is failed by the first sync at or after
 * startTime + deadline (active-deadline.ts), unless its deletion began first.
 *
 * A pod with a deletion timestamp never starts a container: a deletion seen
 * before the start cancels it, and a pod first seen already deleted is
 * terminated unstarted (Failed, its containers ContainerStatusUnknown), then
 * removed.
 */
export class PodWorker implements StarterHost, StatusHost {
  private state: WorkerState = 'bound';
  /** The pod's containers (read by its status manager, StatusHost). */
  readonly runtime: PodContainers;
  private readonly status: PodStatusManager;
  private startTimer: Timer | undefined;
  private sandboxReleased = false;
  /** The node crashed since the worker was last in touch: its processes are gone. */
  private crashed = false;
  /** The pod's active deadline (read by its status manager, StatusHost). */
  readonly deadline: ActiveDeadline;
  /**
   * The pod's requests are counted in its node's AdmittedUsage: set by the
   * NodeAgent when it admits a pod that is not terminal, cleared when the pod
   * turns terminal in the API or goes. Only the NodeAgent writes it.
   */
  countsAgainstAdmission = false;

  constructor(
    readonly pod: Pod,
    private readonly k: KubeletContext,
  ) {
    // The worker is its containers' host and its deadline's: no closures per pod (a large run holds many workers).
    this.runtime = new PodContainers(this);
    this.deadline = activeDeadline(pod.spec.activeDeadlineSeconds, k.engine, this);
    this.status = new PodStatusManager(this);
    // A pod the kubelet first sees with a deletion timestamp (bound and deleted while its node was cut off) can never start
    // (pod_workers.go: UpdatePod marks it terminating, allowPodStart refuses it): it is terminated at once, never started.
    this.startTimer =
      pod.metadata.deletionTimestamp !== undefined
        ? k.engine.schedule(0, () => this.terminate())
        : k.engine.schedule(k.config.syncDelayMs, () => this.start());
  }

  /** The kubelet of the pod's node. (StarterHost, StatusHost) */
  get kubelet(): KubeletContext {
    return this.k;
  }

  // ---- lifecycle ----

  /** The kubelet admits the pod: IPs, start time (the deadline counts from it), statuses, then the first sync. */
  private start(): void {
    const { k } = this;
    const status = this.status.current;
    this.startTimer = undefined;
    this.state = 'active';
    this.dropControlPlaneReason();
    status.startTime = k.engine.now;
    this.deadline.arm(status.startTime);
    status.hostIP = k.hostIP;
    const ip = k.ips.allocate();
    if (ip !== undefined) status.podIP = ip;
    const { init } = this.runtime;
    status.initContainerStatuses = init.length === 0 ? NO_INIT_CONTAINER_STATUSES : init.map((r) => r.status);
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
    if (this.state === 'bound') this.dropControlPlaneReason();
    this.state = 'terminating';
    this.deadline.disarm();
    this.runtime.halt();
    this.runtime.stopRunning();
    this.maybeFinalize(msg.REASON.Killing);
  }

  /**
   * The kubelet's status carries no reason: one the control plane set while
   * the node was lost (NodeLost) goes when the kubelet first writes the pod's
   * status, whether it starts the pod or terminates it unstarted (mergeStatus
   * does the same for a pod it ran while cut off).
   */
  private dropControlPlaneReason(): void {
    const status = this.status.current;
    status.reason = undefined;
    status.message = undefined;
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
    this.status.detach();
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
    this.status.attach();
    if (this.state === 'gone') return;
    if (this.state === 'terminating') {
      if (crashed) this.finalize();
      return;
    }
    if (deleted) return this.terminate();
    if (!crashed) return;
    if (this.state === 'bound') this.startTimer = this.k.engine.schedule(this.k.config.syncDelayMs, () => this.start());
    else {
      const { phase, startTime } = this.status.current;
      if (!this.deadline.exceeded && !isTerminal(phase)) this.deadline.arm(startTime);
      this.sync();
    }
  }

  // ---- sync ----

  /** One pass of SyncPod: start what should run now. A no-op while a start sequence runs. (StarterHost) */
  sync(): void {
    const { runtime } = this;
    const { phase, startTime } = this.status.current;
    if (this.state !== 'active' || runtime.busy || isTerminal(phase)) return;
    if (this.deadline.exceeded || this.deadline.past(startTime)) return this.exceedDeadline();
    const actions = computePodActions(runtime.init, runtime.apps, this.pod.spec.restartPolicy, this.status.podInitialized);
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

  /** A container's process ended: a pod being deleted may be done; any other publishes, then syncs or frees its sandbox. */
  exited(r: ContainerRecord, exitCode: number): void {
    const reason = markExited(r, exitCode, this.k.engine.now);
    if (this.state === 'terminating') return this.maybeFinalize(reason);
    this.publish(reason);
    if (isTerminal(this.status.current.phase)) this.maybeReleaseSandbox();
    else this.sync();
  }

  // ---- status and the pod's end ----

  /** Publishes the pod's status (PodStatusManager.publish); a pod the worker runs that turns terminal ends there. (StarterHost) */
  publish(reason: string, terminalPhase?: PodPhase): void {
    const turnedTerminal = this.status.publish(reason, this.state === 'active', terminalPhase);
    if (turnedTerminal && this.state === 'active') this.onTerminal();
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
    if (this.status.current.startTime !== undefined) this.publish(reason);
  }

  /** All containers stopped after deletion: the terminal status, the sandbox freed, then the final delete. */
  private finalize(): void {
    this.settle();
    this.releaseSandbox();
    this.state = 'gone';
    this.k.api.removePod(this.pod);
  }

  /** The terminal status of a pod whose containers have all stopped after deletion (PodStatusManager.settle). */
  private settle(): void {
    this.publish(msg.REASON.Killing, this.status.settle());
  }

  private maybeReleaseSandbox(): void {
    if (!this.runtime.anyRunning()) this.releaseSandbox();
  }

  private releaseSandbox(): void {
    if (this.sandboxReleased) return;
    this.sandboxReleased = true;
    this.k.ips.release(this.status.current.podIP);
  }
}
