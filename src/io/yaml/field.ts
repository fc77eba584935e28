import { type Document, type Node, type Pair, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Diagnostic, DiagnosticCode, Position, Severity } from '../diagnostics.js';
import {
  duplicateBody,
  fieldMessage,
  forbiddenBody,
  invalidBody,
  requiredBody,
  unsupportedBody,
} from '../field-errors.js';
import { setOwn } from '../../model/records.js';
import { type ObjectValidation, unknownFieldDiagnostic } from '../fields/field-validation.js';
import type { AliasTargets } from './aliases.js';
import { isMergeKey, mergedPairs } from './merge-keys.js';
import type { Positions } from './parse.js';

/** Shared by every Field of one object: where problems go and how they are worded. */
export interface ReadContext {
  readonly doc: Document;
  /** Where the document's aliases point. */
  readonly aliases: AliasTargets;
  readonly positions: Positions;
  readonly diagnostics: Diagnostic[];
  /** Put before every message, e.g. `The Pod "web" is invalid: `. */
  readonly prefix: string;
  /** Nodes whose wrong type was already reported (one report per node). */
  readonly reported: WeakSet<Node>;
  /** How `warnUnknown` treats unknown fields (field-validation.ts); without it, each is a warning. */
  readonly validation?: ObjectValidation;
}

export type ScalarValue = string | number | boolean;

/** Maps with more entries than this are indexed once by `entries()` rather than scanned for each key. */
const SCANNED_ENTRIES = 16;

function resolve(ctx: ReadContext, node: unknown): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return ctx.aliases.resolve(node);
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

/** A map key as text: parsed keys are Scalars, keys added by --set may be plain strings. */
function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

function shown(node: Node): unknown {
  if (isScalar(node)) return node.value;
  return isSeq(node) ? [] : {};
}

/**
 * A typed, position-aware view of one YAML value and its field path
 * (`spec.containers[0].resources.requests[cpu]`). Reading a value of the wrong
 * type reports a diagnostic at the field and yields undefined, so converters
 * read straight through and every problem of a file is reported.
 */
export class Field {
  constructor(
    readonly ctx: ReadContext,
    readonly node: Node | undefined,
    readonly path: string,
    /** The map key the value was found under: the field's position when it has one. */
    private readonly keyNode: Node | undefined,
    /** Where to point when neither key nor value has a position: the field it was read from, or the document's start. */
    private readonly anchor: Field | Position,
  ) {}

  static root(ctx: ReadContext, node: Node | null, position: Position, path = ''): Field {
    return new Field(ctx, resolve(ctx, node), path, undefined, position);
  }

  /** The same value with another message prefix. */
  withPrefix(prefix: string): Field {
    return new Field({ ...this.ctx, prefix }, this.node, this.path, this.keyNode, this.anchor);
  }

  /** The same value, its unknown fields (and those of every field read from it) reported as `validation` says. */
  withValidation(validation: ObjectValidation): Field {
    return new Field({ ...this.ctx, validation }, this.node, this.path, this.keyNode, this.anchor);
  }

  /** The same value under another path (fields of a template reused elsewhere). */
  withPath(path: string): Field {
    return new Field(this.ctx, this.node, path, this.keyNode, this.anchor);
  }

  /**
   * Where messages about this field point: its key, else its value, else the
   * nearest ancestor present. Worked out when asked (a report), not when the
   * field is read: most fields are read and never reported.
   */
  get position(): Position {
    const p = this.ctx.positions;
    return p.origin(this.node) ?? p.of(this.keyNode) ?? p.of(this.node) ?? (this.anchor instanceof Field ? this.anchor.position : this.anchor);
  }

  /** Given and not null. */
  get present(): boolean {
    return this.node !== undefined && !(isScalar(this.node) && this.node.value === null);
  }

  get isMap(): boolean {
    return isMap(this.node);
  }

  get isList(): boolean {
    return isSeq(this.node);
  }

  get isScalar(): boolean {
    return this.present && isScalar(this.node);
  }

