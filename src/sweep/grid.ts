import type { FlagOverride } from '../io/scenario/overrides.js';
import type { Axis, ParamValue, Parameter, Sweep } from './sweep.js';

/** One combination of the grid's values. */
export interface GridPoint {
  /** Its place in grid order (0-based). */
  readonly index: number;
  /** `nodes=8/zone=a`: its folder under the sweep's, Hive-style, parameters in document order. */
  readonly id: string;
  /** Each parameter's value, in document order. */
  readonly values: readonly { readonly parameter: Parameter; readonly value: ParamValue }[];
}

/** One run of the sweep: a grid point and a seed. */
export interface PlannedRun {
  /** Its place in the run list (0-based): grid order, then seed order. */
  readonly index: number;
  /** `nodes=8/seed=3`: its stable id and folder. */
  readonly id: string;
  readonly point: GridPoint;
  readonly seed: number;
}

/**
 * A path segment as Hive writes partition values: characters outside
 * [A-Za-z0-9._+-] as %XX of their UTF-8 bytes, so that any value gives one
 * folder name, and the name reads back as the value.
 */
export function hiveEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._+-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A value as the folder and sweep.csv show it. */
export function valueText(v: ParamValue): string {
  return String(v);
}

/** The grid points in grid order: the product of the axes, the last axis varying fastest. */
export function gridPoints(axes: readonly Axis[]): GridPoint[] {
  let combos: { parameter: Parameter; value: ParamValue }[][] = [[]];
  for (const axis of axes) {
    const next: { parameter: Parameter; value: ParamValue }[][] = [];
    for (const combo of combos) {
      for (const tuple of axis.values) {
        next.push([...combo, ...axis.parameters.map((parameter, i) => ({ parameter, value: tuple[i] as ParamValue }))]);
      }
    }
    combos = next;
  }
  return combos.map((values, index) => ({
    index,
    id: values.map((v) => `${hiveEscape(v.parameter.name)}=${hiveEscape(valueText(v.value))}`).join('/'),
    values,
  }));
}

/** The run list: every grid point with every seed, seeds innermost. Ids do not depend on the order. */
export function planRuns(sweep: Pick<Sweep, 'axes' | 'seeds'>): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const point of gridPoints(sweep.axes)) {
    for (const seed of sweep.seeds) {
      const id = point.id === '' ? `seed=${seed}` : `${point.id}/seed=${seed}`;
      runs.push({ index: runs.length, id, point, seed });
    }
  }
  return runs;
}

/**
 * The overrides of a grid point, one per parameter path, each labelled with
 * the parameter, value and path (`grid:nodes=8|nodePools.worker.count`) so that a
 * problem with it is reported at the value in the Sweep file (plan.ts). Strings go as JSON (valid YAML), so `"true"` stays a string.
 */
export function pointOverrides(point: GridPoint): FlagOverride[] {
  return point.values.flatMap(({ parameter, value }) =>
    parameter.paths.map((path) => ({
      flag: `grid:${parameter.name}=${String(value)}|${path}`,
      path,
      value: typeof value === 'string' ? JSON.stringify(value) : String(value),
    })),
  );
}

/** The seed override of a run. */
export function seedOverride(seed: number): FlagOverride {
  return { flag: '--seed', path: 'seed', value: String(seed) };
}
