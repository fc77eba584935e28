import { describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { aliasExpansionProblem, allowedAliasRatio } from '../../src/io/yaml/alias-expansion.js';
import { AliasTargets } from '../../src/io/yaml/aliases.js';
import { loadWith } from './helpers.js';

function problem(text: string) {
  const doc = parseDocument(text);
  const p = aliasExpansionProblem(doc, new AliasTargets(doc));
  return p && { kind: p.kind, alias: p.alias.source, line: text.slice(0, p.alias.range?.[0]).split('\n').length };
}

/** `levels` lines of `fanout` aliases to the line before: fanout^levels scalars. */
function laughs(levels: number, fanout: number): string {
  let text = 'a0: &a0 lol\n';
  for (let l = 1; l <= levels; l++) text += `a${l}: &a${l} [${Array(fanout).fill(`*a${l - 1}`).join(', ')}]\n`;
  return text;
}

describe("alias expansion is bounded as kubectl's YAML reader (go-yaml) bounds it", () => {
  test('allowedAliasRatio: 99 % up to 400,000 decoded nodes, 10 % from 4,000,000, linear between', () => {
    expect([0, 400_000, 2_200_000, 4_000_000, 9_000_000].map(allowedAliasRatio)).toEqual([0.99, 0.99, 0.99 - 0.89 / 2, 0.1, 0.1]);
  });

  test('ten to the third scalars pass, ten to the fourth fail, as with go-yaml v3', () => {
    expect(problem(laughs(3, 10))).toBeUndefined();
    expect(problem(laughs(4, 10))).toEqual({ kind: 'excessive', alias: 'a3', line: 5 });
  });

  test('a billion laughs fails after a few thousand nodes, at the outermost alias being expanded', () => {
    const p = aliasExpansionProblem(parseDocument(laughs(9, 9)), new AliasTargets(parseDocument(laughs(9, 9))));
    expect(p?.kind).toBe('excessive');
    expect(p?.kind === 'excessive' && p.decoded).toBeLessThan(10_000);
  });

  test('sharing that is not most of the document passes: 300 pods with shared labels and requests', () => {
    const pods = Array.from({ length: 300 }, (_, i) =>
      i === 0
        ? '- {kind: Pod, metadata: {name: p0, labels: &l {app: web, tier: a}}, spec: {containers: [{name: c, resources: &r {requests: {cpu: 1, memory: 1Gi}}}]}}'
        : `- {kind: Pod, metadata: {name: p${i}, labels: *l}, spec: {containers: [{name: c, resources: *r}]}}`,
    );
    expect(problem(`items:\n${pods.join('\n')}\n`)).toBeUndefined();
  });

  test('an alias inside its own anchor is a cycle', () => {
    expect(problem('a: &x {b: [1, *x]}\n')).toEqual({ kind: 'cycle', alias: 'x', line: 1 });
    expect(problem('a: &x {b: 1}\nc: {d: *x, e: *x}\n')).toBeUndefined();
  });

  test('the loader reports both at the alias, as YAML errors', () => {
    expect(loadWith('apiVersion: v1\nkind: Pod\nmetadata: &m {name: p, labels: *m}\n').lines).toEqual([
      's.yml:6:32: error: YAML: anchor "m" value contains itself',
    ]);
    expect(loadWith(`apiVersion: v1\nkind: List\nitems:\n${laughs(4, 10).replace(/^/gm, '  ').replace(/^ {2}a/gm, '- x')}`).lines).toEqual([
      expect.stringMatching(/^s\.yml:11:17: error: YAML: document contains excessive aliasing: \d+ of the first \d+ nodes read come from expanding aliases, from this one on; kubectl's YAML reader refuses a document that is mostly alias expansion$/),
    ]);
  });
});
