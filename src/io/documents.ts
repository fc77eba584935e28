import type { Diagnostic } from './diagnostics.js';
import type { SourceRef } from '../model/scenario.js';
import { Field, type ReadContext } from './yaml/field.js';
import type { YamlDocument } from './yaml/parse.js';

/** One object of a file (a document, or an item of a List), not yet converted. */
export interface ObjectDocument {
  readonly kind: string;
  readonly apiVersion: string;
  /** The object's root; paths inside start at `metadata`, `spec`... */
  readonly field: Field;
  readonly source: SourceRef;
}

function contextFor(doc: YamlDocument, diagnostics: Diagnostic[]): ReadContext {
  return { doc: doc.doc, aliases: doc.aliases, positions: doc.positions, diagnostics, prefix: '', reported: new WeakSet() };
}

/** `PodList` -> `Pod`; `List` -> undefined (its items must say their kind). */
function itemKindOf(listKind: string): string | undefined {
  return listKind === 'List' ? undefined : listKind.slice(0, -'List'.length);
}

function isListKind(kind: string): boolean {
  return kind === 'List' || (kind.endsWith('List') && kind.length > 'List'.length);
}

/** Kind and apiVersion that items of a typed list (`PodList`) may leave out. */
interface ItemDefaults {
  readonly kind?: string;
  readonly apiVersion?: string;
}

/** Adds the objects of `root` to `out`, stopping once `out` holds more than `limit`. */
function collect(root: Field, defaults: ItemDefaults, out: ObjectDocument[], limit: number): void {
  if (out.length > limit) return;
  if (!root.isMap) {
    root.report('error', 'type-invalid', 'a document must be an object with apiVersion and kind');
    return;
  }
  const kind = root.child('kind').string() ?? defaults.kind;
  const apiVersion = root.child('apiVersion').string() ?? defaults.apiVersion;
  if (kind === undefined) {
    root.report('error', 'field-required', 'kind not set');
    return;
  }
  if (isListKind(kind)) {
    const itemKind = itemKindOf(kind);
    const itemDefaults = itemKind === undefined ? {} : { kind: itemKind, ...(apiVersion !== undefined ? { apiVersion } : {}) };
    for (const item of root.child('items').items()) {
      if (out.length > limit) return;
      collect(item.withPath(''), itemDefaults, out, limit);
    }
    return;
  }
  if (apiVersion === undefined) {
    root.report('error', 'field-required', 'apiVersion not set');
    return;
  }
  const { file, line, col } = root.position;
  out.push({ kind, apiVersion, field: root, source: { file, line, col } });
}

/**
 * The objects of one document: itself, or the items of a `List` or `*List`
 * kind (what `kubectl get -o yaml` exports). Items of a typed list
 * (`PodList`) may omit kind and apiVersion. With `limit`, at most `limit + 1`
 * objects are collected (the one past the limit shows where it was crossed),
 * the rest of the document is not read.
 */
export function documentObjects(doc: YamlDocument, diagnostics: Diagnostic[], limit = Infinity): ObjectDocument[] {
  const out: ObjectDocument[] = [];
  collect(Field.root(contextFor(doc, diagnostics), doc.root, doc.position), {}, out, limit);
  return out;
}

/** The objects of a file in document order (`documentObjects` of each). */
export function objectDocuments(documents: readonly YamlDocument[], diagnostics: Diagnostic[]): ObjectDocument[] {
  const out: ObjectDocument[] = [];
  for (const doc of documents) {
    collect(Field.root(contextFor(doc, diagnostics), doc.root, doc.position), {}, out, Infinity);
  }
  return out;
}
