import { type Document, type Node, Scalar, isMap, isNode, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { cutForMessage } from '../../model/long-values.js';
import { ownValue } from '../../model/records.js';
import type { Diagnostic, Position } from '../diagnostics.js';
import { type Positions, firstLine } from '../yaml/parse.js';
import { SPEC_SCHEMA, type SetSchema } from './set-schema.js';

/** The pseudo-file of --set diagnostics: line 1, the column within the argument. */
export const SET_FILE = '--set';

/**
 * A flag that sets one Scenario field (`--seed 3` is spec.seed, `--duration
 * 30m` spec.duration): applied like `--set PATH=VALUE`, but its diagnostics
 * name the flag (`--seed:1:1`, the column within its value).
 */
export interface FlagOverride {
  readonly flag: string;
  readonly path: string;
  readonly value: string;
}

/** An override: a `--set` argument `PATH=VALUE`, or a flag's. */
export type Override = string | FlagOverride;

/** The override as `PATH=VALUE` (a flag's as the `--set` that would do the same), as scenario_sha256 covers it. */
export function overrideText(o: Override): string {
  return typeof o === 'string' ? o : `${o.path}=${o.value}`;
}

type Segment = string | number;
type Resolved = { readonly path: Segment[] } | { readonly error: string };

function child(node: unknown, key: Segment): unknown {
  if (isMap(node)) return node.get(key, true);
  if (isSeq(node) && typeof key === 'number') return node.get(key, true);
  return undefined;
}

/** Below a list item: any path through what exists, indexes into lists, keys into maps (created as needed). */
function resolveFree(segments: readonly string[], start: unknown, shown: string): Resolved {
  const path: Segment[] = [];
  let node = start;
  for (const seg of segments) {
    if (isSeq(node)) {
      const i = /^[0-9]+$/.test(seg) ? Number(seg) : -1;
      if (i < 0 || i >= node.items.length) return { error: `${shown} has no item ${seg}` };
      path.push(i);
    } else if (node === undefined || isMap(node)) path.push(seg);
    else return { error: `${shown} is not an object` };
    node = child(node, path[path.length - 1] as Segment);
    shown = `${shown}.${seg}`;
  }
  return { path };
}

function step(schema: Exclude<SetSchema, 'leaf' | 'map' | 'any'>, seg: string, node: unknown, shown: string):
  { key: Segment; schema: SetSchema } | { error: string } {
  if (schema === 'list') {
    const i = /^[0-9]+$/.test(seg) ? Number(seg) : -1;
    if (!isSeq(node) || i < 0 || i >= node.items.length) return { error: `${shown} has no item ${seg}` };
    return { key: i, schema: 'any' };
  }
  if ('pools' in schema) {
    const i = isSeq(node) ? node.items.findIndex((p) => isMap(p) && String(p.get('name')) === seg) : -1;
    if (i < 0) return { error: `no node pool named ${JSON.stringify(seg)}` };
    return { key: i, schema: schema.pools };
  }
  const next = ownValue(schema.fields, seg);
  if (next === undefined) {
    return { error: `${shown} has no field ${JSON.stringify(seg)} (fields: ${Object.keys(schema.fields).join(', ')})` };
  }
  if (node !== undefined && !isMap(node)) return { error: `${shown} is not an object` };
  return { key: seg, schema: next };
}

/** PATH (dot-separated, below spec) -> the YAML path in the Scenario document, or why it does not exist. */
export function resolveSetPath(segments: readonly string[], spec: unknown): Resolved {
  const path: Segment[] = ['spec'];
  let schema: SetSchema = SPEC_SCHEMA;
  let node = spec;
  let shown = 'spec';
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    if (schema === 'map') {
      if (node !== undefined && !isMap(node)) return { error: `${shown} is not an object` };
      return { path: [...path, segments.slice(i).join('.')] };
    }
    if (schema === 'any') {
      const free = resolveFree(segments.slice(i), node, shown);
      return 'error' in free ? free : { path: [...path, ...free.path] };
    }
    if (schema === 'leaf') return { error: `${shown} has no field ${JSON.stringify(seg)}` };
    const s = step(schema, seg, node, shown);
    if ('error' in s) return s;
    path.push(s.key);
    schema = s.schema;
    node = child(node, s.key);
    shown = `${shown}.${seg}`;
  }
  return { path };
}

