import type { Cluster } from '../api/cluster.js';
import type { Engine, Timer } from '../engine/engine.js';
import type { Rng } from '../engine/random.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import { isTerminal, type Pod } from '../model/pod.js';
import type { KubeletConfig, RegistryConfig } from '../model/scenario.js';
import { ApiLink } from './api-link.js';
import { Backoff } from './backoff.js';
import type { KubeletContext } from './context.js';
import type { DrawPurpose } from './workload-draws.js';
import { firstHeartbeatAfter, lastHeartbeatAtOrBefore } from './heartbeat.js';
import { ImageManager } from './image-manager.js';
import { IpAllocator, nodeIP } from './ip-allocator.js';
import { AdmittedUsage, taintRefusal, type Rejection } from './admission.js';
import { PodWorker } from './pod-worker.js';

export interface NodeAgentOptions {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly config: KubeletConfig;
  readonly registry: RegistryConfig;
  /** The registry's catalogue: image -> size in bytes. */
  readonly catalogue: ReadonlyMap<string, number>;
  /** `draws`: a container's stream per purpose (workload-draws.ts); `pulls`: image pull failures. */
  readonly streams: { readonly draws: (purpose: DrawPurpose, pod: Pod, container: string) => Rng; readonly pulls: Rng };
  /** Replaces every pod's terminationGracePeriodSeconds when set. */
  readonly terminationGracePeriodMs?: Millis;
}

/**
 * One node's kubelet: its image store and puller, pod IPs, crash-loop
 * back-off, and a worker per pod bound to it. Every cluster write goes
 * through `api` (see context.ts). Callers run these methods from engine
 * events, never from inside a watcher callback.
 *
 * Faults: `partition`/`heal` cut and restore the network to the API,
 * `crash`/`reboot` stop and start the node. The kubelet reports (and is
 * heard) only while both are up; it comes back at its first heartbeat
 * (creation + k x statusUpdateFrequency) after both are restored.
 */
export class NodeAgent implements KubeletContext {
  readonly engine: Engine;
  readonly config: KubeletConfig;
  readonly images: ImageManager;
  crashBackoff: Backoff;
  readonly ips: IpAllocator;
  readonly hostIP: string;
  readonly api: ApiLink;
  /** Workers by pod uid, in binding order. */
  private readonly workers = new Map<string, PodWorker>();
  /** The network path to the API is up. */
  private reachable = true;
  /** The node (and its kubelet) is up. */
  private running = true;
  /** The first heartbeat after a heal or reboot, when the kubelet reports again. */
  private reportTimer: Timer | undefined;
  private crashedSinceReport = false;
  /** API changes the kubelet could not see while cut off, handled when it reports again. */
  private readonly boundMeanwhile: Pod[] = [];
  /** What the pods admitted here and not yet terminal request (kubelet admission). */
  private readonly usage = new AdmittedUsage();
  private readonly removedMeanwhile: Pod[] = [];

  constructor(
    readonly node: Node,
    private readonly o: NodeAgentOptions,
  ) {
    this.engine = o.engine;
    this.config = o.config;
    this.crashBackoff = newCrashBackoff(o.config);
    this.ips = new IpAllocator(node.podCIDR);
    this.hostIP = nodeIP(node);
    this.api = new ApiLink(o.cluster, node.name);
    this.images = new ImageManager({
      engine: o.engine,
      config: o.config,
      registry: o.registry,
      catalogue: o.catalogue,
      pulls: o.streams.pulls,
      initialImages: node.images,
      record: (pod, type, reason, message) => this.api.recordEvent(pod, type, reason, message),
    });
  }

  draws(purpose: DrawPurpose, pod: Pod, container: string): Rng {
    return this.o.streams.draws(purpose, pod, container);
  }

  gracePeriodMs(pod: Pod): Millis {
    return this.o.terminationGracePeriodMs ?? pod.spec.terminationGracePeriodSeconds * 1000;
  }

  /** The worker of `pod`, if the pod is on this node. */
  worker(pod: Pod): PodWorker | undefined {
    return this.workers.get(pod.metadata.uid);
  }

  /** A pod was bound here: its worker starts it after kubelet.syncDelay (seen once the kubelet reports, if cut off). */
  podBound(pod: Pod): void {
    if (!this.api.connected) this.boundMeanwhile.push(pod);
    else if (!this.workers.has(pod.metadata.uid)) {
      const rejection = this.usage.refusal(pod, this.node) ?? taintRefusal(pod, this.node);
      if (rejection) this.engine.schedule(0, () => this.reject(pod, rejection));
      else {
        const w = new PodWorker(pod, this);
        this.workers.set(pod.metadata.uid, w);
        if (!isTerminal(pod.status.phase)) {
          w.countsAgainstAdmission = true;
          this.usage.add(pod);
        }
      }
    }
  }

  /** A pod of this node turned Succeeded or Failed in the API: it no longer counts against admission. */
  podTerminated(pod: Pod): void {
    const w = this.worker(pod);
    if (w) this.stopCounting(w);
  }

  /** `w`'s pod no longer counts against admission (a no-op if it did not). */
  private stopCounting(w: PodWorker): void {
    if (!w.countsAgainstAdmission) return;
    w.countsAgainstAdmission = false;
    this.usage.remove(w.pod);
  }

  /**
   * The kubelet refuses the pod (admission): Failed with reason OutOf<resource> or TaintToleration,
   * never started. A pod already being deleted is then removed, its phase
   * terminal (status_manager canBeDeleted, kubernetes PR #118497).
   */
  private reject(pod: Pod, rejection: Rejection): void {
    if (this.o.cluster.pod(pod.metadata.namespace, pod.metadata.name) !== pod || isTerminal(pod.status.phase)) return;
    pod.status.reason = rejection.reason;
    pod.status.message = rejection.message;
    this.api.recordEvent(pod, 'Warning', rejection.reason, rejection.message);
    this.api.updatePodStatus(pod, 'Failed', rejection.reason);
    if (pod.metadata.deletionTimestamp !== undefined) this.api.removePod(pod);
  }

