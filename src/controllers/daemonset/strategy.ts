import { scaledValue, type DaemonSet } from '../../model/workloads.js';

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
