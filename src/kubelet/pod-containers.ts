import type { Pod } from '../model/pod.js';
import { ContainerRecord, initialStatus, KILLED_EXIT_CODE, markLost, type ContainerKind } from './container-record.js';
import { ContainerStart, type StarterHost } from './container-start.js';
import * as msg from './messages.js';

/** The init containers of a pod without any (shared: a large run holds many pods). */
const NO_RECORDS: readonly ContainerRecord[] = [];

/**
 * One pod's containers in the container runtime, as kuberuntime drives them:
 * SyncPod's start sequence (one container after another, container-start.ts),
 * killContainer's SIGTERM then SIGKILL at the end of the grace period, and the
 * node crash that ends every process at once. It decides nothing: the pod
 * worker says what to start or stop, and hears back through `host` (a
 * publish after each visible change, a sync once a sequence ends or a
 * back-off expires, `exited` when a process ends).
 */
export class PodContainers {
  /** Init containers (sidecars included), in spec order. */
  readonly init: readonly ContainerRecord[];
  /** App containers, in spec order. */
  readonly apps: readonly ContainerRecord[];
  /** `init` then `apps` (`apps` itself when there are no init containers). */
  private readonly everything: readonly ContainerRecord[];
  /** The container start under way in the running sequence, if any. */
  private attempt: ContainerStart | undefined;
  /** Increments when a start sequence begins or is abandoned. */
  private sequence = 0;
  private starting = false;

  /** `host` is the pod's worker: the pod and its kubelet are read through it, not held again here. */
  constructor(private readonly host: StarterHost) {
    const { pod } = host;
    const hasInit = pod.spec.initContainers.length > 0;
    const record = (kind: ContainerKind) => (c: Pod['spec']['containers'][number]) =>
      new ContainerRecord(c, kind, initialStatus(c.name, hasInit));
    this.init = hasInit ? pod.spec.initContainers.map((c) => record(c.restartPolicy === 'Always' ? 'sidecar' : 'init')(c)) : NO_RECORDS;
    this.apps = pod.spec.containers.map(record('app'));
    this.everything = hasInit ? [...this.init, ...this.apps] : this.apps;
  }

  /** A start sequence is under way (a sync that starts nothing until it ends). */
  get busy(): boolean {
    return this.starting;
  }

  /** Init containers (sidecars included) then app containers, in spec order. */
  all(): readonly ContainerRecord[] {
    return this.everything;
  }

  anyRunning(): boolean {
    for (const r of this.everything) if (r.runtime === 'running') return true;
    return false;
  }

  /** Starts `list` in order, one at a time; `host.sync` runs once the last attempt ends, unless `halt` came first. */
  startSequence(list: readonly ContainerRecord[]): void {
    const seq = ++this.sequence;
    this.starting = true;
    const step = (i: number): void => {
      if (seq !== this.sequence) return;
      const r = list[i];
      if (!r) {
        this.attempt = undefined;
        this.starting = false;
        this.host.sync();
        return;
      }
      // Assigned before it runs: an attempt that ends at once runs the next step, which replaces it.
      const { host } = this;
      this.attempt = new ContainerStart(host.pod, host.kubelet, host, r, () => step(i + 1));
      this.attempt.run();
    };
    step(0);
  }

  /** Abandons the running start sequence and every pending retry. */
  halt(): void {
    this.sequence++;
    this.starting = false;
    for (const r of this.all()) r.cancelRetry();
    this.attempt?.abort();
    this.attempt = undefined;
  }

  /** Sends SIGTERM to every running container: regular ones first, sidecars last (in reverse order). */
  stopRunning(): void {
    const sidecars = this.init.filter((r) => r.kind === 'sidecar').reverse();
    const regular = [...this.init.filter((r) => r.kind === 'init'), ...this.apps];
    for (const r of [...regular, ...sidecars]) this.stopContainer(r);
  }

  /**
   * The node went down: the start sequence is abandoned and every process
   * dies at once, without Killing events (running ones show
   * ContainerStatusUnknown, exit 137); pending exits and kills are dropped.
   */
  crash(): void {
    this.halt();
    for (const r of this.all()) {
      r.exit?.cancel();
      r.exit = undefined;
      r.killAt = undefined;
      if (r.runtime === 'running') markLost(r, this.host.kubelet.engine.now);
    }
  }

  /** Drops the start sequence, every retry and every pending exit or kill: nothing runs `host` again. */
  dispose(): void {
    this.halt();
    for (const r of this.all()) r.exit?.cancel();
  }

  /** The Killing event, then SIGKILL (KILLED_EXIT_CODE) at the end of the pod's grace period unless it exits first. */
  private stopContainer(r: ContainerRecord): void {
    if (r.runtime !== 'running' || r.killAt !== undefined) return;
    const { kubelet: k, pod } = this.host;
    k.api.recordEvent(pod, 'Normal', msg.REASON.Killing, msg.stoppingContainer(r.name));
    r.killAt = k.engine.now + k.gracePeriodMs(pod);
    if (r.exit && r.exit.time <= r.killAt) return; // it exits on its own first
    r.exit?.cancel();
    r.exit = k.engine.at(r.killAt, () => this.host.exited(r, KILLED_EXIT_CODE));
  }
}
