import { formatDuration } from '../model/duration.js';
import { goQuote } from '../model/goquote.js';
import type { Millis } from '../model/meta.js';

/*
 * The kubelet's event reasons and messages, verbatim. Sources (kubernetes
 * master, v1.33-v1.35 era unless noted):
 * - reasons: pkg/kubelet/events/event.go
 * - image messages: pkg/kubelet/images/image_manager.go (EnsureImageExists, pullImage)
 * - Created/Started/"Error: ...": pkg/kubelet/kuberuntime/kuberuntime_container.go
 *   (startContainer; `Created container: %v` since about v1.32, `Created container %s` before)
 * - Killing: kuberuntime_container.go killContainer (`Stopping container %s`)
 * - BackOff restarting: kuberuntime_manager.go doBackOff, pod rendered by format.Pod
 */

export const REASON = {
  Pulling: 'Pulling',
  Pulled: 'Pulled',
  /** FailedToPullImage and FailedToCreateContainer share the reason. */
  Failed: 'Failed',
  /** BackOffPullImage and BackOffStartContainer share the reason. */
  BackOff: 'BackOff',
  ErrImageNeverPull: 'ErrImageNeverPull',
  Created: 'Created',
  Started: 'Started',
  Killing: 'Killing',
} as const;

/** Waiting reasons the kubelet reports (kuberuntime, images/types.go, kubelet_pods.go). */
export const WAITING = {
  ContainerCreating: 'ContainerCreating',
  PodInitializing: 'PodInitializing',
  ErrImagePull: 'ErrImagePull',
  ImagePullBackOff: 'ImagePullBackOff',
  ErrImageNeverPull: 'ErrImageNeverPull',
  CrashLoopBackOff: 'CrashLoopBackOff',
} as const;

export type ImageError = typeof WAITING.ErrImagePull | typeof WAITING.ImagePullBackOff | typeof WAITING.ErrImageNeverPull;

export const pullingImage = (image: string): string => `Pulling image ${goQuote(image)}`;

/**
 * A finished pull: `pull` is the pull itself, `total` includes the wait in the
 * node's pull queue (both truncated to ms, as upstream).
 */
export const pulledImage = (image: string, pull: Millis, total: Millis, sizeBytes: number): string =>
  `Successfully pulled image ${goQuote(image)} in ${formatDuration(pull)} (${formatDuration(total)} including waiting). Image size: ${sizeBytes} bytes.`;

/**
 * Kept in the v1.29-v1.34 form (podsim's baseline, spec/outputs.md). With the
 * KubeletEnsureSecretPulledImages gate (beta, on by default in v1.35) it reads
 * `... already present on machine and can be accessed by the pod`.
 */
export const imageAlreadyPresent = (image: string): string =>
  `Container image ${goQuote(image)} already present on machine`;

export const imageNeverPull = (image: string): string =>
  `Container image ${goQuote(image)} is not present with pull policy of Never`;

export const backOffPullingImage = (image: string): string => `Back-off pulling image ${goQuote(image)}`;

export const failedToPullImage = (image: string, err: string): string =>
  `Failed to pull image ${goQuote(image)}: ${err}`;

/** The runtime's error for a pull that `registry.failureRate` made fail (the CRI's wording, podsim's cause). */
export const simulatedPullError = (image: string): string =>
  `rpc error: code = Unavailable desc = failed to pull and unpack image ${goQuote(image)}: podsim: simulated registry failure (registry.failureRate)`;

/** The event startContainer records when the image step fails: `Error: ErrImagePull`. */
export const errorEvent = (reason: string): string => `Error: ${reason}`;

export const createdContainer = (container: string): string => `Created container: ${container}`;
export const startedContainer = (container: string): string => `Started container ${container}`;
export const stoppingContainer = (container: string): string => `Stopping container ${container}`;

/** format.Pod: `name_namespace(uid)`. */
export const formatPod = (name: string, namespace: string, uid: string): string => `${name}_${namespace}(${uid})`;

export const backOffRestarting = (container: string, pod: string): string =>
  `Back-off restarting failed container ${container} in pod ${pod}`;

/** The CrashLoopBackOff waiting message: `back-off 40s restarting failed container=app pod=web_default(uid-1)`. */
export const crashLoopMessage = (backoff: Millis, container: string, pod: string): string =>
  `back-off ${formatDuration(backoff)} restarting failed container=${container} pod=${pod}`;
