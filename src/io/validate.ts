import type { Scenario } from '../model/scenario.js';
import { scenarioManifests } from '../model/scenario-manifests.js';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from './diagnostics.js';
import { objectDocuments } from './documents.js';
import type { FileSystem } from './fs.js';
import { type LoadOptions, loadScenario } from './load-scenario.js';
import { SCENARIO_KIND, checkDuplicates, convertKubernetesObjects } from './object-files.js';
import { LoadSession } from './session.js';

export interface ValidateOptions extends LoadOptions {
  /** More checks on each loaded scenario (the simulation's: what this build cannot run yet). */
  readonly check?: (scenario: Scenario) => Diagnostic[];
}

/** Does the file hold a Scenario document? (A parse of its own: `validate` also takes plain manifest files.) */
function holdsScenario(file: string, fs: FileSystem | undefined): boolean {
  const probe = new LoadSession(fs);
  const parsed = probe.readFile(file);
  if (parsed === undefined) return true; // let loadScenario report why it cannot be read
  const scratch: Diagnostic[] = [];
  return objectDocuments(parsed.documents, scratch).some((o) => o.kind === SCENARIO_KIND);
}

/** A file of Kubernetes objects alone (what `include` and `apply` name). */
function validateObjectsFile(file: string, fs: FileSystem | undefined): Diagnostic[] {
  const session = new LoadSession(fs);
  const parsed = session.readFile(file);
  if (parsed !== undefined) {
    const manifests = convertKubernetesObjects(objectDocuments(parsed.documents, session.diagnostics), session);
    checkDuplicates(manifests, session.diagnostics);
  }
  return session.finish();
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
    if (!holdsScenario(file, options.fs)) {
      all.push(...validateObjectsFile(file, options.fs));
      continue;
    }
    const { scenario, diagnostics } = loadScenario(file, options);
    all.push(...diagnostics);
    if (scenario !== undefined) all.push(...catalogueWarnings(scenario), ...(options.check?.(scenario) ?? []));
  }
  const seen = new Set<string>();
  return sortDiagnostics(all).filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
