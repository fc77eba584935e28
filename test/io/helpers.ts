import { type Diagnostic, formatDiagnostic } from '../../src/io/diagnostics.js';
import { type FileSystem, decodeText } from '../../src/io/fs.js';
import { type LoadOptions, loadScenario } from '../../src/io/load-scenario.js';
import type { Scenario } from '../../src/model/scenario.js';

export const FIXTURES = 'test/fixtures/scenarios';

/** A fixture path: `fixture('bad/cycle.yml')`. */
export function fixture(name: string): string {
  return `${FIXTURES}/${name}`;
}

export function lines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(formatDiagnostic);
}

/** Loads a fixture; `lines` are its diagnostics as printed. */
export function loadFixture(name: string, options: LoadOptions = {}): { scenario?: Scenario; lines: string[] } {
  const { scenario, diagnostics } = loadScenario(fixture(name), options);
  return { ...(scenario ? { scenario } : {}), lines: lines(diagnostics) };
}

/** Files held in memory, for small tables of one-object cases. */
export function memoryFs(files: Readonly<Record<string, string>>): FileSystem {
  return {
    read(path) {
      const text = files[path];
      if (text === undefined) return { ok: false, reason: 'missing', path };
      return decodeText(path, new TextEncoder().encode(text));
    },
  };
}

const SCENARIO_HEADER = 'apiVersion: podsim.io/v1alpha1\nkind: Scenario\n';

/** Loads `s.yml` = a bare Scenario document followed by `yaml` (more documents). */
export function loadWith(yaml: string, options: LoadOptions = {}): { scenario?: Scenario; lines: string[] } {
  const fs = memoryFs({ 's.yml': `${SCENARIO_HEADER}---\n${yaml}` });
  const { scenario, diagnostics } = loadScenario('s.yml', { ...options, fs });
  return { ...(scenario ? { scenario } : {}), lines: lines(diagnostics) };
}
