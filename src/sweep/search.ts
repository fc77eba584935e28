import { gridPoints, type GridPoint } from './grid.js';
import type { Sweep } from './sweep.js';

/**
 * Bisection along one parameter's axis, for each combination of the other
 * axes' values. The axis's values are taken as listed, in increasing
 * capacity, and meeting the SLOs as monotone along them (if a value meets
 * them, every later one does): the first meeting value is found with at most
 * ceil(log2(n)) + 1 probes instead of n. A probe runs every seed of a grid
 * point and says whether all of them meet every SLO.
 */
export async function bisect(
  sweep: Sweep,
  parameter: string,
  probe: (point: GridPoint) => Promise<boolean>,
): Promise<{ group: string; found?: GridPoint }[]> {
  const axisIndex = sweep.axes.findIndex((a) => a.parameters.some((p) => p.name === parameter));
  if (axisIndex < 0) throw new Error(`bisect: no parameter ${parameter}`);
  const axis = sweep.axes[axisIndex]!;
  const points = gridPoints(sweep.axes);
  // The product's strides: the grid point of (other values, k) is found by index arithmetic.
  const stride = sweep.axes.slice(axisIndex + 1).reduce((n, a) => n * a.values.length, 1);
  const groups = points.filter((p) => Math.floor(p.index / stride) % axis.values.length === 0);
  const out: { group: string; found?: GridPoint }[] = [];
  for (const first of groups) {
    const at = (k: number) => points[first.index + k * stride] as GridPoint;
    const group = first.values.filter((v) => !axis.parameters.includes(v.parameter)).map((v) => `${v.parameter.name}=${String(v.value)}`).join('/');
    let lo = 0;
    let hi = axis.values.length - 1;
    if (!(await probe(at(hi)))) {
      out.push({ group });
      continue;
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await probe(at(mid))) hi = mid;
      else lo = mid + 1;
    }
    out.push({ group, found: at(hi) });
  }
  return out;
}

/** The most probes bisect makes over the whole grid (progress's total). */
export function maxProbes(sweep: Sweep, parameter: string): number {
  const axis = sweep.axes.find((a) => a.parameters.some((p) => p.name === parameter));
  if (axis === undefined) return 0;
  const others = sweep.axes.filter((a) => a !== axis).reduce((n, a) => n * a.values.length, 1);
  return others * (Math.ceil(Math.log2(Math.max(1, axis.values.length))) + 1);
}
