import type { Scenario } from '../model/scenario.js';
import { scenarioManifests } from '../model/scenario-manifests.js';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from './diagnostics.js';
import { type LoadOptions, loadMainFile } from './load-scenario.js';
import { appendAll } from './object-files.js';

export interface ValidateOptions extends LoadOptions {
  /** More checks on each loaded scenario (the simulation's: what this build cannot run yet). */
  readonly check?: (scenario: Scenario) => Diagnostic[];
}

/**
 * Images that pods use but the registry catalogue does not list and no node
 * starts with: they will be pulled at `registry.defaultImageSize`. One warning
 * per image, at the first object using it.
 */
export function catalogueWarnings(scenario: Scenario): Diagnostic[] {
  const known = new Set([...scenario.images.keys(), ...scenario.objects.flatMap((m) => (m.kind === 'Node' ? m.images : []))]);
  for (const pool of scenario.nodePools) for (const image of pool.images) known.add(image);
  const out: Diagnostic[] = [];
  for (const m of scenarioManifests(scenario)) {
    if (m.kind !== 'Pod') continue;
    for (const c of [...m.template.spec.initContainers, ...m.template.spec.containers]) {
      if (c.image === '' || known.has(c.image)) continue;
      known.add(c.image);
      const message = `image ${JSON.stringify(c.image)} is not in spec.images: it is pulled as registry.defaultImageSize (${scenario.registry.defaultImageSize} bytes)`;
      out.push({ severity: 'warning', ...m.source, path: 'spec.images', code: 'image-not-in-catalogue', message });
    }
  }
  return out;
}

/**
 * `podsim validate FILE...`: every problem of every file, sorted, each
 * reported once even when files share includes. Scenario files are loaded in
 * full (with `set` overrides); files without a Scenario document are checked
 * as plain Kubernetes objects.
 */
export function validateFiles(files: readonly string[], options: ValidateOptions = {}): Diagnostic[] {
  const all: Diagnostic[] = [];
  for (const file of files) {
    const { scenario, diagnostics } = loadMainFile(file, options, 'objects');
    appendAll(all, diagnostics);
    if (scenario !== undefined) appendAll(all, [...catalogueWarnings(scenario), ...(options.check?.(scenario) ?? [])]);
  }
  const seen = new Set<string>();
  return sortDiagnostics(all).filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
