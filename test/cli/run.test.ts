import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, listTree, podsim, tempDir } from './run-cli.js';

const TRACE_FILES = ['events.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.json', 'transitions.csv', 'workloads.csv'];

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
});

describe('podsim run', () => {
  it('simulates a scenario, writes every trace file and prints a summary', () => {
    const cwd = tempDir();
    const r = podsim(['run', path.join(ROOT, 'scenarios/crashloop.yml'), '--check'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Running\s+1/);
    expect(r.stdout).toContain('wrote results/crashloop/');
    expect(listTree(path.join(cwd, 'results'))).toEqual(['crashloop', ...TRACE_FILES.map((f) => `crashloop/${f}`)]);
  });

  it('gives byte-identical traces for the same scenario and seed, and different ones for another seed', () => {
    const cwd = tempDir();
    const scenario = path.join(ROOT, 'scenarios/out-of-cpu.yml');
    for (const [out, seed] of [['a', '3'], ['b', '3'], ['c', '4']] as const) {
      expect(podsim(['run', scenario, '--out', out, '--seed', seed, '--check'], cwd).code).toBe(0);
    }
    const read = (dir: string, f: string) => fs.readFileSync(path.join(cwd, dir, f), 'utf8');
    for (const f of TRACE_FILES.filter((x) => x !== 'run.json')) expect(read('b', f)).toBe(read('a', f));
    expect(JSON.parse(read('c', 'summary.json')).seed).toBe(4);
  });

  it('applies --set, --duration and --out', () => {
    const cwd = tempDir();
    const r = podsim(
      ['run', path.join(ROOT, 'scenarios/out-of-cpu.yml'), '--set', 'nodePools.worker.count=5', '--duration', '1m', '--out', 'here', '--check'],
      cwd,
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(cwd, 'here/summary.json'), 'utf8'));
    expect(summary.duration_s).toBe(60);
    expect(summary.nodes.total).toBe(5);
    expect(summary.unschedulable_pods).toBe(0);
  });

  it('refuses bad usage with exit 2 and a hint', () => {
    const r = podsim(['run'], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .* \(podsim --help lists the commands and flags\)\n$/);
    expect(r.stdout).toBe('');
  });
});
