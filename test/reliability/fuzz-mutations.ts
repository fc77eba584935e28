import fc from 'fast-check';

/**
 * Ways to break a scenario file, each an arbitrary of the mutated text (or
 * bytes) given the original: the edits users make by mistake (a line lost
 * or mis-indented, a wrong value, a stray character, a key that names a
 * prototype member) and byte-level damage (a flipped bit, a byte inserted
 * or lost, a stretch repeated or cut, a splice of two files).
 */
export type Mutation = (text: string) => fc.Arbitrary<string>;
export type ByteMutation = (bytes: Uint8Array) => fc.Arbitrary<Uint8Array>;

/** A value long enough to be cut in messages (model/long-values.ts). */
const LONG_VALUE = 'y'.repeat(5000);

/**
 * Values users get wrong, put in place of a scalar. Whole numbers stay small
 * or absurd (refused): replicas beyond int32 are accepted today and would hang
 * the run in one event (see test/bad-inputs/huge-replicas.yml).
 */
export const BAD_VALUES = [
  '-1', '0', '1e400', '"2 cores"', '1K', '400m', '""', 'null', '~', '[]', '{}', 'true', '*nope', '2 minutes', '-5m', '1h30', '0.5', '.inf',
  '"\\t"', '0x10', '99999999999999999999', 'Always', '[a, b]', '{a: 1}', '__proto__', 'constructor', '{__proto__: x}', '{constructor: x}',
  '&a [*a]', LONG_VALUE, `"${LONG_VALUE}"`,
];

/** Names of Object.prototype's members, put in place of a key. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype', '__defineGetter__'];

/** A line removed, duplicated, cut short, indented or dedented. */
export const lineEdit: Mutation = (text) => {
  const lines = text.split('\n');
  return fc.tuple(fc.nat(lines.length - 1), fc.constantFrom('drop', 'dup', 'cut', 'indent', 'dedent'), fc.nat(60)).map(([i, how, n]) => {
    const copy = [...lines];
    const line = copy[i] ?? '';
    if (how === 'drop') copy.splice(i, 1);
    if (how === 'dup') copy.splice(i, 0, line);
    if (how === 'cut') copy[i] = line.slice(0, n % (line.length + 1));
    if (how === 'indent') copy[i] = `  ${line}`;
    if (how === 'dedent') copy[i] = line.replace(/^ {1,2}/, '');
    return copy.join('\n');
  });
};

/** The value after one `key: ` replaced with a bad value. */
export const valueSwap: Mutation = (text) => {
  const slots = [...text.matchAll(/(?<=: )[^\n,{}[\]]+/g)].map((m) => [m.index, m[0].length] as const);
  return fc.tuple(fc.constantFrom(...slots), fc.constantFrom(...BAD_VALUES)).map(([[at, len], v]) => text.slice(0, at) + v + text.slice(at + len));
};

/** One mapping key replaced with a prototype member's name. */
export const keySwap: Mutation = (text) => {
  const slots = [...text.matchAll(/[A-Za-z_][\w./-]*(?=: )/g)].map((m) => [m.index, m[0].length] as const);
  return fc.tuple(fc.constantFrom(...slots), fc.constantFrom(...PROTOTYPE_KEYS)).map(([[at, len], k]) => text.slice(0, at) + k + text.slice(at + len));
};

/** One character inserted: YAML's special characters, a tab, a stray quote. */
export const charInsert: Mutation = (text) =>
  fc
    .tuple(fc.nat(text.length), fc.constantFrom('{', '[', ']', ':', '\t', '"', "'", '&', '*', '#', '-', '---\n', '|', '>', '%', '@', '\u00e9', '\\', '!', '? '))
    .map(([at, c]) => text.slice(0, at) + c + text.slice(at));

/** Byte-level damage, one to three times. */
export const byteDamage: ByteMutation = (bytes) => {
  const one = fc.oneof(
    fc.tuple(fc.constant('flip' as const), fc.nat(), fc.integer({ min: 0, max: 7 })),
    fc.tuple(fc.constant('insert' as const), fc.nat(), fc.integer({ min: 0, max: 255 })),
    fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 40 })),
    fc.tuple(fc.constant('repeat' as const), fc.nat(), fc.integer({ min: 1, max: 200 })),
  );
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((edits) => {
    let b = Buffer.from(bytes);
    for (const [how, pos, n] of edits) {
      const at = b.length === 0 ? 0 : pos % b.length;
      if (how === 'flip' && b.length > 0) b[at] = b[at]! ^ (1 << n);
      if (how === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from([n]), b.subarray(at)]);
      if (how === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + n)]);
      if (how === 'repeat') b = Buffer.concat([b.subarray(0, at + n), b.subarray(at)]);
    }
    return new Uint8Array(b);
  });
};

/** The start of one file followed by the end of another, cut at line boundaries. */
export function splice(a: string, b: string): fc.Arbitrary<string> {
  const al = a.split('\n');
  const bl = b.split('\n');
  return fc.tuple(fc.nat(al.length), fc.nat(bl.length)).map(([i, j]) => [...al.slice(0, i), ...bl.slice(j)].join('\n'));
}

/** Any one of the text mutations. */
export function textMutation(text: string): fc.Arbitrary<string> {
  return fc.oneof(lineEdit(text), valueSwap(text), keySwap(text), charInsert(text));
}
