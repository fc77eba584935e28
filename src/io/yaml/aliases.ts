import { type Alias, type Document, type Node, isAlias, isCollection, isScalar, visit } from 'yaml';

/**
 * Where each alias (`*name`) of one document points: the last node anchored
 * `&name` before it, as yaml's `Alias.resolve(doc)` answers. That call walks
 * the whole document for every alias, so a document with an alias per item
 * (a List of 100,000) would cost the square of its size; here the document is
 * walked once, on first use, and each alias is a map lookup after.
 *
 * Call `forget` after changing the document (--set): the next use walks it again.
 */
export class AliasTargets {
  private targets: Map<Alias, Node | undefined> | undefined;

  constructor(private readonly doc: Document) {}

  /** The alias's node; undefined when no anchor of its name comes before it. */
  resolve(alias: Alias): Node | undefined {
    this.targets ??= walk(this.doc);
    // an alias added to the document without forget(): yaml's own answer
    return this.targets.has(alias) ? this.targets.get(alias) : alias.resolve(this.doc);
  }

  /** Every alias of the document in document order, with its node (undefined: no anchor before it). */
  entries(): IterableIterator<[Alias, Node | undefined]> {
    this.targets ??= walk(this.doc);
    return this.targets.entries();
  }

  forget(): void {
    this.targets = undefined;
  }
}

/** One walk in yaml's visit order (the order `Alias.resolve` searches in). Throws RangeError when nested too deep. */
function walk(doc: Document): Map<Alias, Node | undefined> {
  const targets = new Map<Alias, Node | undefined>();
  const anchored = new Map<string, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchored.get(node.source));
      else if ((isScalar(node) || isCollection(node)) && node.anchor) anchored.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * Is there a `mark` (by default `*`, which every alias starts with; `<<` for
 * merge keys) in the text from `start` to `end`? Asked for ranges in
 * increasing order (the documents of a file), it reads each character of the
 * text at most once in all.
 */
export class AliasMarks {
  /** The first mark at or after the last `start` asked about; -1 when none is left; undefined before the first question. */
  private next: number | undefined;

  constructor(
    private readonly text: string,
    private readonly mark = '*',
  ) {}

  within(start: number, end: number): boolean {
    if (this.next === undefined || (this.next !== -1 && this.next < start)) this.next = this.text.indexOf(this.mark, start);
    return this.next !== -1 && this.next < end;
  }
}
