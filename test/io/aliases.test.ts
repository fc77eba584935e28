import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Alias, parseDocument, visit } from 'yaml';
import { AliasMarks, AliasTargets } from '../../src/io/yaml/aliases.js';

function aliasesOf(text: string) {
  const doc = parseDocument(text);
  const aliases: Alias[] = [];
  visit(doc, {
    Alias(_, a) {
      aliases.push(a);
    },
  });
  return { doc, aliases };
}

/** A List-like document of anchors (`&a1`) and aliases (`*a1`), names reused and unknown ones included. */
const anchorsAndAliases = fc
  .array(fc.tuple(fc.constantFrom('anchor', 'alias', 'plain'), fc.constantFrom('a', 'b', 'c'), fc.boolean()), { maxLength: 30 })
  .map((items) =>
    ['items:', ...items.map(([what, name, nested], i) => {
      const value = what === 'anchor' ? `&${name} {v: ${i}}` : what === 'alias' ? `*${name}` : `${i}`;
      return nested ? `- {x: ${value}}` : `- ${value}`;
    })].join('\n'),
  );

describe('AliasTargets', () => {
  test('an alias points to the last node anchored with its name before it, as yaml resolves it', () => {
    const { doc, aliases } = aliasesOf('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: *y\n');
    const targets = new AliasTargets(doc);
    expect(aliases.map((a) => targets.resolve(a)?.toJSON())).toEqual([1, 2, undefined]);
  });

  test('agrees with yaml for every alias of any document', () => {
    fc.assert(
      fc.property(anchorsAndAliases, (text) => {
        const { doc, aliases } = aliasesOf(text);
        const targets = new AliasTargets(doc);
        for (const a of aliases) expect(targets.resolve(a)).toBe(a.resolve(doc));
        expect([...targets.entries()].map(([a]) => a)).toEqual(aliases);
      }),
      { numRuns: 200 },
    );
  });

  test('after forget, a changed document is walked again', () => {
    const { doc, aliases } = aliasesOf('a: &x 1\nb: *x\n');
    const targets = new AliasTargets(doc);
    const [alias] = aliases;
    expect(targets.resolve(alias!)?.toJSON()).toBe(1);
    doc.set('a', doc.createNode(5));
    expect(targets.resolve(alias!)?.toJSON()).toBe(1); // remembered until told
    targets.forget();
    expect(targets.resolve(alias!)).toBeUndefined();
  });

  test('an alias added without forget gets yaml’s own answer', () => {
    const { doc, aliases } = aliasesOf('a: &x 1\nb: *x\n');
    const targets = new AliasTargets(doc);
    expect(targets.resolve(aliases[0]!)?.toJSON()).toBe(1);
    const added = new Alias('x');
    doc.set('c', added);
    expect(targets.resolve(added)?.toJSON()).toBe(1);
  });
});

describe('AliasMarks', () => {
  test('finds a * inside a range, not at its end or outside it', () => {
    const marks = new AliasMarks('ab*d*f');
    expect([marks.within(0, 2), marks.within(0, 3), marks.within(3, 4), marks.within(3, 5), marks.within(5, 6)]).toEqual([false, true, false, true, false]);
  });

  test('answers as a search of each range would, for ranges in increasing order', () => {
    const textAndRanges = fc.string({ unit: fc.constantFrom('a', '*', '\n'), maxLength: 60 }).chain((text) =>
      fc.tuple(fc.constant(text), fc.array(fc.tuple(fc.nat(text.length), fc.nat(text.length)), { maxLength: 12 })),
    );
    fc.assert(
      fc.property(textAndRanges, ([text, pairs]) => {
        const starts = pairs.map(([a]) => a).sort((x, y) => x - y);
        const ranges = starts.map((s, i) => [s, s + (pairs[i]![1] % (text.length - s + 1))] as const);
        const marks = new AliasMarks(text);
        for (const [s, e] of ranges) expect(marks.within(s, e)).toBe(text.slice(s, e).includes('*'));
      }),
      { numRuns: 300 },
    );
  });
});
