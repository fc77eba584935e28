import { csvRow, type Field } from '../io/trace/csv-file.js';
import { cheapestMeeting, type PointRow, type SweepTable } from './aggregate.js';
import { valueText } from './grid.js';
import type { MeanCi } from './stats.js';
import type { Sweep } from './sweep.js';

/** A figure as sweep.csv writes it: at most 3 decimals, no exponent for ordinary sizes; empty for none. */
export function figure(x: number | null): Field {
  if (x === null) return undefined;
  const r = Math.round(x * 1000) / 1000;
  return String(Object.is(r, -0) ? 0 : r);
}

function parameterNames(sweep: Sweep): string[] {
  return sweep.axes.flatMap((a) => a.parameters.map((p) => p.name));
}

function pointValues(p: PointRow): string[] {
  return p.point.values.map((v) => valueText(v.value));
}

/**
 * sweep.csv: a header, then for each grid point (grid order) a row per run
 * (seed order) and its aggregate row. Columns:
 *   row            `run` or `mean`
 *   run_id         `nodes=8/seed=3` (a run's folder), or the grid point's `nodes=8`
 *   <parameters>   the grid point's values
 *   seed           the run's seed (empty on mean rows)
 *   status         run.json's status (empty on mean rows)
 *   n              runs aggregated (empty on run rows)
 *   for each metric M: M, M_ci_low, M_ci_high
 *                  a run's value; the mean over seeds and its 95 % Student-t
 *                  interval (empty with fewer than 2 runs)
 *   for each SLO S: S   true/false; the share of seeds meeting it
 *   meets_slos     true/false: every SLO met; the share of seeds meeting every SLO
 * A grid point without any finished run (not probed by --search, or every
 * run missing) has no rows.
 */
export function sweepCsv(sweep: Sweep, table: SweepTable): string {
  const header = ['row', 'run_id', ...parameterNames(sweep), 'seed', 'status', 'n'];
  for (const m of table.metrics) header.push(m.name, `${m.name}_ci_low`, `${m.name}_ci_high`);
  for (const s of sweep.slos) header.push(s.name);
  header.push('meets_slos');
  let text = csvRow(header);
  for (const p of table.points) {
    if (p.n === 0) continue;
    for (const r of p.runs) {
      const row: Field[] = ['run', r.run.id, ...pointValues(p), String(r.run.seed), r.status, undefined];
      for (const v of r.values) row.push(figure(v), undefined, undefined);
      for (const s of r.slos) row.push(String(s));
      row.push(String(r.slos.every((s) => s)));
      text += csvRow(row);
    }
    const row: Field[] = ['mean', p.point.id, ...pointValues(p), undefined, undefined, String(p.n)];
    for (const v of p.values) row.push(figure(v.mean), figure(v.low), figure(v.high));
    for (const s of p.sloShares) row.push(figure(s));
    row.push(figure(p.allShare));
    text += csvRow(row);
  }
  return text;
}

function meanText(v: MeanCi): string {
  if (v.mean === null) return '-';
  const m = figure(v.mean) ?? '';
  return v.high === null ? m : `${m} ±${figure(v.high - v.mean)}`;
}

function percent(x: number | null): string {
  return x === null ? '-' : `${Math.round(x * 100)}%`;
}

/** Columns padded to their widest cell, two spaces apart. */
function aligned(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}

/**
 * The table printed after a sweep: one line per grid point (means ± CI
 * half-width, SLO shares), then, with `answer` (not for a shard's or an
 * interrupted sweep's part of the runs), the cheapest grid point meeting
 * every SLO.
 */
export function formatSweepTable(sweep: Sweep, table: SweepTable, answer = true): string {
  const header = [...parameterNames(sweep), 'seeds', ...table.metrics.map((m) => m.name), ...sweep.slos.map((s) => s.name)];
  const rows = table.points.filter((p) => p.n > 0).map((p) => [
    ...pointValues(p),
    `${p.n}/${sweep.seeds.length}`,
    ...p.values.map(meanText),
    ...p.sloShares.map(percent),
  ]);
  let text = aligned([header, ...rows]);
  if (sweep.slos.length === 0 || !answer) return text;
  const best = cheapestMeeting(sweep, table);
  if (best === undefined) {
    text += `\nno grid point meets every SLO with all ${sweep.seeds.length} seeds\n`;
  } else {
    const cost = meanText(best.cost);
    text += `\ncheapest grid point meeting every SLO: ${best.point.id || '(the only one)'} (${sweep.cost.name} ${cost})\n`;
    sweep.slos.forEach((s, i) => {
      text += `  ${s.name}: met by ${percent(best.sloShares[i] ?? null)} of ${best.n} seeds\n`;
    });
  }
  return text;
}