function setDiagnostic(col: number, message: string, file = SET_FILE): Diagnostic {
  return { severity: 'error', file, line: 1, col, path: '', code: 'set-invalid', message };
}

/** VALUE as a YAML value; every node of it points at the argument's value column. */
function valueNode(value: string, at: Position, positions: Positions): Node | string {
  const parsed = parseDocument(value, { prettyErrors: false });
  const error = parsed.errors[0];
  if (error !== undefined) return `YAML: ${firstLine(error.message)}`;
  const node: Node = isNode(parsed.contents) ? parsed.contents : new Scalar(null);
  positions.setOrigin(node, at);
  visit(node, (_key, n) => {
    if (isNode(n)) positions.setOrigin(n, at);
  });
  return node;
}

/** An absent or empty (`spec:`) spec becomes an empty map; false when spec is something else. */
function ensureSpecMap(doc: Document): boolean {
  if (!isMap(doc.contents)) return false;
  const spec = doc.get('spec', true);
  if (spec === undefined || (isScalar(spec) && spec.value === null)) doc.set('spec', doc.createNode({}));
  return isMap(doc.get('spec', true));
}

/**
 * Applies `--set PATH=VALUE` arguments to the Scenario document before it is
 * read, so overridden values are validated like written ones (and reported at
 * `--set:1:<col>`). PATH is below `spec`; `nodePools.<name>` addresses a pool
 * by name. A malformed argument or a path that does not exist is an error.
 */
export function applyOverrides(doc: Document, sets: readonly Override[], positions: Positions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const arg of sets) {
    if (typeof arg !== 'string') {
      const d = applyFlag(doc, arg, positions);
      if (d !== undefined) diagnostics.push(d);
      continue;
    }
    const shown = cutForMessage(arg);
    const eq = arg.indexOf('=');
    const pathText = eq < 0 ? '' : arg.slice(0, eq);
    if (eq < 0 || pathText === '' || pathText.split('.').some((s) => s === '')) {
      diagnostics.push(setDiagnostic(1, `--set ${shown}: expected PATH=VALUE, e.g. nodePools.worker.count=8`));
      continue;
    }
    if (!ensureSpecMap(doc)) {
      diagnostics.push(setDiagnostic(1, `--set ${shown}: the Scenario's spec is not an object`));
      continue;
    }
    const resolved = resolveSetPath(pathText.split('.'), doc.get('spec', true));
    if ('error' in resolved) {
      diagnostics.push(setDiagnostic(1, `--set ${shown}: ${resolved.error}`));
      continue;
    }
    const at: Position = { file: SET_FILE, line: 1, col: eq + 2 };
    const node = valueNode(arg.slice(eq + 1), at, positions);
    if (typeof node === 'string') {
      diagnostics.push(setDiagnostic(at.col, `--set ${shown}: ${node}`));
      continue;
    }
    doc.setIn(resolved.path, node);
  }
  return diagnostics;
}

/** A flag's override (`--seed abc`); its problems are reported at `<flag>:1:<col>`, the column within its value. */
function applyFlag(doc: Document, { flag, path, value }: FlagOverride, positions: Positions): Diagnostic | undefined {
  if (value.trim() === '') return setDiagnostic(1, `${flag} needs a value`, flag);
  if (!ensureSpecMap(doc)) return setDiagnostic(1, `${flag} ${cutForMessage(value)}: the Scenario's spec is not an object`, flag);
  const resolved = resolveSetPath(path.split('.'), doc.get('spec', true));
  if ('error' in resolved) return setDiagnostic(1, `${flag} ${cutForMessage(value)}: ${resolved.error}`, flag);
  const node = valueNode(value, { file: flag, line: 1, col: 1 }, positions);
  if (typeof node === 'string') return setDiagnostic(1, `${flag} ${cutForMessage(value)}: ${node}`, flag);
  doc.setIn(resolved.path, node);
  return undefined;
}
