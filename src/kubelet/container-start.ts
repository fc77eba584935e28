import type { Timer } from '../engine/engine.js';
import { sample } from '../engine/distributions.js';
import type { Millis } from '../model/meta.js';
import type { Pod, TerminatedState } from '../model/pod.js';
import { defaultWaitingReason, setWaiting, type ContainerRecord } from './container-record.js';
import type { KubeletContext } from './context.js';
import type { EnsureResult, PullTicket } from './image-manager.js';
import * as msg from './messages.js';

/** What a pod's containers (and each start of one) need from its pod worker. */
export interface StarterHost {
  readonly pod: Pod;
  /** The kubelet of the pod's node. */
  readonly kubelet: KubeletContext;
  /** Publishes the pod's status after a visible change; `reason` for changes that keep the phase. */
  publish(reason: string): void;
  /** Runs a sync of the pod (a back-off has ended). */
  sync(): void;
  /** The container's process ended with `exitCode`. */
  exited(r: ContainerRecord, exitCode: number): void;
}

/**
 * One attempt at starting one container, as kuberuntime's SyncPod `start`
 * does: doBackOff for a restart (measured from the last finish), the image
 * (EnsureImageExists), then create + start taking containerStartLatency, and
 * the run's length and exit code drawn from the `durations` and `exits`
 * streams. A failure ends the attempt with a back-off retry (or blocked, for
 * ErrImageNeverPull); `next` runs after the attempt, started or not, unless
 * `abort` came first.
 *
 * Made for each attempt and dropped after it (PodContainers holds the one
 * under way), so a pod whose containers run holds none (~70 bytes per pod).
 */
export class ContainerStart {
  /** The pull or the create of `r` is under way (set by `run`, cleared when the attempt ends or is aborted). */
  private creating = false;
  private pull: PullTicket | undefined;
  private createTimer: Timer | undefined;

  constructor(
    private readonly pod: Pod,
    private readonly k: KubeletContext,
    private readonly host: StarterHost,
    private readonly r: ContainerRecord,
    private readonly next: () => void,
  ) {}

  /** Starts the attempt; call once. */
  run(): void {
    const { r, next } = this;
    const last = r.lastTermination;
    if (last && this.inCrashBackOff(r, last)) return next();
    r.runtime = 'starting';
    this.creating = true;
    this.pull = this.k.images.ensureImage(this.pod, r.spec, (res) => {
      this.pull = undefined;
      if (!this.creating) return;
      if (res.ok) this.create(r, next);
      else {
        this.imageFailed(r, res);
        next();
      }
    });
  }

  /** Drops the attempt (its `next` never runs). */
  abort(): void {
    this.pull?.cancel();
    this.pull = undefined;
    this.createTimer?.cancel();
    this.createTimer = undefined;
    const { r } = this;
    if (this.creating) r.runtime = r.lastTermination ? 'exited' : 'idle';
    this.creating = false;
  }

  /** Schedules a sync of the pod at `time` for `r`, which no sync touches before. */
  private retryAt(r: ContainerRecord, time: Millis): void {
    r.cancelRetry();
    r.retry = this.k.engine.at(Math.max(time, this.k.engine.now), () => {
      r.retry = undefined;
      this.host.sync();
    });
  }

  /** doBackOff: true (BackOff recorded, CrashLoopBackOff shown, retry scheduled) while the restart must wait. */
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
    setWaiting(r, msg.WAITING.CrashLoopBackOff, msg.crashLoopMessage(backoff, r.name, podName));
    this.retryAt(r, last.finishedAt + backoff);
    this.host.publish(msg.WAITING.CrashLoopBackOff);
    return true;
  }

  /** The image step failed: `Error: <reason>`; after ErrImagePull, the back-off the kubelet's next sync meets at once. */
  private imageFailed(r: ContainerRecord, res: Extract<EnsureResult, { ok: false }>): void {
    const { k, pod } = this;
    this.creating = false;
    r.runtime = r.lastTermination ? 'exited' : 'idle';
    k.api.recordEvent(pod, 'Warning', msg.REASON.Failed, msg.errorEvent(res.reason));
    setWaiting(r, res.reason, res.message);
    if (res.reason === msg.WAITING.ErrImageNeverPull) r.blocked = true;
    if (res.reason === msg.WAITING.ImagePullBackOff) {
      this.retryAt(r, k.images.backOffExpiry(pod, r.spec) ?? k.engine.now);
    }
    this.host.publish(res.reason);
    if (res.reason !== msg.WAITING.ErrImagePull) return;
    const backOff = k.images.backOffPulling(pod, r.spec);
    if (backOff) this.imageFailed(r, backOff);
    else this.retryAt(r, k.engine.now);
  }

  private create(r: ContainerRecord, next: () => void): void {
    const { k } = this;
    const st = r.status.state;
    const waitingReason = defaultWaitingReason(this.pod.spec.initContainers.length > 0);
    if (r.lastTermination !== undefined) {
      // A restart: the new container is created now (restartCount counts containers created after the first).
      r.status.restartCount++;
      setWaiting(r, msg.WAITING.ContainerCreating);
      this.host.publish(msg.WAITING.ContainerCreating);
    } else if (st.state !== 'waiting' || st.reason !== waitingReason || st.message !== undefined) {
      setWaiting(r, waitingReason);
      this.host.publish(waitingReason);
    }
    this.createTimer = k.engine.schedule(k.config.containerStartLatencyMs, () => {
      this.createTimer = undefined;
      this.started(r);
      next();
    });
  }

  private started(r: ContainerRecord): void {
    const { k, pod } = this;
    this.creating = false;
    r.runtime = 'running';
    r.status.state = { state: 'running', startedAt: k.engine.now };
    r.status.started = true;
    r.status.ready = true;
    k.api.recordEvent(pod, 'Normal', msg.REASON.Created, msg.createdContainer(r.name));
    k.api.recordEvent(pod, 'Normal', msg.REASON.Started, msg.startedContainer(r.name));
    this.scheduleExit(r);
    this.host.publish(msg.REASON.Started);
  }

  /** Draws the run's length (`durations`) and outcome (`exits`, drawn only when 0 < failureProbability), from its workload's streams. */
  private scheduleExit(r: ContainerRecord): void {
    const b = r.spec.behavior;
    if (b.run === 'forever') return;
    // The stream is looked up only when the distribution draws (a constant one does not): no stream per bare pod for nothing.
    const duration = sample(b.run, () => this.k.draws('durations', this.pod, r.name)());
    const fails = b.failureProbability > 0 && this.k.draws('exits', this.pod, r.name)() < b.failureProbability;
    const code = fails ? b.failExitCode : b.exitCode;
    r.exit = this.k.engine.schedule(duration, () => this.host.exited(r, code));
  }
}
