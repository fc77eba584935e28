import { Composer, type Document, LineCounter, type Node, Parser, type YAMLError, isScalar } from 'yaml';
import { aliasExpansionProblem } from './alias-expansion.js';
import { AliasMarks, AliasTargets } from './aliases.js';
import { MERGE_WANTS_MAP, mergeKeyProblem } from './merge-keys.js';
import type { Diagnostic, Position } from '../diagnostics.js';
import type { SourceFile } from '../fs.js';
import { SubsetParser } from './subset-parser.js';

/**
 * Maps YAML nodes to 1-based line:col. Nodes that did not come from the file
 * (values given with --set) carry their own position in `origins`.
 */
export class Positions {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    private readonly origins: WeakMap<Node, Position> = new WeakMap(),
  ) {}

  at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /** The node's own origin (--set) if any, else where its text starts; undefined for nodes without a range. */
  of(node: Node | undefined | null): Position | undefined {
    if (node === undefined || node === null) return undefined;
    return this.origins.get(node) ?? (node.range ? this.at(node.range[0]) : undefined);
  }

  /** Set only for nodes that did not come from the file. */
  origin(node: Node | undefined | null): Position | undefined {
    return node === undefined || node === null ? undefined : this.origins.get(node);
  }

  /** Marks `node` as coming from elsewhere (a --set argument). */
  setOrigin(node: Node, position: Position): void {
    this.origins.set(node, position);
  }
}

/** One YAML document of a file, syntax-checked. */
export interface YamlDocument {
  readonly doc: Document.Parsed;
  /** The document's contents; null for an empty document. */
  readonly root: Node | null;
  readonly positions: Positions;
  /** Where the contents start (the document's own position for messages). */
  readonly position: Position;
  /** Where its aliases point. */
  readonly aliases: AliasTargets;
}

export interface ParsedFile {
  /** Non-empty documents without syntax errors, in file order. */
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One document as it is read: its syntax diagnostics, and the document unless it had an error or was empty. */
export interface ReadDocument {
  readonly document?: YamlDocument;
  readonly diagnostics: readonly Diagnostic[];
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.value === null && c.source === '');
}

/**
 * The documents of a YAML (or JSON) file one at a time, as the parser
 * finishes each (what `parseAllDocuments` returns, without holding them all):
 * a caller that keeps only what it converts holds one document's nodes at a
 * time, not the file's. A document with a syntax error is reported and has
 * no `document`.
 *
 * Documents in the subset of YAML that SubsetParser reads come from it;
 * from the first one outside it on, the yaml library reads the file from its
 * start and the documents already given are skipped, so every document is
 * the library's own or one equal to it, and every error and warning is the
 * library's.
 */
export function* readYamlDocuments(source: SourceFile): Generator<ReadDocument> {
  const lines = new LineCounter();
  const subset = new SubsetParser(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reader = new DocumentReader(source, lines);
  let given = 0;
  for (let doc = subset.next(); doc !== undefined; doc = subset.next()) {
    if (doc === null) return;
    given += 1;
    yield reader.read(doc);
  }
  let skip = given;
  for (const read of libraryDocuments(source)) {
    if (skip > 0) skip -= 1;
    else yield read;
  }
}

/** The documents of the file as the yaml library alone composes them (what readYamlDocuments gives, test/io/yaml-subset checks). */
export function* libraryDocuments(source: SourceFile): Generator<ReadDocument> {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reader = new DocumentReader(source, lines);
  for (const doc of composer.compose(withPlainEnv(parser.parse(source.text)))) yield reader.read(doc);
}

/** Checks the composed documents of one file, in order: their syntax diagnostics, alias and merge key problems. */
class DocumentReader {
  private readonly positions: Positions;
  private readonly marks: AliasMarks;
  private readonly mergeMarks: AliasMarks;

  constructor(
    private readonly source: SourceFile,
    lines: LineCounter,
  ) {
    this.positions = new Positions(source.path, lines);
    this.marks = new AliasMarks(source.text);
    this.mergeMarks = new AliasMarks(source.text, '<<');
  }

  read(doc: Document.Parsed): ReadDocument {
    const { positions, source } = this;
    const aliases = new AliasTargets(doc);
    const mayHaveAliases = this.marks.within(doc.range[0], doc.range[2]);
    const mayHaveMerges = this.mergeMarks.within(doc.range[0], doc.range[2]);
    let errors = doc.errors.length > 0 ? [mainError(doc.errors)] : mayHaveAliases ? aliasErrors(doc, aliases) : [];
    if (errors.length === 0 && mayHaveMerges) errors = mergeErrors(doc, aliases);
    const diagnostics: Diagnostic[] = [];
    for (const e of [...errors, ...doc.warnings]) {
      const { line, col } = positions.at(e.pos[0]);
      diagnostics.push({
        severity: e.name === 'YAMLWarning' ? 'warning' : 'error',
        file: source.path,
        line,
        col,
        path: '',
        code: 'yaml-syntax',
        message: `YAML: ${firstLine(e.message)}`,
      });
    }
    if (errors.length > 0 || isEmptyDocument(doc)) return { diagnostics };
    const root = doc.contents;
    const start = root?.range?.[0] ?? doc.range[0];
    return { document: { doc, root, positions, position: positions.at(start), aliases }, diagnostics };
  }
}

/**
 * `tokens`, each produced while `process.env` is a plain copy of itself.
 * yaml's Parser reads `process.env.LOG_TOKENS` once per lexeme (parser.js
 * next()), and a read of the real `process.env` goes through Node's native
 * interceptor: a quarter of the parse of a 100,000-Pod file. The Parser
 * yields one token per document, so the copy is in place only while it
 * parses (synchronously, inside `next()`); the real object is back before
 * any other code runs, the composer and our conversion included.
 */
function* withPlainEnv<T>(tokens: Generator<T>): Generator<T> {
  const plain = { ...process.env };
  for (;;) {
    const real = process.env;
    process.env = plain;
    let next: IteratorResult<T>;
    try {
      next = tokens.next();
    } finally {
      process.env = real;
    }
    if (next.done === true) return;
    yield next.value;
  }
}

/** Parses every document of a YAML (or JSON) file; a document with a syntax error is reported and left out. */
export function parseYamlFile(source: SourceFile): ParsedFile {
  const documents: YamlDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const read of readYamlDocuments(source)) {
    for (const d of read.diagnostics) diagnostics.push(d);
    if (read.document !== undefined) documents.push(read.document);
  }
  return { documents, diagnostics };
}

