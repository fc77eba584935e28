import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepPoint, SweepReportData, SweepSlo } from '../../report/sweep-report.js';
import { readCsv } from './csv-read.js';
import { ReportInputError } from './run-folder.js';

/**
 * What sweep.json says about a sweep (all optional): its name, the swept
 * parameters (sweep.csv columns, the first on the x axis), the metrics to
 * draw, the SLOs, and the grid point chosen.
 */
interface SweepMeta {
  readonly name?: string;
  readonly parameters?: readonly string[];
  readonly metrics?: readonly string[];
  readonly slos?: readonly SweepSlo[];
  readonly chosen?: Readonly<Record<string, string | number>> | null;
}

/** A sweep folder holds sweep.csv. */
export function isSweepFolder(dir: string): boolean {
  return existsSync(join(dir, 'sweep.csv'));
}

const CI_LOW = '.ci95_low';
const CI_HIGH = '.ci95_high';

/**
 * Reads a sweep folder. Assumed layout (issue 16's sweep.csv):
 *   - sweep.csv: a header; `run_id`, then the swept parameters (named by
 *     their --set path), `seed`, then one column per metric (summary.json's
 *     dotted path). A row per run (`seed` set) and a row per grid point
 *     (`seed` empty) holding each metric's mean across the seeds, with
 *     `<metric>.ci95_low` and `<metric>.ci95_high` for its 95 % interval.
 *   - sweep.json (optional): SweepMeta. Without it the parameters are the
 *     columns between `run_id` and `seed` and the metrics the rest.
 */
export function readSweepFolder(dir: string): SweepReportData {
  const metaFile = join(dir, 'sweep.json');
  let meta: SweepMeta = {};
  if (existsSync(metaFile)) {
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8')) as SweepMeta;
    } catch (e) {
      throw new ReportInputError(`${metaFile}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  let columns: string[] | undefined;
  const points: SweepPoint[] = [];
  const runs: { params: Record<string, string>; values: Record<string, number> }[] = [];
  readCsv(join(dir, 'sweep.csv'), (r, header) => {
    columns ??= header;
    const parameters = meta.parameters ?? between(header, 'run_id', 'seed');
    const metrics = meta.metrics ?? metricColumns(header, parameters);
    const params = Object.fromEntries(parameters.map((p) => [p, r(p)]));
    const num = (c: string): number | null => (r(c) === '' ? null : Number(r(c)));
    if (r('seed') === '') {
      points.push({
        params,
        mean: Object.fromEntries(metrics.map((m) => [m, num(m)])),
        low: Object.fromEntries(metrics.map((m) => [m, num(m + CI_LOW)])),
        high: Object.fromEntries(metrics.map((m) => [m, num(m + CI_HIGH)])),
        runs: {},
      });
    } else runs.push({ params, values: Object.fromEntries(metrics.flatMap((m) => (num(m) === null ? [] : [[m, num(m)!]]))) });
  });
  const header = columns ?? [];
  const parameters = meta.parameters ?? between(header, 'run_id', 'seed');
  const metrics = meta.metrics ?? metricColumns(header, parameters);
  const same = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => parameters.every((p) => a[p] === b[p]);
  const withRuns = points.map((p) => ({
    ...p,
    runs: Object.fromEntries(metrics.map((m) => [m, runs.filter((r) => same(r.params, p.params) && r.values[m] !== undefined).map((r) => r.values[m]!)])),
  }));
  const chosen = meta.chosen === undefined || meta.chosen === null ? null : Object.fromEntries(Object.entries(meta.chosen).map(([k, v]) => [k, String(v)]));
  return { name: meta.name ?? dir.split(/[\\/]/).filter(Boolean).pop() ?? 'sweep', parameters, metrics, slos: meta.slos ?? [], points: withRuns, chosen, runCount: runs.length };
}

function between(header: readonly string[], from: string, to: string): string[] {
  const a = header.indexOf(from);
  const b = header.indexOf(to);
  return a >= 0 && b > a ? header.slice(a + 1, b) : [];
}

function metricColumns(header: readonly string[], parameters: readonly string[]): string[] {
  return header.filter((c) => c !== 'run_id' && c !== 'seed' && !parameters.includes(c) && !c.endsWith(CI_LOW) && !c.endsWith(CI_HIGH));
}
