import { type Diagnostic, type Position, formatDiagnostic, hasErrors } from '../io/diagnostics.js';
import { loadScenario } from '../io/load-scenario.js';
import { overrideText, type Override } from '../io/scenario/overrides.js';
import { scenarioSha256 } from '../io/session.js';
import { loadRunnable } from '../sim/load-runnable.js';
import { type GridPoint, gridPoints, planRuns, pointOverrides, seedOverride, type PlannedRun } from './grid.js';
import type { Sweep } from './sweep.js';

/** The overrides of one run, in the order they apply: the sweep's fixed ones, the grid point's, the seed. */
export function runOverrides(sweep: Sweep, run: PlannedRun): Override[] {
  return [...sweep.set, ...pointOverrides(run.point), seedOverride(run.seed)];
}

/**
 * The scenario_sha256 `run` would have if it ran now: the scenario loaded
 * with the run's overrides, as runOne loads it (io/session.ts hashes every
 * file read and the overrides). Undefined when the scenario no longer loads.
 * --resume keeps a finished run only when its run.json has this hash.
 */
export function runScenarioSha256(sweep: Sweep, run: PlannedRun): string | undefined {
  return loadScenario(sweep.scenario, { set: runOverrides(sweep, run) }).scenario?.sha256;
}

/**
 * runScenarioSha256 for many runs, loading the scenario once per grid point
 * rather than once per run: a run's seed changes no file the scenario reads,
 * so the runs of a point share their files' hash, and each run's hash is
 * that with its own overrides (scenarioSha256, as the load works it out).
 */
export function runScenarioHasher(sweep: Sweep): (run: PlannedRun) => string | undefined {
  const files = new Map<number, string | undefined>();
  return (run) => {
    let hash: string | undefined;
    if (files.has(run.point.index)) hash = files.get(run.point.index);
    else files.set(run.point.index, (hash = loadScenario(sweep.scenario, { set: runOverrides(sweep, run) }).scenario?.filesSha256));
    return hash === undefined ? undefined : scenarioSha256(hash, runOverrides(sweep, run).map(overrideText));
  };
}

/**
 * A diagnostic of an override labelled `label` (loadRunnable reports it at
 * `<label>:1:<col>`), moved to where the label is written in the Sweep file.
 */
function placed(d: Diagnostic, labels: ReadonlyMap<string, Position>, sweepFile: string, point: GridPoint): Diagnostic {
  const at = labels.get(d.file);
  if (at === undefined) return d;
  // A path or YAML problem is worded `<flag> <value>: why`: say it as the --set it is.
  const path = d.file.slice(d.file.indexOf('|') + 1);
  const message = d.message.startsWith(`${d.file} `) ? `${path}=${d.message.slice(d.file.length + 1)}` : d.message;
  const where = point.id === '' ? '' : `grid point ${point.id}: `;
  return { ...d, file: sweepFile, line: at.line, col: at.col, message: `${where}${message}` };
}

/**
 * Checks that every grid point makes a valid scenario: the scenario is
 * loaded with each point's overrides (and the first seed), as its runs will
 * load it. Problems of an override's value are reported at the parameter in
 * the Sweep file; the scenario's own problems once each.
 */
export function checkGrid(sweep: Sweep, labels: ReadonlyMap<string, Position>): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const seed = sweep.seeds[0] ?? 1;
  for (const point of gridPoints(sweep.axes)) {
    const run: PlannedRun = { index: 0, id: '', point, seed };
    const { diagnostics } = loadRunnable(sweep.scenario, runOverrides(sweep, run));
    for (const d of diagnostics) {
      const p = placed(d, labels, sweep.file, point);
      const text = formatDiagnostic({ ...p, message: p.message.replace(/^grid point [^:]*: /, '') });
      if (seen.has(text)) continue;
      seen.add(text);
      out.push(p);
    }
    if (hasErrors(out)) break;
  }
  return out;
}

export { planRuns };
