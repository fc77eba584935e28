import { evaluate, holds } from './evaluate.js';
import { gridPoints, planRuns, type GridPoint, type PlannedRun } from './grid.js';
import type { RunResult } from './results.js';
import { meanCi, type MeanCi } from './stats.js';
import type { Metric, Sweep } from './sweep.js';

/** One run's row of sweep.csv. */
export interface RunRow {
  readonly run: PlannedRun;
  readonly status: string;
  /** Each column metric's value (null: missing). */
  readonly values: readonly (number | null)[];
  /** Each SLO's verdict. */
  readonly slos: readonly boolean[];
}

/** One grid point's aggregate over its seeds. */
export interface PointRow {
  readonly point: GridPoint;
  /** Runs found (at most the seeds' count). */
  readonly n: number;
  readonly values: readonly MeanCi[];
  /** Each SLO's share of the runs found that meet it (null without runs). */
  readonly sloShares: readonly (number | null)[];
  /** The share meeting every SLO. */
  readonly allShare: number | null;
  readonly cost: MeanCi;
  readonly runs: readonly RunRow[];
}

export interface SweepTable {
  /** The metrics shown: spec.metrics, then the cost if not among them. */
  readonly metrics: readonly Metric[];
  readonly points: readonly PointRow[];
  /** Runs of the list without a finished folder. */
  readonly missing: readonly PlannedRun[];
}

/** The metric columns: the sweep's metrics and its cost. */
export function columnMetrics(sweep: Sweep): Metric[] {
  return sweep.metrics.some((m) => m.name === sweep.cost.name) ? [...sweep.metrics] : [...sweep.metrics, sweep.cost];
}

/**
 * The sweep's table from its finished runs (`results(run)` gives a run's
 * folder read back, undefined when missing): a row per run, an aggregate
 * per grid point (mean and 95 % CI per metric across seeds, SLO shares).
 * It depends only on the runs' folders, so any split of the work gives the
 * same table.
 */
export function tabulate(sweep: Sweep, results: (run: PlannedRun) => RunResult | undefined): SweepTable {
  const metrics = columnMetrics(sweep);
  const byPoint = new Map<number, RunRow[]>();
  const missing: PlannedRun[] = [];
  for (const run of planRuns(sweep)) {
    const r = results(run);
    if (r === undefined) {
      missing.push(run);
      continue;
    }
    const row: RunRow = {
      run,
      status: r.status,
      values: metrics.map((m) => evaluate(m.expr, r.data)),
      slos: sweep.slos.map((s) => holds(s.condition, r.data)),
    };
    const rows = byPoint.get(run.point.index) ?? [];
    rows.push(row);
    byPoint.set(run.point.index, rows);
  }
  const costIndex = metrics.findIndex((m) => m.name === sweep.cost.name);
  const points = gridPoints(sweep.axes).map((point): PointRow => {
    const runs = byPoint.get(point.index) ?? [];
    const share = (ok: (r: RunRow) => boolean) => (runs.length === 0 ? null : runs.filter(ok).length / runs.length);
    return {
      point,
      n: runs.length,
      values: metrics.map((_, i) => meanCi(runs.map((r) => r.values[i] ?? null))),
      sloShares: sweep.slos.map((_, i) => share((r) => r.slos[i] === true)),
      allShare: share((r) => r.slos.every((s) => s)),
      cost: meanCi(runs.map((r) => r.values[costIndex] ?? null)),
      runs,
    };
  });
  return { metrics, points, missing };
}

/**
 * The cheapest grid point whose every seed meets every SLO (all its runs
 * found): the least mean cost, the first in grid order on a tie. Undefined
 * when none does, or when the sweep has no SLOs.
 */
export function cheapestMeeting(sweep: Sweep, table: SweepTable): PointRow | undefined {
  if (sweep.slos.length === 0) return undefined;
  let best: PointRow | undefined;
  for (const p of table.points) {
    if (p.n < sweep.seeds.length || p.allShare !== 1) continue;
    if (best === undefined || (p.cost.mean ?? Infinity) < (best.cost.mean ?? Infinity)) best = p;
  }
  return best;
}
