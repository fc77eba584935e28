import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { CommandContext } from '../../src/cli/io.js';
import { validateCommand } from '../../src/cli/validate.js';
import { NOT_SUPPORTED_YET } from '../../src/io/manifests/registry.js';

/**
 * Every ```yaml block of docs/*.md is checked as `podsim validate` checks a
 * file, so the user documentation cannot drift from the code. A block is one of:
 *
 * - a scenario: it has a `kind: Scenario` line; written as `<doc>-<line>.yml`
 *   (or under the name of its `# file:` marker) and validated;
 * - `# file: PATH` on its first line: written at PATH in the doc's folder
 *   (an included or applied file) before any scenario is validated, and
 *   validated itself as a file of Kubernetes objects;
 * - `# fragment: spec` on its first line: a part of a Scenario's spec,
 *   validated inside a Scenario whose other fields are those of FRAGMENT_BASE.
 *
 * Any other yaml block fails the test: write it as ```text, or mark it.
 * Validation must report nothing, except diagnostics that contain the text of
 * an `# expect: TEXT` line of the block (each of which must match one). While
 * a kind is in NOT_SUPPORTED_YET, its "is not supported yet" error is allowed
 * too (bring-your-own-cluster.md exports StatefulSets and CronJobs).
 *
 * The files of test/docs/<doc name>/ are copied into the doc's folder first
 * (bring-your-own-cluster.md's cluster.yaml, a kubectl export).
 *
 * Every `--set PATH=VALUE` in a ```sh block of docs/scenario.md is applied to
 * its `# file: example.yml` scenario and must validate too.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS = path.join(ROOT, 'docs');

/** The spec a `# fragment: spec` block completes: a pool the fragments' events name, and a horizon. */
const FRAGMENT_BASE = {
  duration: '2h',
  nodePools: [{ name: 'worker', count: 3, allocatable: { cpu: '4', memory: '16Gi' }, labels: { 'topology.kubernetes.io/zone': 'zone-a' } }],
};

interface Block {
  readonly doc: string;
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  readonly text: string;
  readonly lang: string;
}

function blocks(doc: string): Block[] {
  const lines = fs.readFileSync(path.join(DOCS, doc), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open || open[1] === '') continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ doc, line: start + 1, text: body.join('\n') + '\n', lang: open[1]! });
  }
  return out;
}

const marker = (b: Block, name: string): string | undefined => new RegExp(`^# ${name}: (.+)$`).exec(b.text.split('\n')[0]!)?.[1]?.trim();
const expects = (b: Block): string[] => [...b.text.matchAll(/^\s*# expect: (.+)$/gm)].map((m) => m[1]!.trim());
const isScenario = (b: Block): boolean => /^kind: Scenario\s*$/m.test(b.text);

/** `podsim validate FILE [--set ...]` in `cwd`: its exit code and its diagnostic lines. */
function validate(cwd: string, file: string, set: readonly string[] = []): { code: number; lines: string[] } {
  let stderr = '';
  const ctx: CommandContext = {
    stdout: () => undefined,
    stderr: (t) => void (stderr += t),
    cwd,
    argv: ['podsim', 'validate', file],
    wallClock: () => 0,
    peakMemoryBytes: () => 0,
    cpuSeconds: () => 0,
    runTag: 'docs',
    onInterrupt: () => () => undefined,
  };
  const code = validateCommand([file], set, ctx);
  return { code, lines: stderr.split('\n').filter((l) => l !== '') };
}

const pendingKind = (line: string): boolean => NOT_SUPPORTED_YET.some((k) => line.endsWith(`error: ${k} is not supported yet`));

function checkDiagnostics(where: string, lines: readonly string[], expected: readonly string[]): void {
  const unexpected = lines.filter((l) => !pendingKind(l) && !expected.some((e) => l.includes(e)));
  expect(unexpected, `${where}: diagnostics no "# expect:" line of the block allows`).toEqual([]);
  for (const e of expected) expect(lines.some((l) => l.includes(e)), `${where}: "# expect: ${e}" matched nothing in ${JSON.stringify(lines)}`).toBe(true);
}

/** Writes a doc's files into a fresh folder: the fixtures of test/docs/<name>/, then its `# file:` blocks. */
function docFolder(doc: string, all: readonly Block[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-docs-'));
  const fixtures = path.join(import.meta.dirname, path.basename(doc, '.md'));
  if (fs.existsSync(fixtures)) fs.cpSync(fixtures, dir, { recursive: true });
  for (const b of all) {
    const file = marker(b, 'file');
    if (file === undefined) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), b.text);
  }
  return dir;
}

/** A `# fragment: spec` block inside a Scenario document. */
function fragmentScenario(b: Block): string {
  const spec = parse(b.text) as Record<string, unknown>;
  return stringify({ apiVersion: 'podsim.io/v1alpha1', kind: 'Scenario', metadata: { name: 'fragment' }, spec: { ...FRAGMENT_BASE, ...spec } });
}

const docs = fs.existsSync(DOCS) ? fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort() : [];

describe('the YAML examples of docs/', () => {
  it('finds the docs', () => {
    expect(docs).toEqual(expect.arrayContaining(['scenario.md', 'outputs.md', 'bring-your-own-cluster.md', 'cli.md']));
  });

  for (const doc of docs) {
    const yaml = blocks(doc).filter((b) => b.lang === 'yaml');
    if (yaml.length === 0) continue;
    it(`${doc}: every yaml block validates as podsim validate checks it`, () => {
      const dir = docFolder(doc, yaml);
      for (const b of yaml) {
        const where = `docs/${b.doc}:${b.line}`;
        const file = marker(b, 'file');
        if (marker(b, 'fragment') === 'spec') {
          const name = `fragment-${b.line}.yml`;
          fs.writeFileSync(path.join(dir, name), fragmentScenario(b));
          const r = validate(dir, name);
          checkDiagnostics(where, r.lines, expects(b));
        } else if (isScenario(b) || file !== undefined) {
          const name = file ?? `${path.basename(doc, '.md')}-${b.line}.yml`;
          if (file === undefined) fs.writeFileSync(path.join(dir, name), b.text);
          const r = validate(dir, name);
          checkDiagnostics(where, r.lines, expects(b));
          if (!r.lines.some((l) => l.includes(': error: '))) expect(r.code, where).toBe(0);
        } else {
          expect.fail(`${where}: a yaml block that is neither a scenario nor marked "# file: PATH" or "# fragment: spec"`);
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }

  it('scenario.md: every --set of its shell examples applies to its example.yml', () => {
    const all = blocks('scenario.md');
    const sets = all.filter((b) => b.lang === 'sh').flatMap((b) => [...b.text.matchAll(/--set (\S+)/g)].map((m) => m[1]!));
    expect(sets.length).toBeGreaterThan(3);
    const dir = docFolder('scenario.md', all.filter((b) => b.lang === 'yaml'));
    expect(fs.existsSync(path.join(dir, 'example.yml'))).toBe(true);
    for (const set of sets) {
      const r = validate(dir, 'example.yml', [set.replace(/^'|'$/g, '')]);
      expect(r.lines, `--set ${set}`).toEqual([]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
