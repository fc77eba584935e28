import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { CommandContext } from '../../src/cli/io.js';
import { validateCommand } from '../../src/cli/validate.js';
import { NOT_SUPPORTED_YET } from '../../src/io/manifests/registry.js';
import { type Block, DOCS, ROOT, blocks, marker, shownValidateOutput } from './blocks.js';

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
 * Validation must report nothing, unless the doc shows what it reports: a
 * later ```text block starting `$ podsim validate FILE`, then exactly the
 * lines podsim prints. While a kind is in NOT_SUPPORTED_YET, its "is not
 * supported yet" error may come on top (bring-your-own-cluster.md exports
 * StatefulSets and CronJobs, which other branches add).
 *
 * The files of test/docs/<doc name>/ are copied into the doc's folder first
 * (bring-your-own-cluster.md's cluster.yaml, a kubectl export). A doc with a
 * `# file: scenarios/...` block gets the repository's scenarios/ folder
 * before it, so the block is checked against the scenarios it names
 * (sweep.md's Sweep file runs ../capacity-sweep.yml).
 *
 * Every `--set PATH=VALUE` in a ```sh block of docs/scenario.md is applied to
 * its `# file: example.yml` scenario and must validate too.
 */

/** The spec a `# fragment: spec` block completes: a pool the fragments' events name, and a horizon. */
const FRAGMENT_BASE = {
  duration: '2h',
  nodePools: [{ name: 'worker', count: 3, allocatable: { cpu: '4', memory: '16Gi' }, labels: { 'topology.kubernetes.io/zone': 'zone-a' } }],
};

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

/** The lines podsim printed are those the doc shows (none when it shows none), pending kinds' errors aside. */
function checkDiagnostics(where: string, lines: readonly string[], shown: readonly string[] = []): void {
  expect(lines.filter((l) => !pendingKind(l)), `${where}: what podsim validate reports`).toEqual(shown);
}

/** Writes a doc's files into a fresh folder: the fixtures of test/docs/<name>/, then its `# file:` blocks. */
function docFolder(doc: string, all: readonly Block[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-docs-'));
  if (all.some((b) => marker(b, 'file')?.startsWith('scenarios/'))) fs.cpSync(path.join(ROOT, 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
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
      const all = blocks(doc);
      for (const [i, b] of all.entries()) {
        if (b.lang !== 'yaml') continue;
        const where = `docs/${b.doc}:${b.line}`;
        const file = marker(b, 'file');
        if (marker(b, 'fragment') === 'spec') {
          const name = `fragment-${b.line}.yml`;
          fs.writeFileSync(path.join(dir, name), fragmentScenario(b));
          const r = validate(dir, name);
          checkDiagnostics(where, r.lines, shownValidateOutput(all, i, name));
        } else if (isScenario(b) || file !== undefined) {
          const name = file ?? `${path.basename(doc, '.md')}-${b.line}.yml`;
          if (file === undefined) fs.writeFileSync(path.join(dir, name), b.text);
          const r = validate(dir, name);
          checkDiagnostics(where, r.lines, shownValidateOutput(all, i, name));
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
