/**
 * Go's two ways of quoting a string in messages, so that podsim's messages
 * match Kubernetes' byte for byte.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

const hex2 = (byte: number): string => `\\x${byte.toString(16).padStart(2, '0')}`;

/**
 * `%q` / strconv.Quote for the strings podsim meets: control characters and
 * DEL escaped, everything from U+0080 up printed as is (strconv would escape
 * the rare non-printable ones).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    out += ESCAPES[c] ?? (code < 0x20 || code === 0x7f ? hex2(code) : c);
  }
  return `${out}"`;
}

/** The time package's own quote (ParseDuration's errors): non-ASCII and control bytes as \xNN of their UTF-8. */
export function goTimeQuote(s: string): string {
  const encoder = new TextEncoder();
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of encoder.encode(c)) out += hex2(byte);
    } else {
      out += c === '"' || c === '\\' ? `\\${c}` : c;
    }
  }
  return `${out}"`;
}
