import { Composer, Document, type LineCounter, type Node, Pair, Scalar, YAMLMap, YAMLSeq, isPair } from 'yaml';
import { COLON, DASH, DECLINE, FLOW_INDICATOR, HASH, NL, NOTABLE, NOT_PLAIN_START, PIPE, SPACE, isOdd } from './subset-lexical.js';
import { type Context, composeScalar } from './subset-scalars.js';

/**
 * A parser for the subset of YAML that most Kubernetes manifests are written
 * in, six times faster than the yaml library's Lexer, Parser and Composer
 * (the nodes' own constructors are half of what is left). It builds the very nodes the library composes (Scalar, YAMLMap,
 * YAMLSeq, Pair, in a Document made with the same options and directives),
 * with the same values, properties and ranges, and reports line starts to
 * the same LineCounter; plain scalars are resolved by the library's own
 * core-schema tags.
 *
 * The subset, per document: an optional `---` line (required between
 * documents), then a block map or block sequence at column 0. Block maps of
 * plain keys (`key: value`, `key:` then a nested block, a sequence after
 * `key:` may sit at the key's column), block sequences (`- value`, `- key:
 * value` starting a map), and on one line: plain scalars, single- and
 * double-quoted scalars without escapes, flow maps and sequences
 * (`{a: b, c: [d]}`); literal block scalars (`|`) as map values, without
 * empty lines. Empty lines between them; comment lines right after
 * `---` or right above the first document (helm's `# Source:` lines, a
 * licence header). Anything else declines: other comments, lines of
 * spaces, trailing spaces, tabs, CR, anchors, aliases, tags, folded block
 * scalars and literal ones with indicators, other scalars over several lines, empty values, quoted keys,
 * duplicate keys, keys that are not strings, directives, `...`, empty
 * documents, nesting deeper than 100, and anything the library would warn
 * about or reject. Once it declines, the yaml library reads the file from
 * its start and the documents already given are skipped (parse.ts): errors
 * and warnings are always the library's. test/io/yaml-subset compares both
 * on many inputs.
 */

/** The options readYamlDocuments gives the library's Composer; documents here are made with the same. */
export interface ComposeOptions {
  readonly lineCounter: LineCounter;
  readonly prettyErrors: false;
  readonly uniqueKeys: true;
}

/** Collections nested deeper decline: far beyond any manifest, far within the stack this parser's recursion needs. */
const MAX_DEPTH = 100;

/** Maps with more pairs than this find duplicate keys with a set rather than a scan. */
const SCANNED_KEYS = 16;

export class SubsetParser {
  private pos = 0;
  private documents = 0;
  private declined = false;
  /** The keys of maps read with more than SCANNED_KEYS pairs. */
  private readonly keySets = new WeakMap<YAMLMap, Set<string>>();
  /** Collections open around `pos`. */
  private depth = 0;
  /** The document read after the last one given; null once the text ended; undefined before the first. */
  private ahead: Document.Parsed | null | undefined;
  /** Empty lines were skipped before the line at `pos`: the node that line starts has `spaceBefore`, as composeNode sets it. */
  private spaced = false;
  private readonly directives: Document['directives'];

  constructor(
    private readonly text: string,
    private readonly options: ComposeOptions,
  ) {
    // the Composer's own stream directives, which each Document copies (atDocument)
    this.directives = new Composer(options).streamInfo().directives;
    options.lineCounter.addNewLine(0);
  }

  /**
   * The next document, as the library's Composer would yield it; null after
   * the last; undefined once the text left the subset (from then on, always
   * undefined). A document is returned only once the one after it was read
   * in the subset too, or the text ended: the Composer reports text it
   * cannot place at the start of a document (a stray `}` after `---`) as an
   * error of the document before.
   */
  next(): Document.Parsed | null | undefined {
    if (this.declined) return undefined;
    try {
      if (this.ahead === undefined) this.ahead = this.document();
      const doc = this.ahead;
      if (doc === null) return null;
      this.ahead = this.pos >= this.text.length ? null : this.document();
      return doc;
    } catch (e) {
      if (e !== DECLINE) throw e;
      this.declined = true;
      return undefined;
    }
  }

