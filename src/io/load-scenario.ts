import { basename, extname } from 'node:path';
import { poolNode } from '../model/pool.js';
import type { Manifest, NodeManifest, Scenario } from '../model/scenario.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from './diagnostics.js';
import type { ObjectDocument } from './documents.js';
import type { FileSystem } from './fs.js';
import { versionOf } from './fields/field-validation.js';
import { knownFields } from './fields/known-fields.js';
import { invalidObjectPrefix } from './field-errors.js';
import { nameIsDNSSubdomain } from './manifests/names.js';
import { acceptDefinedPriorityClasses } from './manifests/priorityclass.js';
import { ObjectFiles, SCENARIO_API_VERSION, SCENARIO_KIND, appendAll, checkDuplicates, convertKubernetesObjects } from './object-files.js';
import { applyOverrides, overrideText, type Override } from './scenario/overrides.js';
import { includeEntries, readFieldValidation, readScenarioSpec } from './scenario/spec.js';
import { LoadSession } from './session.js';
import type { ReadDocument } from './yaml/parse.js';

export interface LoadOptions {
  /** Overrides of Scenario spec fields: `--set PATH=VALUE` arguments, and flags (--seed, --duration). */
  readonly set?: readonly Override[];
  /** Where files come from (default: the disk). */
  readonly fs?: FileSystem;
  /** The objects limit (default MAX_OBJECTS, session.ts); tests lower it. */
  readonly maxObjects?: number;
}

export interface LoadResult {
  /** Undefined when any diagnostic is an error. */
  readonly scenario?: Scenario;
  /** Sorted by file, line, column. */
  readonly diagnostics: Diagnostic[];
}

/** The fields of the Scenario document itself; its metadata is a Kubernetes ObjectMeta. */
const SCENARIO_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];

/** The first Scenario object of the main file, which decides what the file is. */
function firstScenario(first: ObjectDocument): 'scenario' | 'misplaced' {
  if (first.field.node !== first.field.ctx.doc.contents) {
    first.field.report('error', 'scenario-misplaced', 'a Scenario must be a document of its own, not a List item');
    return 'misplaced';
  }
  if (first.apiVersion !== SCENARIO_API_VERSION) {
    const message = `no matches for kind "${SCENARIO_KIND}" in version ${JSON.stringify(first.apiVersion)}`;
    first.field.child('apiVersion').report('error', 'api-version', message);
  }
  return 'scenario';
}

function scenarioName(file: string, doc: ObjectDocument): string {
  const nameField = doc.field.child('metadata').child('name');
  const name = nameField.string();
  if (name === undefined || name === '') return basename(file, extname(file));
  const prefixed = nameField.withPrefix(invalidObjectPrefix(SCENARIO_KIND, name));
  for (const msg of nameIsDNSSubdomain(name, false)) prefixed.invalid(name, msg);
  return name;
}

/** What the Scenario document gives before the objects after it are read: its name, its includes, the objects before it. */
interface ScenarioStart {
  readonly doc: ObjectDocument;
  readonly name: string;
  readonly files: ObjectFiles;
  /** Objects at t=0 so far: the main file's before the Scenario document, then the included files'. */
  readonly objects: Manifest[];
}

/**
 * The main file read one document at a time, each object converted as soon
 * as what it belongs to is known, so that a file of 100,000 objects is never
 * held as YAML all at once. Objects before the first Scenario object wait
 * for it (the files it includes are converted first); once the Scenario
 * document is taken, every later object converts as it is read. Conversion
 * order, and so which object gets a once-per-load warning, is that of the
 * whole file converted in order after the includes.
 */
class MainFile {
  private pending: ObjectDocument[] = [];
  private first: ObjectDocument | undefined;
  private start: ScenarioStart | undefined;
  /** Objects converted as read: those after the Scenario document, or every object when the Scenario is misplaced. */
  private readonly converted: Manifest[] = [];
  private syntaxErrors = false;

  constructor(
    private readonly file: string,
    private readonly session: LoadSession,
    private readonly set: readonly Override[],
  ) {}

  read({ document, diagnostics }: ReadDocument): void {
    if (diagnostics.some((d) => d.severity === 'error')) this.syntaxErrors = true;
    if (document === undefined) return;
    let run: ObjectDocument[] = [];
    for (const obj of this.session.objectsOf(document)) {
      if (obj.kind !== SCENARIO_KIND) {
        run.push(obj);
      } else if (this.first === undefined) {
        this.place(run);
        run = [];
        this.first = obj;
        if (firstScenario(obj) === 'scenario') this.start = this.begin(obj);
        else appendAll(this.converted, this.convert(this.pending));
        this.pending = [];
      } else {
        const message = `more than one Scenario document: the first is at ${this.first.source.file}:${this.first.source.line}:${this.first.source.col}`;
        obj.field.report('error', 'scenario-count', message);
      }
    }
    this.place(run);
  }

