/**
 * The characters SubsetParser (subset-parser.ts) tells apart, and how it
 * leaves the subset. Kept apart from the parser so that both it and the
 * scalar composition (subset-scalars.ts) decline the same way.
 */

/** Thrown (never an Error: no stack is taken) when the text leaves the subset. */
export const DECLINE = Symbol('decline');

export const NL = 10;
export const SPACE = 32;
export const DASH = 45;
export const COLON = 58;
export const HASH = 35;
export const PIPE = 0x7c;

/** Characters that may not start a plain scalar here (YAML indicators, quotes, `-`/`?`/`:` handled apart). */
export const NOT_PLAIN_START = new Set([...',[]{}#&*!|>\'"%@`?:'].map((c) => c.charCodeAt(0)));
/** Characters that end a plain scalar in a flow collection. */
export const FLOW_INDICATOR = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));

/** Control characters, DEL, C1 controls, line and paragraph separators, byte order marks: left to the library. */
export function isOdd(c: number): boolean {
  return c < SPACE || (c >= 0x7f && c < 0xa0) || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/**
 * 1 for every UTF-16 unit a scanning loop of the parser may act on (odd
 * ones, the newline among them, `:`, `#`, quotes, the backslash and flow
 * indicators); the loops skip the others at one look-up.
 */
export const NOTABLE = new Uint8Array(0x10000);
for (let c = 0; c < NOTABLE.length; c++) if (isOdd(c)) NOTABLE[c] = 1;
for (const c of ':#"\'\\,[]{}') NOTABLE[c.charCodeAt(0)] = 1;