  private document(): Document.Parsed {
    const t = this.text;
    this.spaced = false;
    // comment lines right above the first document's contents: its first key's (or item's) commentBefore (the Composer's decorate)
    let prelude: string | undefined;
    if (this.documents === 0) {
      prelude = this.commentLines();
      // empty lines before the first document are outside it (after comment lines, they make the comment the document's: declined)
      if (this.lineIndent() !== 0 || (prelude !== undefined && this.spaced)) throw DECLINE;
      this.spaced = false;
    }
    const start = this.pos;
    const marker = this.isMarkerLine(start);
    // comment lines right after the marker: the contents' commentBefore
    let before: string | undefined;
    if (marker) {
      if (prelude !== undefined) throw DECLINE;
      this.pos = start + 3;
      if (this.pos >= t.length) throw DECLINE; // an empty last document
      this.newline();
      before = this.commentLines();
      // empty lines after the marker: the contents have spaceBefore (after comment lines: declined)
      if (this.lineIndent() !== 0 || (before !== undefined && this.spaced)) throw DECLINE;
    } else if (this.documents > 0) {
      throw DECLINE;
    }
    if (this.pos >= t.length || this.isMarkerLine(this.pos)) throw DECLINE;
    const doc = new Document(undefined, { _directives: this.directives, ...this.options } as never) as Document.Parsed;
    if (marker) doc.directives.docStart = true;
    const ctx: Context = { schema: doc.schema, options: doc.options };
    const spaced = this.takeSpaced();
    const contents = this.block(0, ctx) as YAMLMap | YAMLSeq;
    if (spaced) contents.spaceBefore = true;
    if (before !== undefined) contents.commentBefore = before;
    if (prelude !== undefined) {
      const first = contents.items[0];
      (isPair(first) ? (first.key as Node) : (first as Node)).commentBefore = prelude;
    }
    if (this.pos < t.length && !this.isMarkerLine(this.pos)) throw DECLINE;
    doc.contents = contents as Document.Parsed['contents'];
    // the document's end takes in the empty lines after its contents
    doc.range = [start, contents.range![2], this.pos];
    this.documents += 1;
    return doc;
  }

  /**
   * Lines of comments at `pos` (`#` at column 0), as the library joins
   * them into a commentBefore (the text after each `#`, a space for none);
   * undefined when there are none. A comment last in the text declines.
   */
  private commentLines(): string | undefined {
    const t = this.text;
    let comment: string | undefined;
    while (t.charCodeAt(this.pos) === HASH) {
      let q = this.pos + 1;
      for (; q < t.length && t.charCodeAt(q) !== NL; q++) if (isOdd(t.charCodeAt(q))) throw DECLINE;
      if (q >= t.length || t.charCodeAt(q - 1) === SPACE) throw DECLINE;
      const line = t.slice(this.pos + 1, q) || ' ';
      comment = comment === undefined ? line : `${comment}\n${line}`;
      this.pos = q;
      this.newline();
    }
    return comment;
  }

  /** Whether empty lines came before the line at `pos`, forgotten once asked. */
  private takeSpaced(): boolean {
    const spaced = this.spaced;
    this.spaced = false;
    return spaced;
  }

  /** `---` alone on its line (then a newline or the end of the text). */
  private isMarkerLine(p: number): boolean {
    const t = this.text;
    return t.startsWith('---', p) && (p + 3 === t.length || t.charCodeAt(p + 3) === NL);
  }

  /** Consumes the newline at `pos`: the next line starts after it. */
  private newline(): void {
    this.pos += 1;
    this.options.lineCounter.addNewLine(this.pos);
  }

  /**
   * The indentation of the next line with content, empty lines before it
   * skipped (noted in `spaced`); -1 at the end of the text. Declines lines
   * of spaces only, comment lines and trailing spaces.
   */
  private lineIndent(): number {
    const t = this.text;
    while (t.charCodeAt(this.pos) === NL) {
      this.newline();
      this.spaced = true;
    }
    if (this.pos >= t.length) return -1;
    let p = this.pos;
    while (t.charCodeAt(p) === SPACE) p++;
    if (p === t.length || t.charCodeAt(p) === NL || t.charCodeAt(p) === HASH) throw DECLINE;
    return p - this.pos;
  }

  /**
   * The indent of the line after a block collection's entry, or undefined
   * when that line ends the collection at column `ind` (less indented, a
   * document marker, the end of the text).
   */
  private nextEntryIndent(ind: number): number | undefined {
    const n = this.lineIndent();
    return n < ind || (n === 0 && this.isMarkerLine(this.pos)) ? undefined : n;
  }

