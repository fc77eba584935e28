import type { Cluster } from '../api/cluster.js';
import type { Engine } from '../engine/engine.js';
import type { Rng } from '../engine/random.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import type { KubeletConfig, RegistryConfig } from '../model/scenario.js';
import { Backoff } from './backoff.js';
import type { KubeletApi, KubeletContext } from './context.js';
import { ImageManager } from './image-manager.js';
import { IpAllocator, nodeIP } from './ip-allocator.js';
import { PodWorker } from './pod-worker.js';

export interface NodeAgentOptions {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly config: KubeletConfig;
  readonly registry: RegistryConfig;
  /** The registry's catalogue: image -> size in bytes. */
  readonly catalogue: ReadonlyMap<string, number>;
  readonly streams: { readonly durations: Rng; readonly exits: Rng; readonly pulls: Rng };
  /** Replaces every pod's terminationGracePeriodSeconds when set. */
  readonly terminationGracePeriodMs?: Millis;
}

/** Raised by the seams a later issue fills in; calling one now is a bug. */
export class KubeletError extends Error {
  readonly code = 'KubeletNotImplemented';
}

/**
 * One node's kubelet: its image store and puller, pod IPs, crash-loop
 * back-off, and a worker per pod bound to it. Every cluster write goes
 * through `api` (see context.ts). Callers run these methods from engine
 * events, never from inside a watcher callback.
 */
export class NodeAgent implements KubeletContext {
  readonly engine: Engine;
  readonly config: KubeletConfig;
  readonly images: ImageManager;
  readonly crashBackoff: Backoff;
  readonly ips: IpAllocator;
  readonly hostIP: string;
  readonly durations: Rng;
  readonly exits: Rng;
  readonly api: KubeletApi;
  /** Workers by pod uid, in binding order. */
  private readonly workers = new Map<string, PodWorker>();

  constructor(
    readonly node: Node,
    private readonly o: NodeAgentOptions,
  ) {
    this.engine = o.engine;
    this.config = o.config;
    this.durations = o.streams.durations;
    this.exits = o.streams.exits;
    const rb = o.config.restartBackoff;
    this.crashBackoff = new Backoff(rb.initialMs, rb.maxMs, rb.resetAfterMs);
    this.ips = new IpAllocator(node.podCIDR);
    this.hostIP = nodeIP(node);
    this.api = apiFor(o.cluster, node.name);
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

  gracePeriodMs(pod: Pod): Millis {
    return this.o.terminationGracePeriodMs ?? pod.spec.terminationGracePeriodSeconds * 1000;
  }

  /** The worker of `pod`, if the pod is on this node. */
  worker(pod: Pod): PodWorker | undefined {
    return this.workers.get(pod.metadata.uid);
  }

  /** A pod was bound here: its worker starts it after kubelet.syncDelay. */
  podBound(pod: Pod): void {
    if (!this.workers.has(pod.metadata.uid)) this.workers.set(pod.metadata.uid, new PodWorker(pod, this));
  }

  /** Deletion requested: kill the pod's containers, then remove it. */
  podDeleting(pod: Pod): void {
    this.worker(pod)?.terminate();
  }

  /** The pod is gone from the API: forget it (its containers stop with it). */
  podRemoved(pod: Pod): void {
    const w = this.worker(pod);
    if (!w) return;
    w.dispose();
    this.workers.delete(pod.metadata.uid);
  }

  /** The Node object was deleted: this kubelet stops acting. */
  dispose(): void {
    for (const w of this.workers.values()) w.dispose();
    this.workers.clear();
  }

  // ---- seams for node faults (a later issue) ----

  /**
   * The node crashes: every container dies at once (no Killing events, no
   * grace period); nothing is reported until `reboot`.
   */
  crash(): void {
    throw new KubeletError(`node ${this.node.name}: crash is not implemented yet`);
  }

  /** The node comes back: the kubelet restarts its pods' containers as each pod's restartPolicy says. */
  reboot(): void {
    throw new KubeletError(`node ${this.node.name}: reboot is not implemented yet`);
  }

  /**
   * The node is cut off from the control plane: containers keep running, but
   * `api` writes are held back and API changes (deletions) go unseen.
   */
  partition(): void {
    throw new KubeletError(`node ${this.node.name}: partition is not implemented yet`);
  }

  /** The partition heals: the kubelet catches up with the API (deleted pods are killed). */
  heal(): void {
    throw new KubeletError(`node ${this.node.name}: heal is not implemented yet`);
  }
}

function apiFor(cluster: Cluster, node: string): KubeletApi {
  return {
    updatePodStatus: (pod, phase, reason) => cluster.updatePodStatus(pod, phase, reason),
    recordEvent: (pod, type, reason, message) =>
      cluster.recordEvent({
        type,
        reason,
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        node,
        message,
      }),
    removePod: (pod) => cluster.removePod(pod),
  };
}
