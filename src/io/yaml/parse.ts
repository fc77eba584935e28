import { type Document, LineCounter, type Node, isScalar, parseAllDocuments } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics.js';
import type { SourceFile } from '../fs.js';

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
}

export interface ParsedFile {
  /** Non-empty documents without syntax errors, in file order. */
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.value === null && c.source === '');
}

/** Parses every document of a YAML (or JSON) file; a document with a syntax error is reported and left out. */
export function parseYamlFile(source: SourceFile): ParsedFile {
  const lines = new LineCounter();
  const positions = new Positions(source.path, lines);
  const docs = parseAllDocuments(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const documents: YamlDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    for (const e of [...doc.errors, ...doc.warnings]) {
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
    if (doc.errors.length > 0 || isEmptyDocument(doc)) continue;
    const root = doc.contents;
    const start = root?.range?.[0] ?? doc.range[0];
    documents.push({ doc, root, positions, position: positions.at(start) });
  }
  return { documents, diagnostics };
}

/** A YAML error message without its trailing position and excerpt. */
export function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