  /** `-` as a sequence entry indicator (then a space, a newline, or the end). */
  private isSeqIndicator(p: number): boolean {
    const t = this.text;
    if (t.charCodeAt(p) !== DASH) return false;
    const c = t.charCodeAt(p + 1);
    return c === SPACE || c === NL || p + 1 === t.length;
  }

  /** A block collection starting at `pos`, column `ind`; returns at the start of the first line not its own. */
  private block(ind: number, ctx: Context): Node {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
    const node = this.isSeqIndicator(this.pos) ? this.blockSeq(ind, ctx) : this.blockMap(ind, ctx);
    this.depth -= 1;
    return node;
  }

  private blockMap(ind: number, ctx: Context): YAMLMap {
    const t = this.text;
    const map = new YAMLMap(ctx.schema);
    const start = this.pos;
    let end = start;
    for (;;) {
      const keyStart = this.pos;
      const colon = this.keyEnd(keyStart);
      const key = this.key(t.slice(keyStart, colon), keyStart, colon, map, ctx);
      if (this.takeSpaced()) key.spaceBefore = true;
      this.pos = colon + 1;
      let value: Node;
      if (t.charCodeAt(this.pos) === SPACE) {
        while (t.charCodeAt(this.pos) === SPACE) this.pos++;
        value = t.charCodeAt(this.pos) === PIPE ? this.literal(ind, ctx) : this.inlineValue(ctx);
      } else {
        // `key:` then a nested block on the next lines
        if (this.pos >= t.length) throw DECLINE;
        this.newline();
        const n = this.lineIndent();
        if (!(n > ind || (n === ind && this.isSeqIndicator(this.pos + n)))) throw DECLINE;
        this.pos += n;
        const spaced = this.takeSpaced();
        value = this.block(n, ctx);
        if (spaced) value.spaceBefore = true;
      }
      map.items.push(new Pair(key, value));
      end = value.range![2];
      const n = this.nextEntryIndent(ind);
      if (n === undefined) break;
      if (n > ind || this.isSeqIndicator(this.pos + n)) throw DECLINE;
      this.pos += n;
    }
    map.range = [start, end, end];
    return map;
  }

  private blockSeq(ind: number, ctx: Context): YAMLSeq {
    const t = this.text;
    const seq = new YAMLSeq(ctx.schema);
    const start = this.pos;
    let end = start;
    for (;;) {
      const dash = this.pos;
      this.pos += 1;
      if (t.charCodeAt(this.pos) !== SPACE) throw DECLINE;
      while (t.charCodeAt(this.pos) === SPACE) this.pos++;
      if (this.isSeqIndicator(this.pos)) throw DECLINE;
      const spaced = this.takeSpaced();
      const item = this.startsBlockMap(this.pos) ? this.block(ind + this.pos - dash, ctx) : this.inlineValue(ctx);
      if (spaced) item.spaceBefore = true;
      seq.items.push(item);
      end = item.range![2];
      const n = this.nextEntryIndent(ind);
      if (n === undefined) break;
      if (n > ind) throw DECLINE;
      if (!this.isSeqIndicator(this.pos + n)) break; // the next key of the map this sequence is a value of
      this.pos += n;
    }
    seq.range = [start, end, end];
    return seq;
  }

  /** Whether the line from `p` is `key: ...` or `key:` (a block map's first entry). */
  private startsBlockMap(p: number): boolean {
    const t = this.text;
    const c0 = t.charCodeAt(p);
    if (c0 === 0x7b || c0 === 0x5b || c0 === 0x22 || c0 === 0x27) return false; // { [ " '
    for (let q = p; q < t.length; q++) {
      const c = t.charCodeAt(q);
      if (NOTABLE[c] === 0) continue;
      if (c === NL) return false;
      if (c === COLON) {
        const d = t.charCodeAt(q + 1);
        if (d === SPACE || d === NL || q + 1 === t.length) return true;
      }
    }
    return false;
  }

  /** Where the plain key starting at `p` ends: the `:` after it (then a space, a newline or the end). */
  private keyEnd(p: number): number {
    const t = this.text;
    this.checkPlainStart(p, false);
    for (let q = p; q < t.length; q++) {
      const c = t.charCodeAt(q);
      if (NOTABLE[c] === 0) continue;
      if (c === COLON) {
        const d = t.charCodeAt(q + 1);
        if (d === SPACE || d === NL || q + 1 === t.length) {
          if (t.charCodeAt(q - 1) === SPACE || q - p > 1000) throw DECLINE;
          return q;
        }
      } else if (c === NL || isOdd(c) || (c === HASH && t.charCodeAt(q - 1) === SPACE)) {
        throw DECLINE;
      }
    }
    throw DECLINE;
  }

