import type { ControlPlaneConfig, KubeletConfig, OutputConfig, RegistryConfig } from './scenario.js';

/** Upstream defaults; sources in shared/reference/k8s-semantics.md. */
export const DEFAULT_KUBELET: KubeletConfig = {
  syncDelayMs: 0,
  containerStartLatencyMs: 1000,
  serializeImagePulls: true,
  restartBackoff: { initialMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 },
  imagePullBackoff: { initialMs: 10_000, maxMs: 300_000 },
  statusUpdateFrequencyMs: 10_000,
};

export const DEFAULT_CONTROL_PLANE: ControlPlaneConfig = {
  apiLatencyMs: 0,
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  defaultTolerationSeconds: 300,
  nodeEvictionRate: 0.1,
  reportUnknownPhase: true,
  jobBackoff: { initialMs: 10_000, maxMs: 600_000 },
  terminatedPodGCThreshold: 12_500,
};

const Mi = 1024 * 1024;

export const DEFAULT_REGISTRY: RegistryConfig = {
  defaultImageSize: 100 * Mi,
  bandwidth: 50 * Mi,
  latencyMs: 500,
  failureRate: 0,
};

export const DEFAULT_OUTPUT: OutputConfig = { sampleIntervalMs: 10_000, nodeSamples: 'changes' };

export const DEFAULT_NAMESPACE = 'default';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_START_TIME = '2026-01-01T00:00:00Z';
export const DEFAULT_SEED = 1;
