import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MAX_SHOWN_PATH, cutForMessage } from '../model/long-values.js';
import type { Manifest } from '../model/scenario.js';
import type { Diagnostic } from './diagnostics.js';
import type { ObjectDocument } from './documents.js';
import { checkKnownFields } from './fields/known-fields.js';
import { convertObjects, converterFor } from './manifests/registry.js';
import type { LoadSession } from './session.js';
import type { Field } from './yaml/field.js';

export const SCENARIO_KIND = 'Scenario';
export const SCENARIO_API_VERSION = 'podsim.io/v1alpha1';

/** A path written in `file` resolved as the reader expects: relative to that file's folder. */
export function relativeTo(file: string, path: string): string {
  return isAbsolute(path) ? path : join(dirname(file), path);
}

/** `out.push(...items)` for any length (a spread of 100,000s of arguments overflows the stack). */
export function appendAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/**
 * `kind: Scenario` documents outside the main file are errors; the rest
 * convert, the fields of each kind podsim simulates checked first.
 */
export function convertKubernetesObjects(objects: readonly ObjectDocument[], session: LoadSession): Manifest[] {
  const rest = objects.filter((o) => {
    if (o.kind !== SCENARIO_KIND) return true;
    o.field.report('error', 'scenario-misplaced', 'a Scenario document may appear only in the main scenario file');
    return false;
  });
  for (const o of rest) if (converterFor(o.kind) !== undefined) checkKnownFields(o, session.fieldValidation, session.diagnostics);
  session.unmodelled.scan(rest);
  return convertObjects(rest, session.unknownKinds);
}

/**
 * Files of Kubernetes objects named from the scenario (include, apply),
 * each converted once: a file named twice yields the same manifests and its
 * problems are reported once. The scenario file itself may not be named.
 */
export class ObjectFiles {
  private readonly converted = new Map<string, readonly Manifest[]>();

  constructor(
    private readonly session: LoadSession,
    private readonly scenarioFile: string,
  ) {}

  /** The objects of the file `ref` names (a string field, relative to the scenario file). */
  load(ref: Field): readonly Manifest[] {
    const written = ref.string() ?? '';
    const path = relativeTo(this.scenarioFile, written);
    const key = resolve(path);
    if (key === resolve(this.scenarioFile)) {
      ref.report('error', 'include-cycle', `include cycle: ${cutForMessage(written, MAX_SHOWN_PATH)} is the scenario file itself`);
      return [];
    }
    const known = this.converted.get(key);
    if (known !== undefined) return known;
    this.converted.set(key, []);
    const manifests: Manifest[] = [];
    for (const { document } of this.session.readDocuments(path, ref) ?? []) {
      if (document !== undefined) appendAll(manifests, convertKubernetesObjects(this.session.objectsOf(document), this.session));
      if (this.session.full) break;
    }
    checkDuplicates(manifests, this.session.diagnostics);
    this.converted.set(key, manifests);
    return manifests;
  }
}

/** `pods "web" already exists`, as the API server answers a second create; at the later object. */
export function checkDuplicates(objects: readonly Manifest[], diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const m of objects) {
    const namespace = 'namespace' in m ? m.namespace : '';
    if (m.name === '') continue;
    const key = `${m.kind}/${namespace}/${m.name}`;
    if (seen.has(key)) {
      const message = `${m.kind.toLowerCase()}s ${JSON.stringify(m.name)} already exists`;
      diagnostics.push({ severity: 'error', ...m.source, path: 'metadata.name', code: 'object-duplicate', message });
    }
    seen.add(key);
  }
}
