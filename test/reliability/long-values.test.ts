import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { MAX_SHOWN, cutForMessage, cutQuotedValues, quoteForMessage } from '../../src/model/long-values.js';
import { testContext } from '../support/context.js';
import { SCENARIO, folderWith, run } from './files.js';

describe('long values in messages are cut', () => {
  it('quoteForMessage: short values whole, long ones to 80 characters, an ellipsis and their length', () => {
    expect(quoteForMessage('nginx:1.25')).toBe('"nginx:1.25"');
    expect(quoteForMessage('a'.repeat(MAX_SHOWN))).toBe(`"${'a'.repeat(80)}"`);
    expect(quoteForMessage('a'.repeat(8 * 1024 * 1024))).toBe(`"${'a'.repeat(80)}…" (8388608 characters)`);
    expect(quoteForMessage(`${'é'.repeat(79)}😀😀\n`)).toBe(`"${'é'.repeat(79)}😀…" (82 characters)`);
    expect(cutForMessage(`x=${'1'.repeat(100)}`)).toBe(`x=${'1'.repeat(78)}… (102 characters)`);
  });

  it('cutQuotedValues: every long quoted run of a message, escapes counted as one character', () => {
    const long = `${'\\t'.repeat(50)}${'b'.repeat(50)}`;
    expect(cutQuotedValues(`Invalid value: "${long}": bad, "short" "${'c'.repeat(81)}" end`)).toBe(
      `Invalid value: "${'\\t'.repeat(50)}${'b'.repeat(30)}…" (100 characters): bad, "short" "${'c'.repeat(80)}…" (81 characters) end`,
    );
    expect(cutQuotedValues(`unterminated "${'d'.repeat(100)}`)).toBe(`unterminated "${'d'.repeat(100)}`);
  });
});

const LONG = 'x'.repeat(256 * 1024);
const LENGTH = `(${LONG.length} characters)`;

/** Every line printed is short, and the long value, if shown, shows as cut. */
function expectShort(...texts: string[]): void {
  for (const text of texts) for (const line of text.split('\n')) expect(line.length).toBeLessThan(1000);
  if (texts.join('\n').includes('x'.repeat(MAX_SHOWN))) expect(texts.join('\n')).toContain(LENGTH);
}

const POD = (name: string, spec: string, meta = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}${meta}}
spec:
${spec}`;

describe('a 256 KiB value wherever a user may write one is printed cut', () => {
  it.each([
    ['an image (not in the catalogue: validate warns)', `  duration: 30s\n  nodePools: [{name: w, count: 1}]\n${POD('p', `  containers: [{name: c, image: ${LONG}}]\n`)}`, 0],
    ['a label value', `  duration: 30s\n${POD('p', '  containers: [{name: c, image: i}]\n', `, labels: {app: ${LONG}}`)}`, 2],
    ['an object name', `  duration: 30s\n${POD(LONG, '  containers: [{name: c, image: i}]\n')}`, 2],
    ['a duration', `  duration: ${LONG}\n`, 2],
    ['a podsim annotation', `  duration: 30s\n${POD('p', '  containers: [{name: c, image: i}]\n', `, annotations: {podsim.io/duration: ${LONG}}`)}`, 2],
    ['a map key (YAML refuses implicit keys over 1024 characters)', `  duration: 30s\n  ${LONG}: 1\n`, 2],
    ['an unknown field (an error: strict field validation)', `  duration: 30s\n  ? ${LONG}\n  : 1\n`, 2],
    ['a kind', `  duration: 30s\n---\napiVersion: v1\nkind: ${LONG}\n`, 0],
    ['a node name in a fault', `  duration: 30s\n  nodePools: [{name: w, count: 1}]\n  events: [{at: 1s, crash: {nodes: [${LONG}]}}]\n`, 0],
    ['a scaled workload', `  duration: 30s\n  events: [{at: 1s, scale: {kind: Deployment, name: ${LONG}, replicas: 1}}]\n`, 0],
  ])('%s', async (_, spec, code) => {
    const cwd = folderWith({ 's.yml': SCENARIO(spec) });
    const r = await run(cwd, { scenario: 's.yml', out: 'out' });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(code);
    const ctx = testContext(cwd);
    validateCommand(['s.yml'], [], ctx);
    expectShort(r.stdout, r.stderr, ctx.out.join(''), ctx.err.join(''));
  });

  it('a file name (an include or apply file), cut at 256 characters: no real path is longer', async () => {
    const cwd = folderWith({ 's.yml': SCENARIO(`  duration: 30s\n  include: [${'f'.repeat(5000)}.yml]\n  events: [{at: 1s, apply: {file: ${'g'.repeat(300)}.yml}}]\n`) });
    const r = await run(cwd, { scenario: 's.yml', out: 'out' });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^s\.yml:\d+:\d+: error: spec\.(include\[0\]|events\[0\]\.apply\.file): \/\S{255}… \(\d+ characters\): (no such file|cannot be read)$/);
  });

  it('a --set argument', async () => {
    const cwd = folderWith({ 's.yml': SCENARIO('  duration: 30s\n') });
    const r = await run(cwd, { scenario: 's.yml', out: 'out', set: [`registry.bandwidth=${LONG}`, `nodePools.${LONG}=1`, `${LONG}`] });
    expect(r.code).toBe(2);
    expectShort(r.stderr);
  });
});
