import { type Document, Scalar, type Schema, isScalar } from 'yaml';
import { DECLINE } from './subset-lexical.js';

/**
 * Scalars of SubsetParser (subset-parser.ts) as yaml's composeScalar makes
 * them from a token without tag, anchor or comment: the tag a plain scalar
 * resolves to found by the schema's own tests, the value by the tag's own
 * resolve, then range, source, type and format set in the library's order.
 */

/** What a document is made with: its schema and options, as the Composer's context holds them. */
export interface Context {
  readonly schema: Schema;
  readonly options: Document['options'];
}

/** One of the schema's scalar tags, as yaml's compose-scalar.ts uses it. */
interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

const SCALAR_TAG = Symbol.for('yaml.scalar');

/**
 * Whether a plain scalar may resolve to something other than a string in
 * the core schema: every other tag's test (null, bool, int, float, in
 * their YAML 1.2 core forms) needs an empty scalar or one starting with
 * one of these. test/io/yaml-subset pins the schema's tests this relies on.
 */
function mayBeTyped(value: string): boolean {
  if (value === '') return true;
  const c = value.charCodeAt(0);
  // 0-9 + - . ~ n N t T f F
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x7e || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46;
}

/**
 * The scalar of `value` (already unquoted) of `type` at [start, end, end2]
 * (a map key when `atKey`); throws DECLINE where the library would report
 * a problem resolving it.
 */
export function composeScalar(value: string, type: Scalar.Type, start: number, end: number, end2: number, atKey: boolean, ctx: Context): Scalar {
  const schema = ctx.schema as unknown as { tags: ScalarTag[]; [SCALAR_TAG]: ScalarTag };
  const tag =
    type === Scalar.PLAIN && mayBeTyped(value)
      ? (schema.tags.find((tg) => (tg.default === true || (atKey && tg.default === 'key')) && tg.test?.test(value)) ?? schema[SCALAR_TAG])
      : schema[SCALAR_TAG];
  let failed = false;
  let res: unknown;
  try {
    res = tag.resolve(value, () => (failed = true), ctx.options);
  } catch {
    throw DECLINE;
  }
  if (failed) throw DECLINE;
  const node = isScalar(res) ? res : new Scalar(res);
  node.range = [start, end, end2];
  node.source = value;
  node.type = type;
  if (tag.format) node.format = tag.format;
  return node;
}