  /** A scalar's text as written in the file (undefined for values given with --set, or not scalars). */
  get sourceText(): string | undefined {
    const n = this.node;
    return isScalar(n) && typeof n.source === 'string' && n.source !== '' ? n.source : undefined;
  }

  /** A named field of this object (`.name`); absent when missing or when this is not an object (reported once). */
  child(name: string): Field {
    const at = this.path === '' ? name : `${this.path}.${name}`;
    return this.lookup(name, at);
  }

  /** A map entry by key (`[key]`). */
  key(name: string): Field {
    return this.lookup(name, `${this.path}[${name}]`);
  }

  private lookup(name: string, path: string): Field {
    if (!this.expect('object', isMap(this.node))) return new Field(this.ctx, undefined, path, undefined, this);
    const map = this.node;
    if (!isMap(map)) return new Field(this.ctx, undefined, path, undefined, this);
    // one pass over the pairs: the first with the name, unless a merge key is met (then the merged pairs decide)
    let found: Pair | undefined;
    for (const pair of map.items) {
      if (isMergeKey(pair.key)) {
        found = mergedPairs(map, this.ctx.aliases, keyText).find((p) => keyText(p.key) === name);
        break;
      }
      if (found === undefined && keyText(pair.key) === name) found = pair;
    }
    return this.fieldAt(found, path);
  }

  /** The value of `pair` (absent without one) as a field at `path`, positioned at its key. */
  private fieldAt(pair: Pair | undefined, path: string): Field {
    if (pair === undefined) return new Field(this.ctx, undefined, path, undefined, this);
    return new Field(this.ctx, resolve(this.ctx, pair.value), path, isScalar(pair.key) ? pair.key : undefined, this);
  }

  /** Key order as written (merge keys applied: a merged key where it first appears). */
  keys(): string[] {
    if (!isMap(this.node)) return [];
    const out: string[] = [];
    for (const p of mergedPairs(this.node, this.ctx.aliases, keyText)) {
      const k = keyText(p.key);
      if (k !== undefined) out.push(k);
    }
    return out;
  }

  /** Entries of a free-form map, each at `path[key]`. */
  entries(): { key: string; field: Field }[] {
    const map = this.node;
    if (!this.expect('object', isMap(map)) || !isMap(map)) return [];
    const pairs = mergedPairs(map, this.ctx.aliases, keyText);
    // each key's first pair, as key() finds it (keys written `1` and "1" are both "1"): a scan for small maps, an index for large ones
    let first: Map<string, Pair> | undefined;
    if (pairs.length > SCANNED_ENTRIES) {
      first = new Map();
      for (const p of pairs) {
        const k = keyText(p.key);
        if (k !== undefined && !first.has(k)) first.set(k, p);
      }
    }
    const out: { key: string; field: Field }[] = [];
    for (const p of pairs) {
      const key = keyText(p.key);
      if (key === undefined) continue;
      const pair = first !== undefined ? first.get(key) : pairs.find((q) => keyText(q.key) === key);
      out.push({ key, field: this.fieldAt(pair, `${this.path}[${key}]`) });
    }
    return out;
  }

  /** Items of a list, each at `path[i]`. */
  items(): Field[] {
    const seq = this.node;
    if (!this.expect('list', isSeq(seq)) || !isSeq(seq)) return [];
    return seq.items.map(
      (item, i) => new Field(this.ctx, resolve(this.ctx, item), `${this.path}[${i}]`, undefined, this),
    );
  }

