import { hasErrors, sortDiagnostics, type Diagnostic } from '../io/diagnostics.js';
import { loadScenario } from '../io/load-scenario.js';
import type { Override } from '../io/scenario/overrides.js';
import type { Scenario } from '../model/scenario.js';
import { horizonWarnings } from './horizon.js';
import { checkRunnable } from './support.js';

/**
 * Loads a scenario and checks that this build can run it: the loader's
 * diagnostics plus the simulation's refusals, sorted by position. `scenario`
 * is undefined when any of them is an error. The one way in for everything
 * that plays a scenario: the CLI's run, explain and validate, the sweep's
 * grid check and its runs, the tests and benchmarks.
 */
export function loadRunnable(file: string, set: readonly Override[]): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const { scenario, diagnostics } = loadScenario(file, { set });
  const all = sortDiagnostics([...diagnostics, ...(scenario ? runnableDiagnostics(scenario) : [])]);
  return scenario && !hasErrors(all) ? { scenario, diagnostics: all } : { diagnostics: all };
}

/**
 * The simulation's refusals (features not supported yet, bad podsim
 * annotations) as errors, and what the run will not carry out as written
 * (sim/horizon.ts) as warnings.
 */
export function runnableDiagnostics(scenario: Scenario): Diagnostic[] {
  return [...checkRunnable(scenario), ...horizonWarnings(scenario)].map((p) => ({
    severity: p.kind === 'horizon' ? 'warning' : 'error',
    ...p.source,
    path: p.path,
    code: p.kind === 'not-supported' ? 'kind-not-supported' : p.kind === 'never-ends' ? 'field-required' : p.kind === 'horizon' ? 'horizon' : 'field-invalid',
    message: p.kind === 'never-ends' || p.kind === 'horizon' ? p.message : `${p.path}: ${p.message}`,
  }));
}