  /**
   * After the last document: the scenario, or undefined. Without any
   * Scenario object, `objects` checks the file as plain Kubernetes objects
   * (what validate does with such a file); `scenario` reports the missing
   * Scenario document.
   */
  finish(noScenario: 'objects' | 'scenario'): Scenario | undefined {
    if (this.start !== undefined) return this.build(this.start);
    if (this.first !== undefined) return undefined;
    if (noScenario === 'scenario' && !this.syntaxErrors) {
      // with a syntax error, the Scenario may be the document YAML could not read
      const message = `no Scenario document (apiVersion: ${SCENARIO_API_VERSION}, kind: ${SCENARIO_KIND}) in ${this.file}`;
      this.session.diagnostics.push({ severity: 'error', file: this.file, line: 1, col: 1, path: '', code: 'scenario-count', message });
    }
    const manifests = this.convert(this.pending);
    if (noScenario === 'objects') checkDuplicates(manifests, this.session.diagnostics);
    return undefined;
  }

  private place(objects: ObjectDocument[]): void {
    if (objects.length === 0) return;
    if (this.first === undefined) appendAll(this.pending, objects);
    else appendAll(this.converted, this.convert(objects));
  }

  private convert(objects: readonly ObjectDocument[]): Manifest[] {
    return convertKubernetesObjects(objects, this.session);
  }

  /**
   * `--set` overrides, the field validation, the name, the included files,
   * then the objects read before the Scenario document.
   */
  private begin(doc: ObjectDocument): ScenarioStart {
    for (const d of applyOverrides(doc.field.ctx.doc, this.set, doc.field.ctx.positions)) this.session.diagnostics.push(d);
    if (this.set.length > 0) doc.field.ctx.aliases.forget();
    this.session.fieldValidation = readFieldValidation(doc.field.child('spec'));
    const name = scenarioName(this.file, doc);
    const files = new ObjectFiles(this.session, this.file);
    const included = includeEntries(doc.field.child('spec')).flatMap((entry) => files.load(entry));
    const objects = this.convert(this.pending);
    appendAll(objects, included);
    return { doc, name, files, objects };
  }

  private build({ doc, name, files, objects }: ScenarioStart): Scenario {
    appendAll(objects, this.converted);
    const validation = { mode: this.session.fieldValidation, kind: SCENARIO_KIND, version: versionOf(SCENARIO_API_VERSION) };
    const root = doc.field.withValidation(validation);
    root.warnUnknown(SCENARIO_FIELDS);
    root.child('metadata').warnUnknown(knownFields('ObjectMeta'));
    const spec = readScenarioSpec(root.child('spec'), (ref) => files.load(ref));
    const poolNodes: NodeManifest[] = spec.nodePools.flatMap((pool) => Array.from({ length: pool.count }, (_, i) => poolNode(pool, i)));
    // Nodes first: a pod bound by its manifest (an export lists pods before
    // nodes) needs its node; nothing needs a pod before a node. Else document order.
    const all = [...poolNodes, ...objects.filter((m) => m.kind === 'Node'), ...objects.filter((m) => m.kind !== 'Node')];
    checkDuplicates(all, this.session.diagnostics);
    acceptDefinedPriorityClasses(all, this.session.diagnostics);
    return { name, file: this.file, sha256: this.session.sha256(this.set.map(overrideText)), filesSha256: this.session.filesSha256(), ...spec, objects: all };
  }
}

/** Loads the main file; `noScenario` says what a file without a Scenario object is (see MainFile.finish). */
export function loadMainFile(file: string, options: LoadOptions, noScenario: 'objects' | 'scenario'): LoadResult {
  const session = new LoadSession(options.fs, options.maxObjects);
  const main = new MainFile(file, session, options.set ?? []);
  const documents = session.readDocuments(file);
  let scenario: Scenario | undefined;
  if (documents !== undefined) {
    for (const read of documents) {
      main.read(read);
      if (session.full) break;
    }
    scenario = main.finish(noScenario);
  }
  const diagnostics = sortDiagnostics(session.finish());
  return hasErrors(diagnostics) || scenario === undefined ? { diagnostics } : { scenario, diagnostics };
}

/**
 * Loads a scenario file: its Scenario document (with `--set` overrides
 * applied before validation), its Kubernetes objects and every file they
 * name. Every problem is reported; nothing is thrown for bad input.
 */
export function loadScenario(file: string, options: LoadOptions = {}): LoadResult {
  return loadMainFile(file, options, 'scenario');
}
