import type { Engine } from '../engine/engine.js';
import type { Rng } from '../engine/random.js';
import type { Millis } from '../model/meta.js';
import type { Pod, PodPhase } from '../model/pod.js';
import type { KubeletConfig } from '../model/scenario.js';
import type { Backoff } from './backoff.js';
import type { EventType, ImageManager } from './image-manager.js';
import type { IpAllocator } from './ip-allocator.js';
import type { DrawPurpose } from './workload-draws.js';

/**
 * The kubelet's link to the API server: every write a node's kubelet makes
 * goes through here, so that a partition can later hold them back.
 */
export interface KubeletApi {
  updatePodStatus(pod: Pod, phase: PodPhase, reason: string): void;
  recordEvent(pod: Pod, type: EventType, reason: string, message: string): void;
  /** The final delete (grace period 0) once the pod's containers are stopped. */
  removePod(pod: Pod): void;
}

/** What a pod worker needs from its node's kubelet. */
export interface KubeletContext {
  readonly engine: Engine;
  readonly config: KubeletConfig;
  readonly api: KubeletApi;
  readonly images: ImageManager;
  /** Crash-loop back-off, keyed per pod and container. */
  readonly crashBackoff: Backoff;
  readonly ips: IpAllocator;
  readonly hostIP: string;
  /** The stream a container of `pod` draws its run's length (`durations`) or outcome (`exits`) from (WorkloadDraws). */
  draws(purpose: DrawPurpose, pod: Pod, container: string): Rng;
  /** The grace period a deleted pod's containers get before SIGKILL. */
  gracePeriodMs(pod: Pod): Millis;
}
