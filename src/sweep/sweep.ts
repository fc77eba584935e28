import type { Position } from '../io/diagnostics.js';
import type { Override } from '../io/scenario/overrides.js';
import type { Condition, Expr } from './expression.js';

/** A grid value as written in the Sweep document. */
export type ParamValue = string | number | boolean;

/** One grid parameter: a column of sweep.csv, a level of the run folders, the `--set` paths it sets. */
export interface Parameter {
  readonly name: string;
  /** Scenario paths below spec (`nodePools.worker.count`) that all take its value. */
  readonly paths: readonly string[];
  /** Where it is written, for the problems of its values. */
  readonly position: Position;
}

/** Parameters that move together (one, or several zipped); `values[i]` holds one value per parameter. */
export interface Axis {
  readonly parameters: readonly Parameter[];
  readonly values: readonly (readonly ParamValue[])[];
}

export interface Metric {
  readonly name: string;
  readonly expr: Expr;
}

export interface Slo {
  readonly name: string;
  readonly text: string;
  readonly condition: Condition;
}

/** A Sweep document (apiVersion podsim.io/v1alpha1, kind Sweep), validated. */
export interface Sweep {
  readonly name: string;
  /** The Sweep file, absolute. */
  readonly file: string;
  /** The scenario, absolute (spec.scenario, relative to the Sweep file). */
  readonly scenario: string;
  /** Overrides every run gets (spec.set), before the grid's. */
  readonly set: readonly Override[];
  /** The grid: the product of the axes, the last varying fastest. */
  readonly axes: readonly Axis[];
  readonly seeds: readonly number[];
  readonly metrics: readonly Metric[];
  readonly slos: readonly Slo[];
  /** What "cheapest" means: the grid point with the least mean of this metric (default nodes.node_seconds). */
  readonly cost: Metric;
}
