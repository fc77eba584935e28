import { DEFAULT_CONTROL_PLANE, DEFAULT_KUBELET, DEFAULT_OUTPUT } from '../../model/defaults.js';
import type { Millis } from '../../model/meta.js';
import { NODE_SAMPLE_MODES, type Backoff, type ControlPlaneConfig, type KubeletConfig, type OutputConfig } from '../../model/scenario.js';
import { readDuration, readEnum, readIntAtLeast } from '../values.js';
import type { Field } from '../yaml/field.js';

/** The knobs of scenario.md §3; anything else under kubelet/controlPlane is warned about. */
export const KUBELET_KNOBS = [
  'syncDelay',
  'containerStartLatency',
  'serializeImagePulls',
  'maxParallelImagePulls',
  'restartBackoff',
  'imagePullBackoff',
  'statusUpdateFrequency',
] as const;

export const CONTROL_PLANE_KNOBS = [
  'apiLatency',
  'nodeMonitorPeriod',
  'nodeMonitorGracePeriod',
  'defaultTolerationSeconds',
  'nodeEvictionRate',
  'reportUnknownPhase',
  'jobBackoff',
  'terminatedPodGCThreshold',
  'terminationGracePeriod',
] as const;

/** A period that must not be zero (it would never advance). */
function readPeriod(f: Field, fallback: Millis): Millis {
  const ms = readDuration(f);
  if (ms === 0) f.invalid(f.scalar(), 'must be greater than zero');
  return ms || fallback;
}

function readBackoff(f: Field, defaults: Backoff, extra: readonly string[] = []): Backoff {
  f.warnUnknown(['initial', 'max', ...extra], 'backoff field');
  const initialMs = readDuration(f.child('initial')) ?? defaults.initialMs;
  const maxMs = readDuration(f.child('max')) ?? defaults.maxMs;
  if (maxMs < initialMs) f.child('max').invalid(f.child('max').scalar() ?? maxMs, 'must be greater than or equal to initial');
  return { initialMs, maxMs };
}

function readImagePulls(f: Field): Pick<KubeletConfig, 'serializeImagePulls' | 'maxParallelImagePulls'> {
  const maxField = f.child('maxParallelImagePulls');
  const max = readIntAtLeast(maxField, 1);
  // As the kubelet defaults it: serial unless maxParallelImagePulls >= 2 is set.
  const serialize = f.child('serializeImagePulls').boolean() ?? !(max !== undefined && max >= 2);
  if (serialize && max !== undefined && max > 1) maxField.invalid(max, 'must be 1 when serializeImagePulls is true');
  return { serializeImagePulls: serialize, ...(max !== undefined && !serialize ? { maxParallelImagePulls: max } : {}) };
}

export function readKubelet(f: Field): KubeletConfig {
  const d = DEFAULT_KUBELET;
  f.warnUnknown(KUBELET_KNOBS, 'kubelet knob');
  const restart = f.child('restartBackoff');
  return {
    syncDelayMs: readDuration(f.child('syncDelay')) ?? d.syncDelayMs,
    containerStartLatencyMs: readDuration(f.child('containerStartLatency')) ?? d.containerStartLatencyMs,
    ...readImagePulls(f),
    restartBackoff: {
      ...readBackoff(restart, d.restartBackoff, ['resetAfter']),
      resetAfterMs: readDuration(restart.child('resetAfter')) ?? d.restartBackoff.resetAfterMs,
    },
    imagePullBackoff: readBackoff(f.child('imagePullBackoff'), d.imagePullBackoff),
    statusUpdateFrequencyMs: readPeriod(f.child('statusUpdateFrequency'), d.statusUpdateFrequencyMs),
  };
}

function readRate(f: Field, fallback: number): number {
  const v = f.number();
  if (v === undefined) return fallback;
  if (v < 0) f.invalid(v, 'must be greater than or equal to 0');
  return v;
}

export function readControlPlane(f: Field): ControlPlaneConfig {
  const d = DEFAULT_CONTROL_PLANE;
  f.warnUnknown(CONTROL_PLANE_KNOBS, 'controlPlane knob');
  const grace = readDuration(f.child('terminationGracePeriod'));
  return {
    apiLatencyMs: readDuration(f.child('apiLatency')) ?? d.apiLatencyMs,
    nodeMonitorPeriodMs: readPeriod(f.child('nodeMonitorPeriod'), d.nodeMonitorPeriodMs),
    nodeMonitorGracePeriodMs: readDuration(f.child('nodeMonitorGracePeriod')) ?? d.nodeMonitorGracePeriodMs,
    defaultTolerationSeconds: readIntAtLeast(f.child('defaultTolerationSeconds'), 0) ?? d.defaultTolerationSeconds,
    nodeEvictionRate: readRate(f.child('nodeEvictionRate'), d.nodeEvictionRate),
    reportUnknownPhase: f.child('reportUnknownPhase').boolean() ?? d.reportUnknownPhase,
    jobBackoff: readBackoff(f.child('jobBackoff'), d.jobBackoff),
    terminatedPodGCThreshold: readIntAtLeast(f.child('terminatedPodGCThreshold'), 0) ?? d.terminatedPodGCThreshold,
    ...(grace !== undefined ? { terminationGracePeriodMs: grace } : {}),
  };
}

export const OUTPUT_KNOBS = ['sampleInterval', 'nodeSamples'] as const;

export function readOutput(f: Field): OutputConfig {
  f.warnUnknown(OUTPUT_KNOBS);
  return {
    sampleIntervalMs: readPeriod(f.child('sampleInterval'), DEFAULT_OUTPUT.sampleIntervalMs),
    nodeSamples: readEnum(f.child('nodeSamples'), NODE_SAMPLE_MODES) ?? DEFAULT_OUTPUT.nodeSamples,
  };
}
