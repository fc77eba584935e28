import type { IntOrPercent } from '../model/workloads.js';

/** intstr.GetScaledValueFromIntOrPercent, written apart from the controllers it checks. */
export function scaled(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const x = (Number(v.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
