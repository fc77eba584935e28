import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, podsim, tempDir } from './run-cli.js';

/** kubectl's habits: -o json|yaml|wide, -f FILE, -n NAMESPACE; colour on a terminal only. Runs the built binary. */
const OUT_OF_CPU = path.join(ROOT, 'scenarios/out-of-cpu.yml');

describe('podsim run -o and -f', () => {
  it('-f FILE names the scenario; -o json prints summary.json exactly, and names the folder on stderr', () => {
    const cwd = tempDir();
    const r = podsim(['run', '-f', OUT_OF_CPU, '--out', 'o', '-o', 'json'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(cwd, 'o/summary.json'), 'utf8'));
    expect(r.stderr).toBe('wrote o/\n');
  });

  it('-o yaml prints the same data as YAML', () => {
    const cwd = tempDir();
    const r = podsim(['run', OUT_OF_CPU, '--out', 'o', '-o', 'yaml'], cwd);
    expect(parse(r.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(cwd, 'o/summary.json'), 'utf8')));
  });

  it('-o wide adds p99 and the events\' first time, count and node', () => {
    const r = podsim(['run', OUT_OF_CPU, '--out', 'o', '-o', 'wide'], tempDir());
    expect(r.stdout).toContain('Scheduling latency   p50 0s   p95 2m1s   p99 2m1s   max 2m1s');
    expect(r.stdout).toMatch(/^LAST SEEN {3}FIRST SEEN {3}COUNT {3}TYPE/m);
  });

  it('the scenario named twice, or not at all: exit 2, one line', () => {
    for (const args of [['run', OUT_OF_CPU, '-f', OUT_OF_CPU], ['run']]) {
      const r = podsim(args, tempDir());
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: name (the scenario once|a scenario): FILE or -f FILE /);
    }
  });
});

describe('podsim validate -o and -f', () => {
  it('-o json: the problems as data on stdout, nothing on stderr, exit 1 for errors', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'bad.yml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n');
    const r = podsim(['validate', '-f', 'bad.yml', '-o', 'json'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout) as { files: number; valid: boolean; diagnostics: { file: string; severity: string; message: string }[] };
    expect(data).toMatchObject({ files: 1, valid: false });
    expect(data.diagnostics[0]).toMatchObject({ file: 'bad.yml', severity: 'error' });
  });
});

describe('podsim explain -o, -f and -n', () => {
  it('-f FILE POD -n NAMESPACE is --pod NAMESPACE/NAME; -o json is --format json; -o yaml the same data', () => {
    const cwd = tempDir();
    const old = podsim(['explain', OUT_OF_CPU, '--pod', 'default/web-4', '--format', 'json'], cwd);
    const kubectlish = podsim(['explain', '-f', OUT_OF_CPU, 'web-4', '-n', 'default', '-o', 'json'], cwd);
    expect(old.code).toBe(0);
    expect(kubectlish.stdout).toBe(old.stdout);
    expect(parse(podsim(['explain', OUT_OF_CPU, 'web-4', '-o', 'yaml'], cwd).stdout)).toEqual(JSON.parse(old.stdout));
  });

  it('-n that disagrees with NAMESPACE/NAME: exit 2', () => {
    const r = podsim(['explain', OUT_OF_CPU, 'default/web-4', '-n', 'other'], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: -n other disagrees with the pod\'s namespace in "default/web-4"\n');
  });
});

/** Runs podsim under `script`, which gives it a terminal, when util-linux's script is there. */
function onTerminal(env: NodeJS.ProcessEnv): string | undefined {
  const cwd = tempDir();
  const command = `${process.execPath} ${BIN} run ${OUT_OF_CPU} --out o`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env });
  return r.error ? undefined : r.stdout;
}

describe.skipIf(spawnSync('script', ['--version']).error !== undefined)('colour (under script(1), a terminal)', () => {
  it('colours the tables on a terminal, and not with NO_COLOR', () => {
    const { NO_COLOR: _, ...env } = process.env;
    expect(onTerminal(env)).toContain('\u001b[1mSCENARIO\u001b[0m');
    expect(onTerminal({ ...env, NO_COLOR: '1' })).not.toContain('\u001b[');
  });

  it('off a terminal: no colour, no progress', () => {
    const r = podsim(['run', OUT_OF_CPU, '--out', 'o'], tempDir());
    expect(r.stdout + r.stderr).not.toContain('\u001b[');
  });
});
