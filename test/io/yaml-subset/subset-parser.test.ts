import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compareReadings, compareWithLibrary } from './same-as-library.js';

/** Every YAML (and JSON) file under `dir`. */
function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.(ya?ml|json)$/.test(name)) out.push(path);
  }
  return out.sort();
}

const FILES = [...yamlFiles('scenarios'), ...yamlFiles('test')];

/** The subset parser's documents are the library's, and so is what readYamlDocuments gives. */
function expectSame(text: string): ReturnType<typeof compareWithLibrary> {
  const c = compareWithLibrary(text);
  expect(c.problems, JSON.stringify(text.slice(0, 400))).toEqual([]);
  expect(compareReadings(text), JSON.stringify(text.slice(0, 400))).toEqual([]);
  return c;
}

describe('SubsetParser gives the yaml library documents or declines', () => {
  it("relies on the core schema's tests for typed plain scalars (subset-scalars.ts mayBeTyped)", () => {
    // a plain scalar not starting with one of 0-9 + - . ~ n N t T f F, and not empty, matches none of them
    const tests = new Document(undefined, { prettyErrors: false, uniqueKeys: true }).schema.tags.flatMap((t) => (t.test ? [t.test.source] : []));
    expect(tests).toEqual([
      '^(?:~|[Nn]ull|NULL)?$',
      '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$',
      '^0o[0-7]+$',
      '^[-+]?[0-9]+$',
      '^0x[0-9a-fA-F]+$',
      '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
      '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
      '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
    ]);
  });

  it('on the repository files (scenarios, fixtures, real manifests)', () => {
    let whole = 0;
    let wholeUncommented = 0;
    for (const file of FILES) {
      const text = readFileSync(file, 'utf8');
      const c = compareWithLibrary(text);
      expect(c.problems, file).toEqual([]);
      expect(compareReadings(text), file).toEqual([]);
      if (c.whole) whole += 1;
      // the same without its comment lines: real manifests, more of them in the subset
      const uncommented = text.replace(/^[ ]*#.*\n/gm, '');
      const u = compareWithLibrary(uncommented);
      expect(u.problems, `${file} without comment lines`).toEqual([]);
      expect(compareReadings(uncommented), `${file} without comment lines`).toEqual([]);
      if (u.whole) wholeUncommented += 1;
    }
    // the subset is meant to cover plain manifests: many files are read whole
    expect(FILES.length).toBeGreaterThan(100);
    expect(whole).toBeGreaterThan(20);
    expect(wholeUncommented).toBeGreaterThan(whole);
  });

  it('reads manifests in the subset whole', () => {
    const pods = Array.from(
      { length: 3 },
      (_, i) =>
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, labels: {app: web}}\nspec:\n  containers: [{name: c, image: nginx:1.25, resources: {requests: {cpu: 100m, memory: 64Mi}}}]\n`,
    );
    for (const text of [
      pods.join('---\n'),
      `---\n${pods.join('---\n')}`,
      pods.join('---\n').trimEnd(),
      'a: 1\nb:\n- x\n- y: 2\n  z: [1, 2.50, 0x1F, 010, 0o7, 1e3, .inf, -.Inf, .nan, ~, null, true, False]\nc: {}\nd: []\n',
      'spec:\n  containers:\n    - name: c\n      ports:\n      - containerPort: 80\n        protocol: TCP\n      args: ["--x", \'y\', "a b"]\n',
      '- a\n- b: c\n- [d]\n- {e: f}\n- "g"\n',
      'url: http://example.com/a?b=c#d\nimage: "nginx:1.25"\nx: a:b\nn: -1\nk: a b c\n',
      // empty lines: spaceBefore on the node after them, the document's end after them
      '\n\na: 1\n\nb:\n  c: 2\n\n  d: 3\n\ne:\n\n- x\n\n- y: 1\n\n  z: 2\n\n- [w]\nf:\n\n  g: 1\n\n\n---\n\nh: 1\n\n---\n- a\n\n',
      // comment lines after ---: the contents' commentBefore (helm template's output)
      '---\n# Source: chart/templates/a.yaml\napiVersion: v1\nkind: Service\n---\n# Source: chart/templates/b.yaml\n#\n#x\n- a\n',
      // comment lines above the first document: its first key's or item's commentBefore
      '# Copyright\n# Licence\napiVersion: v1\n---\nb: 1\n',
      '# head\n- a\n- b\n',
      // literal block scalars as map values (kubectl's last-applied-configuration)
      'm:\n  a: |\n    {"x": 1, "y": "a: b # c"}\n      more\n    - z\n  b: 2\nc: |\n  l1\n  l2\n',
    ]) {
      const c = expectSame(text);
      expect(c.whole, text).toBe(true);
    }
  });

  it('reads real manifests in the subset whole (real/README.md)', () => {
    for (const name of readdirSync('test/io/yaml-subset/real').filter((n) => n.endsWith('.yaml'))) {
      const text = readFileSync(join('test/io/yaml-subset/real', name), 'utf8').replace(/^[ ]*#.*\n/gm, '');
      expect(expectSame(text).whole, name).toBe(true);
    }
    // kubectl get -o yaml: a List, last-applied-configuration in a literal block scalar
    expect(expectSame(readFileSync('test/fixtures/kubectl-export/cluster.yml', 'utf8')).whole).toBe(true);
  });

  it('declines what lies outside the subset, or gives what the library gives', () => {
    const cases = [
      '',
      '\n',
      'a: 1 # note\n',
      '# head\na: 1\n',
      'a: 1\n\nb: 2\n',
      'a: 1 \n',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  x\n',
      'a: >\n  x\n',
      'a: b\n  c\n',
      'a: "b\n  c"\n',
      'a: "b\\"c"\n',
      "a: 'it''s'\n",
      '"a": 1\n',
      'a: 1\na: 2\n',
      '1: a\n',
      'a:\n',
      'a:\nb: 1\n',
      'a: 1\n---\n',
      'a: 1\n...\n',
      '%YAML 1.2\n---\na: 1\n',
      '--- a\n',
      'a: {b: c\n',
      'a: [b, c,]\n',
      'a: [b, c] x\n',
      'a: {b: c}}\n',
      'a: b: c\n',
      'a :b\n',
      'a : b\n',
      '? a\n: b\n',
      '- - a\n',
      '-\n  a: 1\n',
      'a:\n  - b\n  c: d\n',
      'a:\n    b: 1\n  c: 2\n',
      '  a: 1\n',
      'a: 1\n b: 2\n',
      'a: -\n',
      'a: - b\n',
      'a: @b\n',
      'a: `b\n',
      'a: %b\n',
      'a: ,b\n',
      'a: {b}\n',
      'a: {b: }\n',
      'a: [b: c]\n',
      'a: {"b": c}\n',
      'a: {b:c}\n',
      'a: {b: c:d}\n',
      'a: [a:b, c:]\n',
      'a: { b: c }\n',
      'a: [ b ]\n',
      'a: [b ,c]\n',
      'a: 1\n---\nb: 2\n--- \nc: 3\n',
      'a: 1\n----\n',
      '---\n---\na: 1\n',
      'a: 1\n---\n# c\nb: 2\n',
      '\ufeffa: 1\n',
      '# c\n\na: 1\n',
      '\n# c\na: 1\n',
      '# c\n---\na: 1\n',
      '---\n# c\n\na: 1\n',
      '---\n\n# c\na: 1\n',
      '---\n# c \na: 1\n',
      '---\n# c\n',
      '---\n# c',
      'a: 1\n---\n# c\n---\nb: 1\n',
      '  # c\na: 1\n',
      '#\ta\na: 1\n',
      'a: |\n  x\n\n  y\n',
      'a: |\n  x\n\nb: 1\n',
      'a: |-\n  x\n',
      'a: |+\n  x\n',
      'a: |2\n  x\n',
      'a: | \n  x\n',
      'a: |\n  x',
      'a: |\nb: 1\n',
      'a: |\n  x\n   y\n b: 1\n',
      'a: |\n    x\n  y\n',
      'a: |\n  x\t\n',
      'a: |\n  x\n  ',
      '- |\n  x\n',
      'a: >\n  x\n',
      'a: \u2028\n',
      'a: b\u0085c\n',
      `${'k'.repeat(1100)}: v\n`,
      'a: 1\nb: [1, 2]\n---\nc: *d\n',
      'a: 1\n---\nb: {c: d\n',
      'a: 1\n---\nb: 1\nb: 2\n',
      // text the Composer cannot place at the start of a document is an error of the one before
      'a: 1\n---\n}x: 1\n',
      'a: 1\n---\n]\n',
      'a: 1\n---\nb: 1\n---\n}\n',
      'a: 1\n\n---\n\n}\n',
      '<<: {a: 1}\nb: 2\n',
      'a: 1e3\nb: 0x1F\nc: 010\nd: .inf\ne: 0o17\nf: +1\ng: .5\nh: 1_000\ni: Yes\nj: "1"\n',
      // nested past the subset's depth (and the stack's): the library reports it
      `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
      `a: ${'['.repeat(101)}${']'.repeat(101)}\n`,
      `a: ${'['.repeat(99)}${']'.repeat(99)}\n`,
      Array.from({ length: 120 }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n') + ' 1\n',
      // maps larger than the subset parser scans for duplicate keys, with and without one
      Array.from({ length: 40 }, (_, i) => `k${i}: ${i}\n`).join(''),
      Array.from({ length: 40 }, (_, i) => `k${i % 30}: ${i}\n`).join(''),
      `a: {${Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join(', ')}}\n`,
      `a: {${Array.from({ length: 40 }, (_, i) => `k${i % 25}: ${i}`).join(', ')}}\n`,
      '{a: 1}\n',
      '[a]\n',
      'a\n',
    ];
    for (const text of cases) expectSame(text);
  });

  it('declines, or agrees, on every single-character change of a manifest', () => {
    const cases: [string, string[]][] = [
      [
        'kind: Pod\nmetadata: {name: p0, labels: {app: web}}\nspec:\n  containers:\n  - name: c\n    args: [a, "b", \'c\']\n\n    resources: {requests: {cpu: 1}}\n---\nx:\n- 1\n',
        [' ', '\n', '-', ':', ',', '#', '[', ']', '{', '}', '"', "'", '&', '*', '!', '|', '>', '?', '%', '@', '\t', '.', '0', 'a', '~', '\\'],
      ],
      // comment lines, a literal block scalar, empty lines
      [
        '# Source: a/b.yaml\napiVersion: v1\nmetadata:\n  annotations:\n    last: |\n      {"a": "b: c"}\n       x\n  name: p\n\nitems:\n- a\n---\n# c\n- k: |\n    y\n',
        [' ', '\n', '-', ':', '#', '|', '>', '"', "'", '\t', 'a', '+', '2', '{', '['],
      ],
    ];
    for (const [base, chars] of cases) {
      const texts = new Set<string>();
      for (let at = 0; at <= base.length; at++) {
        texts.add(base.slice(0, at) + base.slice(at + 1));
        for (const c of chars) {
          texts.add(base.slice(0, at) + c + base.slice(at));
          texts.add(base.slice(0, at) + c + base.slice(at + 1));
        }
      }
      for (const text of texts) {
        const c = compareWithLibrary(text);
        expect(c.problems, JSON.stringify(text)).toEqual([]);
        // declined from the first document on, readYamlDocuments is the library alone
        if (c.given > 0) expect(compareReadings(text), JSON.stringify(text)).toEqual([]);
      }
    }
  }, 120_000);

  it('declines, or agrees, on random manifest-like YAML', () => {
    const words = ['a', 'name', 'x-y', 'app.kubernetes.io/name', 'a b', 'nginx:1.25', 'http://h/p', 'a#b', '-1', '<<', '.x', 'k8s', 'ünï'];
    const typed = ['1', '1e3', '0x1F', '010', '0o17', '.inf', '-.inf', '.nan', '~', 'null', 'Null', 'NULL', 'true', 'False', 'TRUE', 'yes', '1.50', '+1', '-0', '.5', '1_000', '12:30', '1.2.3', '0.'];
    const odd = ['a,b', 'a[0]', '', ' ', 'a ', ' a', 'a: b', 'a #b', '- a', '[a]', '{a}', '"', "'", '*a', '&a', '!a', '|', '>', '%a', '@a', '`a', '?', '?a', ':', ':a', 'a:', '---', '...', 'é', '😀', '\\', 'a\\b'];
    /** A document of manifest-like YAML: `clean` ones mostly in the subset, the others with odd scalars, comments, tabs... */
    const manifestLike = (clean: boolean): fc.Arbitrary<string> => {
      const scalarText = fc.oneof(
        { arbitrary: fc.constantFrom(...words), weight: 12 },
        { arbitrary: fc.constantFrom(...typed), weight: 6 },
        { arbitrary: fc.constantFrom(...odd), weight: clean ? 0 : 1 },
        { arbitrary: fc.string({ maxLength: 6 }), weight: clean ? 0 : 1 },
      );
      const quoted = (s: string, style: number): string => (style === 1 ? `"${s}"` : style === 2 ? `'${s}'` : s);
      const scalar = fc.tuple(scalarText, fc.nat(4)).map(([s, style]) => quoted(s, style));
      const key = clean
        ? fc.constantFrom(...words.filter((w) => w !== '-1'))
        : fc.oneof({ arbitrary: fc.constantFrom(...words), weight: 8 }, { arbitrary: scalar, weight: 1 });
      const gap = clean ? fc.constantFrom(' ', ' ', '  ') : fc.constantFrom(' ', ' ', ' ', ' ', '  ', '');
      // clean maps have no duplicate keys
      const pairs = <T>(value: fc.Arbitrary<T>, minLength: number) =>
        clean
          ? fc.uniqueArray(fc.tuple(key, value), { minLength, maxLength: 3, selector: ([k]) => k })
          : fc.array(fc.tuple(key, value), { minLength, maxLength: 3 });
      // flow values, nested a little
      const flow: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
        v: fc.oneof(
          { depthSize: 'xsmall', withCrossShrink: true },
          scalar,
          fc.tuple(fc.array(tie('v'), { maxLength: 3 }), gap).map(([items, g]) => `[${items.join(`,${g}`)}]`),
          fc
            .tuple(pairs(fc.tuple(gap, tie('v')), 0), gap)
            .map(([entries, g]) => `{${entries.map(([k, [s, v]]) => `${k}:${s}${v}`).join(`,${g}`)}}`),
        ),
      })).v;
      // block collections, rendered line by line with an indentation
      type Literal = { kind: 'literal'; lines: string[]; extra: number };
      type Block = { kind: 'map'; pairs: [string, Block | Literal | string][] } | { kind: 'seq'; items: (Block | Literal | string)[] };
      // a literal block scalar (`|`): lines of anything, some more indented
      const literal = fc
        .tuple(
          fc.array(fc.oneof(scalarText, fc.constantFrom('{"a": "b: c"}', '# not a comment', '- x', ...(clean ? [] : ['']))), { minLength: 1, maxLength: 3 }),
          fc.constantFrom(0, 0, 1, 2),
        )
        .map(([lines, extra]): Literal => ({ kind: 'literal', lines, extra }));
      const block: fc.Arbitrary<Block> = fc.letrec<{ b: Block; v: Block | Literal | string }>((tie) => ({
        b: fc.oneof(
          { depthSize: 'xsmall', withCrossShrink: true },
          pairs(tie('v'), 1).map((entries) => ({ kind: 'map' as const, pairs: entries })),
          fc.array(tie('v'), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'seq' as const, items })),
        ),
        v: fc.oneof({ depthSize: 'xsmall' }, flow, flow, tie('b'), literal),
      })).b;
      const render = (b: Block, indent: number, seqIndent: number, out: string[], firstPrefix?: string): void => {
        const pad = ' '.repeat(indent);
        let first = firstPrefix;
        const line = (text: string): void => {
          out.push(first !== undefined ? first + text : pad + text);
          first = undefined;
        };
        if (b.kind === 'map') {
          for (const [k, v] of b.pairs) {
            if (typeof v === 'string') line(`${k}: ${v}`);
            else if (v.kind === 'literal') {
              line(`${k}: |`);
              v.lines.forEach((l, i) => out.push(' '.repeat(indent + 2 + (i === 0 ? 0 : v.extra)) + l));
            } else if (v.kind === 'seq') {
              line(`${k}:`);
              render(v, indent + seqIndent, seqIndent, out);
            } else {
              line(`${k}:`);
              render(v, indent + 2, seqIndent, out);
            }
          }
        } else {
          for (const v of b.items) {
            if (typeof v === 'string') line(`- ${v}`);
            else if (v.kind === 'literal') {
              line('- |');
              v.lines.forEach((l) => out.push(' '.repeat(indent + 2) + l));
            } else if (v.kind === 'map') {
              const prefix = first !== undefined ? `${first}- ` : `${pad}- `;
              first = undefined;
              render(v, indent + 2, seqIndent, out, prefix);
            } else {
              line('-');
              render(v, indent + 2, seqIndent, out);
            }
          }
        }
      };
      const noise = clean ? fc.constant('') : fc.constantFrom('', '', '', '', ' ', '\n', '# c', ' # c', '\t', '---', '...');
      const header = clean
        ? fc.constantFrom('', '', '', '# Source: c/t.yaml\n', '#\n', '# a\n# b\n')
        : fc.constantFrom('', '# Source: c/t.yaml\n', '# a\n\n', '\n# a\n', '# a \n');
      return fc.tuple(block, fc.constantFrom(0, 2), fc.nat(30), noise, fc.array(fc.nat(30), { maxLength: 3 }), header).map(([b, seqIndent, at, n, empty, head]) => {
        const out: string[] = [];
        render(b, 0, seqIndent, out);
        if (n !== '' && out.length > 0) {
          const i = at % out.length;
          out[i] = at % 2 === 0 ? out[i] + n : n + out[i];
        }
        // empty lines anywhere, the end of the document included
        for (const e of empty) out.splice(e % (out.length + 1), 0, '');
        return `${head}${out.join('\n')}\n`;
      });
    };
    // as many files of clean documents as of others
    const docs = fc.oneof(fc.array(manifestLike(true), { minLength: 1, maxLength: 3 }), fc.array(manifestLike(false), { minLength: 1, maxLength: 3 }));
    let accepted = 0;
    fc.assert(
      fc.property(docs, fc.boolean(), fc.boolean(), (texts, lead, trail) => {
        let text = (lead ? '---\n' : '') + texts.join('---\n');
        if (!trail) text = text.slice(0, -1);
        const c = compareWithLibrary(text);
        expect(c.problems, JSON.stringify(text)).toEqual([]);
        if (c.given > 0) expect(compareReadings(text), JSON.stringify(text)).toEqual([]);
        accepted += c.given;
      }),
      { numRuns: 4000 },
    );
    // the generator reaches the subset, not only what it declines: documents given, compared property for property
    expect(accepted).toBeGreaterThan(500);
  }, 120_000);
});
