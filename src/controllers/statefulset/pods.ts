import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import { isPodAvailable, isPodReady } from '../../model/podutil.js';
import { scaledValue, type IntOrPercent, type StatefulSet } from '../../model/workloads.js';
import { CONTROLLER_REVISION_HASH } from './constants.js';

/*
 * The pod predicates and ordinal arithmetic of
 * pkg/controller/statefulset/stateful_set_utils.go.
 */

/** statefulPodRegex `(.*)-([0-9]+)$`. */
const STATEFUL_POD = /^(.*)-([0-9]+)$/;

/** Ordinals by pod (a pod's name never changes): a sync reads every pod's. */
const ordinals = new WeakMap<Pod, number>();

/** getParentNameAndOrdinal's ordinal: -1 when the name has none (or it overflows int32). */
export function getOrdinal(pod: Pod): number {
  let ord = ordinals.get(pod);
  if (ord === undefined) {
    const m = STATEFUL_POD.exec(pod.metadata.name);
    const n = m ? Number(m[2]) : -1;
    ordinals.set(pod, (ord = n <= 2_147_483_647 ? n : -1));
  }
  return ord;
}

/** getPodName. */
export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

/** getStartOrdinal: spec.ordinals.start. */
export const startOrdinal = (set: StatefulSet): number => set.spec.ordinalsStart;

/** getEndOrdinal: the last ordinal the set keeps (start + replicas - 1). */
export const endOrdinal = (set: StatefulSet): number => set.spec.ordinalsStart + set.spec.replicas - 1;

/** podInOrdinalRange. */
export function inOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ord = getOrdinal(pod);
  return ord >= startOrdinal(set) && ord <= endOrdinal(set);
}

/** getPodRevision: the controller-revision-hash label. */
export const podRevision = (pod: Pod): string => pod.metadata.labels[CONTROLLER_REVISION_HASH] ?? '';

/** isTerminating: deletionTimestamp set. */
export const isTerminating = (pod: Pod): boolean => pod.metadata.deletionTimestamp !== undefined;

/** isRunningAndReady: phase Running and the Ready condition True. */
export const isRunningAndReady = (pod: Pod): boolean => pod.status.phase === 'Running' && isPodReady(pod);

/** isRunningAndAvailable: Running and Ready for minReadySeconds. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: Millis): boolean {
  return pod.status.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}

/** isUnavailable: not running and available, or terminating. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: Millis): boolean {
  return !isRunningAndAvailable(pod, minReadySeconds, now) || isTerminating(pod);
}

/**
 * getStatefulSetMaxUnavailable: maxUnavailable of `replicas`, percentages
 * rounded down (GetScaledValueFromIntOrPercent), and never below 1.
 */
export function maxUnavailableOf(v: IntOrPercent, replicas: number): number {
  return Math.max(scaledValue(v, replicas, false), 1);
}
