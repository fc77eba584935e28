import { hasErrors, sortDiagnostics, type Diagnostic } from '../io/diagnostics.js';
import { loadScenario } from '../io/load-scenario.js';
import type { Scenario } from '../model/scenario.js';
import { checkRunnable } from '../sim/support.js';

/**
 * Loads a scenario and checks that this build can run it: the loader's
 * diagnostics plus the simulation's refusals (features not supported yet,
 * bad podsim annotations), sorted by position. `scenario` is undefined when
 * any of them is an error.
 */
export function loadRunnable(file: string, set: readonly string[]): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const { scenario, diagnostics } = loadScenario(file, { set: [...set] });
  const all = [...diagnostics];
  if (scenario) {
    for (const p of checkRunnable(scenario)) {
      const code = p.kind === 'not-supported' ? 'kind-not-supported' : 'field-invalid';
      all.push({ severity: 'error', ...p.source, path: p.path, code, message: `${p.path}: ${p.message}` });
    }
  }
  const sorted = sortDiagnostics(all);
  return hasErrors(sorted) ? { diagnostics: sorted } : { scenario: scenario!, diagnostics: sorted };
}