  scalar(): ScalarValue | undefined {
    if (!this.present) return undefined;
    const n = this.node;
    if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'boolean')) {
      return n.value;
    }
    this.expect('scalar', false);
    return undefined;
  }

  string(): string | undefined {
    const v = this.scalar();
    if (v === undefined || typeof v === 'string') return v;
    this.typeError('string');
    return undefined;
  }

  number(): number | undefined {
    const v = this.scalar();
    if (v === undefined || (typeof v === 'number' && Number.isFinite(v))) return v;
    this.typeError('number');
    return undefined;
  }

  integer(): number | undefined {
    const v = this.scalar();
    if (v === undefined || (typeof v === 'number' && Number.isSafeInteger(v))) return v;
    if (typeof v === 'number' && (Number.isInteger(v) || !Number.isFinite(v)) && this.node && !this.ctx.reported.has(this.node)) {
      this.ctx.reported.add(this.node);
      const written = this.sourceText ?? String(v);
      this.report('error', 'type-invalid', fieldMessage(this.path, `Invalid value: ${written}: must be an integer from ${-Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`));
      return undefined;
    }
    this.typeError('integer');
    return undefined;
  }

  boolean(): boolean | undefined {
    const v = this.scalar();
    if (v === undefined || typeof v === 'boolean') return v;
    this.typeError('boolean');
    return undefined;
  }

  /**
   * A map of strings (labels, annotations, nodeSelector); bad entries are
   * reported and left out. Every key is an own entry, `__proto__` included
   * (the caller's validation then refuses it as Kubernetes does).
   */
  stringMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { key, field } of this.entries()) {
      const v = field.present ? field.string() : '';
      if (v !== undefined) setOwn(out, key, v);
    }
    return out;
  }

  stringList(): string[] {
    return this.items().flatMap((f) => {
      const v = f.string();
      return v === undefined ? [] : [v];
    });
  }

  /**
   * Reports keys not in `known`: as the context's field validation says (an
   * error under Strict, with a did-you-mean), else as a warning naming them
   * a `what`: a typo in a Scenario section or a scheduler profile must not pass silently.
   */
  warnUnknown(known: readonly string[], what = 'field'): void {
    if (!isMap(this.node)) return;
    const validation = this.ctx.validation;
    for (const k of this.keys()) {
      if (known.includes(k)) continue;
      const f = this.child(k);
      if (validation === undefined) {
        f.report('warning', 'field-unknown', `unknown ${what} ${JSON.stringify(k)}: ignored`);
        continue;
      }
      const d = unknownFieldDiagnostic(validation, f.position, f.path, k, known);
      if (d !== undefined) this.ctx.diagnostics.push(d);
    }
  }

  invalid(value: unknown, detail: string): void {
    this.report('error', 'field-invalid', fieldMessage(this.path, invalidBody(value, detail)));
  }

  required(detail = ''): void {
    this.report('error', 'field-required', fieldMessage(this.path, requiredBody(detail)));
  }

  unsupported(value: unknown, supported: readonly string[]): void {
    this.report('error', 'field-unsupported', fieldMessage(this.path, unsupportedBody(value, supported)));
  }

  duplicate(value: unknown): void {
    this.report('error', 'field-duplicate', fieldMessage(this.path, duplicateBody(value)));
  }

  forbidden(detail: string): void {
    this.report('error', 'field-forbidden', fieldMessage(this.path, forbiddenBody(detail)));
  }

  /** A diagnostic at this field; `message` gets the context's prefix. */
  report(severity: Severity, code: DiagnosticCode, message: string): void {
    const { file, line, col } = this.position;
    this.ctx.diagnostics.push({ severity, file, line, col, path: this.path, code, message: this.ctx.prefix + message });
  }

  private typeError(expected: string): void {
    const article = /^[aeiou]/.test(expected) ? 'an' : 'a';
    const n = this.node;
    if (n === undefined || this.ctx.reported.has(n)) return;
    this.ctx.reported.add(n);
    const message = fieldMessage(this.path, invalidBody(shown(n), `must be ${article} ${expected}`));
    this.report('error', 'type-invalid', message);
  }

  /** True when absent or of the expected shape; else reports a type error (once per node). */
  private expect(expected: 'object' | 'list' | 'scalar', ok: boolean): boolean {
    if (ok || !this.present) return ok;
    this.typeError(expected === 'scalar' ? 'string, number or boolean' : expected);
    return false;
  }
}