  /** Declines a plain scalar starting at `p` with an indicator (or `-` then a space; in a flow collection, then an indicator). */
  private checkPlainStart(p: number, flow: boolean): void {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (NOT_PLAIN_START.has(c) || isOdd(c) || c === SPACE) throw DECLINE;
    if (c === DASH) {
      const d = t.charCodeAt(p + 1);
      if (p + 1 >= t.length || d === SPACE || d === NL || isOdd(d) || (flow && FLOW_INDICATOR.has(d))) throw DECLINE;
      if (p === 0 || t.charCodeAt(p - 1) === NL) throw DECLINE; // `---` and the like at a line start
    }
    if (c === 0x2e && t.startsWith('...', p) && (p === 0 || t.charCodeAt(p - 1) === NL)) throw DECLINE;
  }

  /** A value on the rest of the line (a scalar or a flow collection), and the line's newline. */
  private inlineValue(ctx: Context): Node {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    let node: Node;
    if (c === 0x7b || c === 0x5b) {
      node = this.flow(ctx);
    } else if (c === 0x22 || c === 0x27) {
      node = this.quoted(ctx);
    } else {
      this.checkPlainStart(start, false);
      let q = start;
      for (; q < t.length; q++) {
        const d = t.charCodeAt(q);
        if (NOTABLE[d] === 0) continue;
        if (d === NL) break;
        if (isOdd(d) || (d === HASH && t.charCodeAt(q - 1) === SPACE)) throw DECLINE;
        if (d === COLON) {
          const e = t.charCodeAt(q + 1);
          if (e === SPACE || e === NL || q + 1 === t.length) throw DECLINE;
        }
      }
      if (t.charCodeAt(q - 1) === SPACE) throw DECLINE;
      this.pos = q;
      node = composeScalar(t.slice(start, q), Scalar.PLAIN, start, q, q, false, ctx);
    }
    // the node ends with its line: its range takes the newline in
    if (this.pos < t.length) {
      if (t.charCodeAt(this.pos) !== NL) throw DECLINE;
      this.newline();
      node.range![2] = this.pos;
    }
    return node;
  }

