import { goQuote } from './goquote.js';

/**
 * Users' values in messages, cut when long: an 8 MiB image name or a
 * thousand-line string is shown by its first MAX_SHOWN characters, an
 * ellipsis inside the quotes and its length, `"aaaa…" (8388608 characters)`,
 * so that one mistake stays one readable line. Values up to MAX_SHOWN
 * characters are shown whole, as Kubernetes shows them.
 */
export const MAX_SHOWN = 80;

/** File paths are shown whole up to this many characters (a real one is rarely longer; the system's limit is 4096). */
export const MAX_SHOWN_PATH = 256;

/** Go's %q of `value` (goQuote), cut to MAX_SHOWN characters when longer. */
export function quoteForMessage(value: string): string {
  const cut = cutPoint(value);
  return cut === undefined ? goQuote(value) : `${goQuote(`${value.slice(0, cut.at)}…`)} (${cut.count} characters)`;
}

/** `value` as it is, or cut to `max` characters, `abc… (8388608 characters)`: for values shown unquoted. */
export function cutForMessage(value: string, max = MAX_SHOWN): string {
  const cut = cutPoint(value, max);
  return cut === undefined ? value : `${value.slice(0, cut.at)}… (${cut.count} characters)`;
}

/** Where to cut `value` (the UTF-16 index after `max` characters) and its length in characters; undefined when short. */
function cutPoint(value: string, max = MAX_SHOWN): { at: number; count: number } | undefined {
  if (value.length <= max) return undefined;
  let count = 0;
  let at = -1;
  for (let i = 0; i < value.length; i++) {
    if (isLowSurrogate(value.charCodeAt(i)) && i > 0 && isHighSurrogate(value.charCodeAt(i - 1))) continue;
    if (count === max) at = i;
    count++;
  }
  return at < 0 ? undefined : { at, count };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** UTF-16 units of the one character at `s[i]`: an escape sequence (`\\n`, `\\x1b`, `\\u00e9`...), a surrogate pair, else 1. */
function escapeLength(s: string, i: number): number {
  if (isHighSurrogate(s.charCodeAt(i))) return 2;
  if (s[i] !== '\\') return 1;
  const kind = s[i + 1];
  if (kind === 'x') return 4;
  if (kind === 'u') return 6;
  if (kind === 'U') return 10;
  return 2;
}

/**
 * `message` with every double-quoted run (Go's %q or JSON, escapes counted as
 * the one character they stand for) of more than MAX_SHOWN characters cut as
 * quoteForMessage cuts it. The last line of defence before a message is
 * printed: messages built from a value anywhere in podsim come out bounded.
 * An unterminated quote is left as it is.
 */
export function cutQuotedValues(message: string): string {
  if (message.length <= MAX_SHOWN) return message;
  let out = '';
  let from = 0;
  for (;;) {
    const open = message.indexOf('"', from);
    if (open < 0) break;
    let i = open + 1;
    let chars = 0;
    let cutAt = -1;
    while (i < message.length && message[i] !== '"') {
      if (chars === MAX_SHOWN) cutAt = i;
      i += escapeLength(message, i);
      chars++;
    }
    if (i >= message.length) break;
    if (cutAt >= 0) {
      out += `${message.slice(from, cutAt)}…" (${chars} characters)`;
    } else {
      out += message.slice(from, i + 1);
    }
    from = i + 1;
  }
  return out + message.slice(from);
}