  /** Deletion requested: kill the pod's containers, then remove it (unseen while cut off: see `report`). */
  podDeleting(pod: Pod): void {
    if (this.api.connected) this.worker(pod)?.terminate();
  }

  /** The pod is gone from the API: forget it (its containers stop with it), once the kubelet can see it. */
  podRemoved(pod: Pod): void {
    const w = this.worker(pod);
    if (!w) return;
    if (!this.api.connected) {
      this.removedMeanwhile.push(pod);
      return;
    }
    w.dispose();
    this.workers.delete(pod.metadata.uid);
    this.stopCounting(w);
  }

  /** The Node object was deleted: this kubelet stops acting. */
  dispose(): void {
    this.reportTimer?.cancel();
    this.reportTimer = undefined;
    for (const w of this.workers.values()) {
      w.dispose();
      this.stopCounting(w);
    }
    this.workers.clear();
  }

  // ---- node faults ----

  /** The kubelet is in touch with the API: heartbeats are heard, writes go through. */
  get connected(): boolean {
    return this.api.connected;
  }

  /**
   * The node is cut off from the control plane: containers keep running and
   * the kubelet keeps restarting them, but its writes are held back, no
   * heartbeat is heard after the last one at or before now, and API changes
   * (bindings, deletions) go unseen until it reports again.
   */
  partition(): void {
    if (!this.reachable) return;
    this.reachable = false;
    this.lose();
  }

  /** The partition heals: the kubelet reports again at its first heartbeat after now. */
  heal(): void {
    if (this.reachable) return;
    this.reachable = true;
    this.scheduleReport();
  }

  /**
   * The node goes down: every container dies at once (no Killing events, no
   * grace period), pulls are lost, nothing is reported until it is back.
   */
  crash(): void {
    if (!this.running) return;
    this.running = false;
    this.lose();
    for (const w of this.workers.values()) w.crash();
    this.images.crash();
    this.crashedSinceReport = true;
  }

  /**
   * The node is up again: the kubelet reports at its first heartbeat after
   * now (if the network lets it) and restarts its pods' containers as each
   * pod's restartPolicy says, with a fresh crash-loop back-off.
   */
  reboot(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleReport();
  }

  /** Stops heartbeats and holds every write; the API keeps what it last heard. */
  private lose(): void {
    this.reportTimer?.cancel();
    this.reportTimer = undefined;
    if (!this.api.connected) return;
    this.api.connected = false;
    const { node } = this;
    const frequency = this.config.statusUpdateFrequencyMs;
    node.lastHeartbeat = lastHeartbeatAtOrBefore(node.creationTimestamp, frequency, this.engine.now);
    this.o.cluster.updateNode(node);
    for (const w of this.workers.values()) w.detach();
  }

  private scheduleReport(): void {
    if (!this.reachable || !this.running || this.api.connected || this.reportTimer) return;
    const { node, engine } = this;
    const at = firstHeartbeatAfter(node.creationTimestamp, this.config.statusUpdateFrequencyMs, engine.now);
    this.reportTimer = engine.at(at, () => this.report());
  }

  /**
   * The first heartbeat after a heal or reboot: the kubelet posts Ready=True
   * (NodeReady when the API had it otherwise), delivers what it held, drops
   * pods removed meanwhile, reports each pod's status (carrying out deletions
   * made meanwhile), then admits pods bound to it meanwhile: starts them, or
   * terminates unstarted those deleted meanwhile (PodWorker).
   */
  private report(): void {
    this.reportTimer = undefined;
    this.api.connected = true;
    this.postReady();
    if (this.crashedSinceReport) {
      this.crashedSinceReport = false;
      this.crashBackoff = newCrashBackoff(this.config);
    }
    this.api.flushEvents();
    for (const pod of this.removedMeanwhile.splice(0)) this.podRemoved(pod);
    for (const w of [...this.workers.values()]) w.reconnect();
    this.api.flushRemovals();
    for (const pod of this.boundMeanwhile.splice(0)) {
      if (this.o.cluster.pod(pod.metadata.namespace, pod.metadata.name) === pod) this.podBound(pod);
    }
  }

  /** The kubelet's node status: Ready=True, with the NodeReady event when the condition changes (nodestatus ReadyCondition). */
  private postReady(): void {
    const { node } = this;
    const was = node.ready;
    node.lastHeartbeat = undefined;
    node.ready = 'True';
    this.o.cluster.updateNode(node);
    if (was === 'True') return;
    this.o.cluster.recordEvent({
      type: 'Normal',
      reason: NODE_READY,
      kind: 'Node',
      namespace: EVENT_NAMESPACE,
      name: node.name,
      node: node.name,
      message: nodeStatusIsNow(node.name, NODE_READY),
    });
  }
}

/** The kubelet's node event reason (pkg/kubelet/events: NodeReady). */
export const NODE_READY = 'NodeReady';

/** Where Events about cluster-scoped objects live (client-go record: an empty namespace becomes "default"). */
export const EVENT_NAMESPACE = 'default';

/** recordNodeStatusEvent: `Node <name> status is now: <event>`. */
export const nodeStatusIsNow = (node: string, event: string): string => `Node ${node} status is now: ${event}`;

function newCrashBackoff(config: KubeletConfig): Backoff {
  const rb = config.restartBackoff;
  return new Backoff(rb.initialMs, rb.maxMs, rb.resetAfterMs);
}