  /**
   * A literal block scalar (`|` alone: clip chomping, indentation from its
   * first line) as the value of a map at column `ind`: lines more indented
   * than the map, none empty, the last ended by a newline (kubectl's
   * last-applied-configuration). `pos` ends at the line after it.
   */
  private literal(ind: number, ctx: Context): Scalar {
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(start + 1) !== NL) throw DECLINE; // an indicator, a comment, a space
    this.pos = start + 1;
    this.newline();
    let n = 0;
    while (t.charCodeAt(this.pos + n) === SPACE) n++;
    if (n <= ind) throw DECLINE;
    const lines: string[] = [];
    for (;;) {
      let k = 0;
      while (t.charCodeAt(this.pos + k) === SPACE) k++;
      if (this.pos + k >= t.length) {
        if (k > 0) throw DECLINE;
        break;
      }
      if (t.charCodeAt(this.pos + k) === NL) throw DECLINE; // an empty line: chomping and folding rules, not read here
      if (k < n) break;
      let q = this.pos + n;
      for (; q < t.length && t.charCodeAt(q) !== NL; q++) if (isOdd(t.charCodeAt(q))) throw DECLINE;
      if (q >= t.length) throw DECLINE;
      lines.push(t.slice(this.pos + n, q));
      this.pos = q;
      this.newline();
    }
    return composeScalar(`${lines.join('\n')}\n`, Scalar.BLOCK_LITERAL, start, this.pos, this.pos, false, ctx);
  }

  /** A single- or double-quoted scalar on one line, without escapes; `pos` ends after its closing quote. */
  private quoted(ctx: Context): Scalar {
    const t = this.text;
    const start = this.pos;
    const quote = t.charCodeAt(start);
    let q = start + 1;
    for (; q < t.length; q++) {
      const c = t.charCodeAt(q);
      if (NOTABLE[c] === 0) continue;
      if (c === quote) break;
      if (c === NL || c === 0x5c || isOdd(c)) throw DECLINE; // a newline, a backslash
    }
    if (q >= t.length || t.charCodeAt(q + 1) === quote) throw DECLINE; // unclosed, or '' (an escaped quote)
    this.pos = q + 1;
    const type = quote === 0x22 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    return composeScalar(t.slice(start + 1, q), type, start, this.pos, this.pos, false, ctx);
  }

  /** A flow map or sequence closed on the same line; `pos` ends after its closing bracket. */
  private flow(ctx: Context): YAMLMap | YAMLSeq {
    const t = this.text;
    const start = this.pos;
    const isMap = t.charCodeAt(start) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    if (++this.depth > MAX_DEPTH) throw DECLINE;
    const coll = isMap ? new YAMLMap(ctx.schema) : new YAMLSeq(ctx.schema);
    coll.flow = true;
    this.pos += 1;
    if (t.charCodeAt(this.pos) === close) {
      this.pos += 1;
    } else {
      for (;;) {
        if (isMap) {
          const keyStart = this.pos;
          const keyEnd = this.flowPlainEnd(keyStart);
          const key = this.key(t.slice(keyStart, keyEnd), keyStart, keyEnd, coll as YAMLMap, ctx);
          if (t.charCodeAt(keyEnd) !== COLON || t.charCodeAt(keyEnd + 1) !== SPACE) throw DECLINE;
          this.pos = keyEnd + 1;
          while (t.charCodeAt(this.pos) === SPACE) this.pos++;
          (coll as YAMLMap).items.push(new Pair(key, this.flowItem(ctx)));
        } else {
          (coll as YAMLSeq).items.push(this.flowItem(ctx));
        }
        const c = t.charCodeAt(this.pos);
        if (c === close) {
          this.pos += 1;
          break;
        }
        if (c !== 0x2c) throw DECLINE; // ,
        this.pos += 1;
        while (t.charCodeAt(this.pos) === SPACE) this.pos++;
        if (t.charCodeAt(this.pos) === close) throw DECLINE; // a trailing comma
      }
    }
    coll.range = [start, this.pos, this.pos];
    this.depth -= 1;
    return coll;
  }

  private flowItem(ctx: Context): Node {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === 0x7b || c === 0x5b) return this.flow(ctx);
    if (c === 0x22 || c === 0x27) return this.quoted(ctx);
    const start = this.pos;
    const end = this.flowPlainEnd(start);
    if (t.charCodeAt(end) === COLON) throw DECLINE; // `{a: b: c}`, `[a: b]`
    this.pos = end;
    return composeScalar(t.slice(start, end), Scalar.PLAIN, start, end, end, false, ctx);
  }

  /** Where a plain scalar in a flow collection ends: at `,`, `]`, `}`, or `:` then a space or one of those. */
  private flowPlainEnd(p: number): number {
    const t = this.text;
    this.checkPlainStart(p, true);
    let q = p;
    for (; q < t.length; q++) {
      const c = t.charCodeAt(q);
      if (NOTABLE[c] === 0) continue;
      if (c === 0x2c || c === 0x5d || c === 0x7d) break;
      if (c === 0x5b || c === 0x7b || c === NL || isOdd(c) || (c === HASH && t.charCodeAt(q - 1) === SPACE)) throw DECLINE;
      if (c === COLON) {
        const d = t.charCodeAt(q + 1);
        if (d === SPACE || FLOW_INDICATOR.has(d)) break;
        if (q + 1 >= t.length || d === NL) throw DECLINE;
      }
    }
    if (q >= t.length || t.charCodeAt(q - 1) === SPACE) throw DECLINE;
    return q;
  }

  /**
   * A plain key of `map`: a string (other keys decline), unlike the keys
   * before it (a duplicate declines: the library reports it). Compared as
   * the library's uniqueKeys does, by value: a scan of the pairs of a small
   * map, a set of the keys of a large one (20,000 labels).
   */
  private key(source: string, start: number, end: number, map: YAMLMap, ctx: Context): Scalar {
    const key = composeScalar(source, Scalar.PLAIN, start, end, end, true, ctx);
    const value = key.value;
    if (typeof value !== 'string') throw DECLINE;
    const items = map.items;
    if (items.length <= SCANNED_KEYS) {
      for (const pair of items) if ((pair.key as Scalar).value === value) throw DECLINE;
      return key;
    }
    let keys = this.keySets.get(map);
    if (keys === undefined) {
      keys = new Set(items.map((pair) => (pair.key as Scalar).value as string));
      this.keySets.set(map, keys);
    }
    if (keys.has(value)) throw DECLINE;
    keys.add(value);
    return key;
  }
}
