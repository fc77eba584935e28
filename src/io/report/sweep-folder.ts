import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepPoint, SweepReportData, SweepSlo } from '../../report/sweep-report.js';
import { SWEEP_COPY, SWEEP_CSV } from '../../sweep/folder-layout.js';
import { loadSweep } from '../../sweep/load-sweep.js';
import type { Sweep } from '../../sweep/sweep.js';
import { formatDiagnostic } from '../diagnostics.js';
import { readCsv } from './csv-read.js';
import { ReportInputError } from './run-folder.js';

/** A sweep folder holds sweep.csv. */
export function isSweepFolder(dir: string): boolean {
  return existsSync(join(dir, SWEEP_CSV));
}

const CI_LOW = '_ci_low';
const CI_HIGH = '_ci_high';

/**
 * Reads a folder `podsim sweep` (or `podsim merge`) wrote: sweep.csv (see
 * src/sweep/sweep-csv.ts: `row` is `run` or `mean`; `run_id`, the swept
 * parameters, `seed`, `status`, `n`, each metric M with M_ci_low and
 * M_ci_high, each SLO's column, `meets_slos`) and the Sweep document's copy
 * (sweep.yml), which names the metrics and SLOs and says what is cheapest.
 * The chosen point is the one `podsim sweep` names: the least mean cost among
 * the grid points whose every seed meets every SLO. An SLO is drawn as a line
 * on a metric's chart when it compares that metric's very expression with a
 * number.
 */
export function readSweepFolder(dir: string): SweepReportData {
  const sweep = readSweepCopy(dir);
  let header: readonly string[] = [];
  const means: Record<string, string>[] = [];
  const runs: Record<string, string>[] = [];
  readCsv(join(dir, SWEEP_CSV), (r, h) => {
    header = h;
    const row = Object.fromEntries(h.map((c) => [c, r(c)]));
    if (row.row === 'mean') means.push(row);
    else if (row.row === 'run') runs.push(row);
  });
  if (!header.includes('row') || !header.includes('run_id') || !header.includes('seed')) {
    throw new ReportInputError(`${join(dir, SWEEP_CSV)}: not a sweep.csv that podsim sweep writes (columns row, run_id, ..., seed)`);
  }
  const parameters = between(header, 'run_id', 'seed');
  const metrics = header.filter((c) => header.includes(c + CI_LOW) && header.includes(c + CI_HIGH));
  const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
  const params = (row: Record<string, string>) => Object.fromEntries(parameters.map((p) => [p, row[p] ?? '']));
  const same = (a: Record<string, string>, b: Record<string, string>): boolean => parameters.every((p) => a[p] === b[p]);
  const points: SweepPoint[] = means.map((m) => ({
    params: params(m),
    mean: Object.fromEntries(metrics.map((c) => [c, num(m[c])])),
    low: Object.fromEntries(metrics.map((c) => [c, num(m[c + CI_LOW])])),
    high: Object.fromEntries(metrics.map((c) => [c, num(m[c + CI_HIGH])])),
    runs: Object.fromEntries(metrics.map((c) => [c, runs.filter((r) => same(r, m) && num(r[c]) !== null).map((r) => num(r[c]) as number)])),
  }));
  return {
    name: sweep?.name ?? dir.split(/[\\/]/).filter(Boolean).pop() ?? 'sweep',
    parameters,
    metrics,
    slos: sweep === undefined ? [] : sloLines(sweep),
    points,
    chosen: sweep === undefined ? null : chosenPoint(sweep, means, runs, parameters),
    runCount: runs.length,
  };
}

/** The Sweep document's copy in the folder; undefined when absent (a sweep.csv alone). */
function readSweepCopy(dir: string): Sweep | undefined {
  const file = join(dir, SWEEP_COPY);
  if (!existsSync(file)) return undefined;
  const { sweep, diagnostics } = loadSweep(file);
  if (sweep === undefined) throw new ReportInputError(diagnostics.map(formatDiagnostic).join('\n'));
  return sweep;
}

/** SLOs of the form `<a metric's expression> <op> <number>`, as lines on that metric's chart. */
function sloLines(sweep: Sweep): SweepSlo[] {
  const out: SweepSlo[] = [];
  for (const s of sweep.slos) {
    const { left, right, op } = s.condition;
    if (right.k !== 'number' || op === '!=') continue;
    const metric = sweep.metrics.find((m) => JSON.stringify(m.expr) === JSON.stringify(left));
    if (metric !== undefined) out.push({ text: `${s.name}: ${s.text}`, metric: metric.name, op, value: right.value });
  }
  return out;
}

/** aggregate.ts cheapestMeeting over sweep.csv: every seed's run row meets every SLO, least mean cost (as rounded in the file), first in grid order on a tie. */
function chosenPoint(sweep: Sweep, means: readonly Record<string, string>[], runs: readonly Record<string, string>[], parameters: readonly string[]): Record<string, string> | null {
  if (sweep.slos.length === 0) return null;
  let best: Record<string, string> | undefined;
  const cost = (r: Record<string, string>): number => (r[sweep.cost.name] === undefined || r[sweep.cost.name] === '' ? Infinity : Number(r[sweep.cost.name]));
  for (const r of means) {
    // Every seed's own row says true: the mean row's share is rounded (1999 of 2000 prints as 1).
    const seeds = runs.filter((x) => parameters.every((p) => x[p] === r[p]));
    if (Number(r.n) < sweep.seeds.length || seeds.length < sweep.seeds.length || !seeds.every((x) => x.meets_slos === 'true')) continue;
    if (best === undefined || cost(r) < cost(best)) best = r;
  }
  return best === undefined ? null : Object.fromEntries(parameters.map((p) => [p, best![p] ?? '']));
}

function between(header: readonly string[], from: string, to: string): string[] {
  const a = header.indexOf(from);
  const b = header.indexOf(to);
  return a >= 0 && b > a ? header.slice(a + 1, b) : [];
}
