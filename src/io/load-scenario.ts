import { basename, extname } from 'node:path';
import { poolNode } from '../model/pool.js';
import type { Manifest, NodeManifest, Scenario } from '../model/scenario.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from './diagnostics.js';
import { type ObjectDocument, objectDocuments } from './documents.js';
import type { FileSystem } from './fs.js';
import { invalidObjectPrefix } from './field-errors.js';
import { nameIsDNSSubdomain } from './manifests/names.js';
import { acceptDefinedPriorityClasses } from './manifests/priorityclass.js';
import { ObjectFiles, SCENARIO_API_VERSION, SCENARIO_KIND, checkDuplicates, convertKubernetesObjects } from './object-files.js';
import { applyOverrides } from './scenario/overrides.js';
import { includeEntries, readScenarioSpec } from './scenario/spec.js';
import { LoadSession } from './session.js';

export interface LoadOptions {
  /** `PATH=VALUE` overrides of Scenario spec fields (--set, --seed, --duration). */
  readonly set?: readonly string[];
  /** Where files come from (default: the disk). */
  readonly fs?: FileSystem;
}

export interface LoadResult {
  /** Undefined when any diagnostic is an error. */
  readonly scenario?: Scenario;
  /** Sorted by file, line, column. */
  readonly diagnostics: Diagnostic[];
}

/** The one Scenario document of the main file; zero or two are errors. */
function pickScenario(file: string, objects: readonly ObjectDocument[], diagnostics: Diagnostic[], syntaxErrors: boolean): ObjectDocument | undefined {
  const found = objects.filter((o) => o.kind === SCENARIO_KIND);
  const first = found[0];
  if (first === undefined) {
    if (syntaxErrors) return undefined; // it may be the document YAML could not read
    const message = `no Scenario document (apiVersion: ${SCENARIO_API_VERSION}, kind: ${SCENARIO_KIND}) in ${file}`;
    diagnostics.push({ severity: 'error', file, line: 1, col: 1, path: '', code: 'scenario-count', message });
    return undefined;
  }
  for (const extra of found.slice(1)) {
    const message = `more than one Scenario document: the first is at ${first.source.file}:${first.source.line}:${first.source.col}`;
    extra.field.report('error', 'scenario-count', message);
  }
  if (first.field.node !== first.field.ctx.doc.contents) {
    first.field.report('error', 'scenario-misplaced', 'a Scenario must be a document of its own, not a List item');
    return undefined;
  }
  if (first.apiVersion !== SCENARIO_API_VERSION) {
    const message = `no matches for kind "${SCENARIO_KIND}" in version ${JSON.stringify(first.apiVersion)}`;
    first.field.child('apiVersion').report('error', 'api-version', message);
  }
  return first;
}

function scenarioName(file: string, doc: ObjectDocument): string {
  const nameField = doc.field.child('metadata').child('name');
  const name = nameField.string();
  if (name === undefined || name === '') return basename(file, extname(file));
  const prefixed = nameField.withPrefix(invalidObjectPrefix(SCENARIO_KIND, name));
  for (const msg of nameIsDNSSubdomain(name, false)) prefixed.invalid(name, msg);
  return name;
}

/** Objects at t=0: the main file's in document order, included files in place of the Scenario document. */
function initialObjects(main: readonly ObjectDocument[], scenarioDoc: ObjectDocument, included: readonly Manifest[], session: LoadSession): Manifest[] {
  const at = main.indexOf(scenarioDoc);
  const before = convertKubernetesObjects(main.slice(0, at), session);
  const after = convertKubernetesObjects(main.slice(at + 1).filter((o) => o.kind !== SCENARIO_KIND), session);
  return [...before, ...included, ...after];
}

function buildScenario(file: string, session: LoadSession, main: readonly ObjectDocument[], doc: ObjectDocument, set: readonly string[]): Scenario {
  session.diagnostics.push(...applyOverrides(doc.field.ctx.doc, set, doc.field.ctx.positions));
  const name = scenarioName(file, doc);
  const files = new ObjectFiles(session, file);
  const specField = doc.field.child('spec');
  const included = includeEntries(specField).flatMap((entry) => files.load(entry));
  const objects = initialObjects(main, doc, included, session);
  const spec = readScenarioSpec(specField, (ref) => files.load(ref));
  const poolNodes: NodeManifest[] = spec.nodePools.flatMap((pool) => Array.from({ length: pool.count }, (_, i) => poolNode(pool, i)));
  // Nodes first: a pod bound by its manifest (an export lists pods before
  // nodes) needs its node; nothing needs a pod before a node. Else document order.
  const all = [...poolNodes, ...objects.filter((m) => m.kind === 'Node'), ...objects.filter((m) => m.kind !== 'Node')];
  checkDuplicates(all, session.diagnostics);
  acceptDefinedPriorityClasses(all, session.diagnostics);
  return { name, file, sha256: session.sha256(), ...spec, objects: all };
}

/**
 * Loads a scenario file: its Scenario document (with `--set` overrides
 * applied before validation), its Kubernetes objects and every file they
 * name. Every problem is reported; nothing is thrown for bad input.
 */
export function loadScenario(file: string, options: LoadOptions = {}): LoadResult {
  const session = new LoadSession(options.fs);
  const parsed = session.readFile(file);
  let scenario: Scenario | undefined;
  if (parsed !== undefined) {
    const main = objectDocuments(parsed.documents, session.diagnostics);
    const syntaxErrors = parsed.diagnostics.some((d) => d.severity === 'error');
    const doc = pickScenario(file, main, session.diagnostics, syntaxErrors);
    if (doc !== undefined) scenario = buildScenario(file, session, main, doc, options.set ?? []);
    else convertKubernetesObjects(main.filter((o) => o.kind !== SCENARIO_KIND), session);
  }
  const diagnostics = sortDiagnostics(session.finish());
  return hasErrors(diagnostics) || scenario === undefined ? { diagnostics } : { scenario, diagnostics };
}
