import type { DaemonSet, IntOrPercent } from '../../model/workloads.js';

/**
 * intstr.GetScaledValueFromIntOrPercent: a number as is; "x%" as x% of
 * `total`, rounded up or down. A malformed percentage (rejected at load)
 * counts as 0.
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = Number(v.slice(0, -1));
  if (!Number.isInteger(pct)) return 0;
  const scaled = (pct * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** SurgeCount: maxSurge of `numberToSchedule`, rounded up; 0 unless RollingUpdate. */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const s = ds.spec.updateStrategy;
  return s.type === 'RollingUpdate' ? scaledValue(s.maxSurge, numberToSchedule, true) : 0;
}

/** UnavailableCount: maxUnavailable of `numberToSchedule`, rounded up; 0 unless RollingUpdate. */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const s = ds.spec.updateStrategy;
  return s.type === 'RollingUpdate' ? scaledValue(s.maxUnavailable, numberToSchedule, true) : 0;
}

/** AllowsSurge: more than one pod may run on a node during an update. */
export function allowsSurge(ds: DaemonSet): boolean {
  return surgeCount(ds, 1) > 0;
}