type PositionedError = Pick<YAMLError, 'name' | 'message' | 'pos'>;

/**
 * The one syntax error a document reports: after its first error the parser
 * recovers by guessing, and what it says next (often several errors for one
 * stray tab) misleads more than it helps. A tab used as indentation is named
 * over the errors it causes; a document nested too deep for the parser gets
 * one message, not one per level.
 */
function mainError(errors: readonly YAMLError[]): PositionedError {
  const first = errors.find((e) => e.message.startsWith('Tabs are not allowed')) ?? errors[0]!;
  if (/Maximum call stack size exceeded/.test(first.message)) {
    return { name: first.name, pos: first.pos, message: 'nesting too deep to read (collections nested thousands of levels)' };
  }
  return first;
}

/** What is wrong with a document's aliases: anchors missing, else what Kubernetes' YAML reader refuses (alias-expansion.ts). */
function aliasErrors(doc: Document, aliases: AliasTargets): PositionedError[] {
  const unresolved = unresolvedAliases(aliases);
  if (unresolved.length > 0) return unresolved;
  const problem = aliasExpansionProblem(doc, aliases);
  if (problem === undefined) return [];
  const at = problem.alias.range?.[0] ?? 0;
  const message =
    problem.kind === 'cycle'
      ? `anchor ${JSON.stringify(problem.alias.source)} value contains itself`
      : `document contains excessive aliasing: ${problem.aliased} of the first ${problem.decoded} nodes read come from expanding aliases, from this one on; ` +
        "kubectl's YAML reader refuses a document that is mostly alias expansion";
  return [{ name: 'YAMLParseError', pos: [at, at + 1], message }];
}

/** A merge key (`<<`) whose value is not a map or a list of maps: go-yaml's error (merge-keys.ts). */
function mergeErrors(doc: Document, aliases: AliasTargets): PositionedError[] {
  const bad = mergeKeyProblem(doc, aliases);
  if (bad === undefined) return [];
  const at = bad.range?.[0] ?? 0;
  return [{ name: 'YAMLParseError', pos: [at, at + 1], message: MERGE_WANTS_MAP }];
}

/**
 * Aliases (`*name`) with no anchor (`&name`) before them: the yaml library
 * resolves them to nothing without an error, which would silently drop the
 * value. (Only documents with a `*` in their text are walked: the walk
 * recurses less deeply than composing does, so a document too deep for it
 * already failed to compose.)
 */
function unresolvedAliases(aliases: AliasTargets): PositionedError[] {
  const out: PositionedError[] = [];
  try {
    for (const [alias, target] of aliases.entries()) {
      if (target === undefined) {
        const at = alias.range?.[0] ?? 0;
        out.push({ name: 'YAMLParseError', pos: [at, at + 1], message: `Aliased anchor not found: ${alias.source}` });
      }
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    out.push({ name: 'YAMLParseError', pos: [0, 1], message: 'nesting too deep to read (collections nested thousands of levels)' });
  }
  return out;
}

/** A YAML error message without its trailing position and excerpt. */
export function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
