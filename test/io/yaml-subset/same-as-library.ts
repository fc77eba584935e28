import { Composer, type Document, LineCounter, Parser, isDocument } from 'yaml';
import { type ReadDocument, libraryDocuments, readYamlDocuments } from '../../../src/io/yaml/parse.js';
import { SubsetParser } from '../../../src/io/yaml/subset-parser.js';

/**
 * The differential check of SubsetParser: every document it gives must be
 * the yaml library's, property for property (values, ranges, source, type,
 * format, flow, prototypes, key order), and the line starts it reports the
 * library's. Returns what differs (empty when all agree) and how many
 * documents the subset parser gave before it declined or ended.
 */
export interface Comparison {
  readonly problems: string[];
  /** Documents the subset parser gave. */
  readonly given: number;
  /** True when it read the whole text; false when it declined. */
  readonly whole: boolean;
}

function composeAll(text: string): { docs: Document.Parsed[]; lines: LineCounter } {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { docs: [...composer.compose(parser.parse(text))], lines };
}

/** Compares two values of the yaml object model: same prototype, same own keys in the same order, same values. */
export function same(a: unknown, b: unknown, path: string, out: string[], seen = new Set<unknown>()): void {
  if (out.length > 20) return;
  if (typeof a !== typeof b) {
    out.push(`${path}: ${typeof a} vs ${typeof b}`);
    return;
  }
  if (a === null || typeof a !== 'object') {
    if (!Object.is(a, b)) out.push(`${path}: ${String(a)} vs ${String(b)}`);
    return;
  }
  if (b === null) {
    out.push(`${path}: object vs null`);
    return;
  }
  if (seen.has(a)) return;
  seen.add(a);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    out.push(`${path}: prototypes differ`);
    return;
  }
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b as object);
  if (ka.map(String).join() !== kb.map(String).join()) {
    out.push(`${path}: keys ${ka.map(String).join()} vs ${kb.map(String).join()}`);
    return;
  }
  for (const k of ka) {
    const name = String(k);
    // a document's options hold its LineCounter: compared apart (line starts); an error's stack is where it was made
    if (name === 'lineCounter' || name === 'stack') continue;
    same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k], `${path}.${name}`, out, seen);
  }
}

export function compareWithLibrary(text: string): Comparison {
  const problems: string[] = [];
  const lines = new LineCounter();
  const subset = new SubsetParser(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const mine: Document.Parsed[] = [];
  let whole = false;
  for (;;) {
    const doc = subset.next();
    if (doc === undefined) break;
    if (doc === null) {
      whole = true;
      break;
    }
    mine.push(doc);
  }
  if (mine.length === 0 && !whole) return { problems, given: 0, whole };
  const lib = composeAll(text);
  if (whole && lib.docs.length !== mine.length) problems.push(`${mine.length} documents vs the library's ${lib.docs.length}`);
  mine.forEach((doc, i) => {
    const theirs = lib.docs[i];
    if (theirs === undefined || !isDocument(theirs)) {
      problems.push(`document ${i}: the library has none`);
      return;
    }
    if (theirs.errors.length > 0 || theirs.warnings.length > 0) {
      problems.push(`document ${i}: the library reports ${[...theirs.errors, ...theirs.warnings].map((e) => e.message).join('; ')}`);
    }
    same(doc, theirs, `document ${i}`, problems);
    try {
      same(doc.toJS(), theirs.toJS(), `document ${i} toJS`, problems);
    } catch (e) {
      problems.push(`document ${i} toJS: ${String(e)}`);
    }
  });
  // line starts: the library's, up to where the subset parser stopped reading
  const last = mine.at(-1);
  const upTo = whole ? Infinity : last === undefined ? 0 : last.range[2];
  const theirs = lib.lines.lineStarts.filter((s) => s <= upTo);
  const ours = lines.lineStarts.filter((s) => s <= upTo);
  if (ours.join() !== theirs.join()) problems.push(`line starts ${ours.slice(0, 12).join()} vs ${theirs.slice(0, 12).join()}`);
  return { problems, given: mine.length, whole };
}

/** What a caller of readYamlDocuments sees of one document: its diagnostics, and its root, position and document. */
function seen(read: ReadDocument): unknown[] {
  const d = read.document;
  return [read.diagnostics, d === undefined ? undefined : [d.position, d.root, d.doc]];
}

/**
 * readYamlDocuments (the subset parser, then the library from where it
 * declined) against the library alone: the same diagnostics, documents and
 * positions, in the same order.
 */
export function compareReadings(text: string): string[] {
  const source = { path: 'f.yml', bytes: new TextEncoder().encode(text), text };
  const ours = [...readYamlDocuments(source)];
  const theirs = [...libraryDocuments(source)];
  const problems: string[] = [];
  // where the parser runs out of stack depends on the stack it was called with
  const tooDeep = (r: ReadDocument) => r.diagnostics.some((d) => d.message.includes('nesting too deep'));
  if (ours.some(tooDeep) && theirs.some(tooDeep)) return problems;
  if (ours.length !== theirs.length) problems.push(`${ours.length} documents read vs the library's ${theirs.length}`);
  ours.forEach((read, i) => {
    const other = theirs[i];
    if (other !== undefined) same(seen(read), seen(other), `read ${i}`, problems);
  });
  return problems;
}
