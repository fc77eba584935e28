import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, listTree, podsim, tempDir } from './run-cli.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/sweeps');

/** A folder holding copies of the tiny scenario and its Sweep. */
function workspace(): string {
  const cwd = tempDir();
  for (const f of ['tiny.yml', 'tiny-sweep.yml']) fs.copyFileSync(path.join(FIXTURES, f), path.join(cwd, f));
  return cwd;
}

describe('podsim sweep and merge, the built binary (worker threads)', () => {
  it('runs the grid on 2 worker threads into Hive-style folders, prints the table and the answer; the same as --jobs 1', () => {
    const cwd = workspace();
    const r = podsim(['sweep', 'tiny-sweep.yml', '--jobs', '2'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cheapest grid point meeting every SLO: workers=2');
    expect(r.stdout).toContain('wrote results/tiny/sweep.csv');
    const tree = listTree(path.join(cwd, 'results/tiny'));
    expect(tree.filter((f) => f.endsWith('_SUCCESS'))).toEqual(
      ['workers=2/seed=1', 'workers=2/seed=2', 'workers=2/seed=3', 'workers=3/seed=1', 'workers=3/seed=2', 'workers=3/seed=3'].map((d) => `${d}/_SUCCESS`),
    );
    expect(tree.filter((f) => f.includes('.tmp-'))).toEqual([]);
    const one = podsim(['sweep', 'tiny-sweep.yml', '--jobs', '1', '--out', 'one'], cwd);
    expect(one.code).toBe(0);
    const csv = (d: string) => fs.readFileSync(path.join(cwd, d, 'sweep.csv'), 'utf8');
    expect(csv('one')).toBe(csv('results/tiny'));
    // each run's run.json says how to make the same run alone
    const info = JSON.parse(fs.readFileSync(path.join(cwd, 'results/tiny/workers=3/seed=2/run.json'), 'utf8'));
    expect(info.command).toMatch(/^podsim run \S+tiny\.yml --set duration=10m --set nodePools\.worker\.count=3 --seed 2 --out \S+workers=3\/seed=2$/);
    expect(info.status).toBe('complete');
  });

  it('no grid point meeting the SLOs exits 1; --search bisects to the first value that meets them', () => {
    const cwd = workspace();
    const strict = fs.readFileSync(path.join(cwd, 'tiny-sweep.yml'), 'utf8').replace('< 400', '< 10');
    fs.writeFileSync(path.join(cwd, 'strict.yml'), strict);
    const r = podsim(['sweep', 'strict.yml', '--jobs', '2', '--out', 'strict'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no grid point meets every SLO with all 3 seeds');

    const search = podsim(['sweep', 'tiny-sweep.yml', '--search', 'workers', '--out', 's'], cwd);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('search workers: the smallest value meeting every SLO is workers=2');
  });

  it('bad input: the Sweep file position, exit 2, nothing written', () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'bad.yml'), fs.readFileSync(path.join(cwd, 'tiny-sweep.yml'), 'utf8').replace('values: [2, 3]', 'values: [2, -3]'));
    const r = podsim(['sweep', 'bad.yml'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bad.yml:11:19: error: grid point workers=-3: spec.nodePools[0].count: Invalid value: -3: must be greater than or equal to 0\n');
    expect(listTree(cwd)).toEqual(['bad.yml', 'tiny-sweep.yml', 'tiny.yml']);
    const shard = podsim(['sweep', 'tiny-sweep.yml', '--shard', 'auto'], cwd);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--shard auto: neither JOB_COMPLETION_INDEX');
  });

  it('--shard auto in an Indexed Job (JOB_COMPLETION_INDEX), then merge; merge of an incomplete set lists what is missing', () => {
    const cwd = workspace();
    const shard = (index: string) => {
      const r = spawnSync(process.execPath, [BIN, 'sweep', 'tiny-sweep.yml', '--shard', 'auto', '--shards', '2', '--out', 'shared'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, JOB_COMPLETION_INDEX: index },
      });
      return r.status;
    };
    expect(shard('0')).toBe(0);
    const partial = podsim(['merge', 'shared'], cwd);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toBe('error: 3 runs missing:\n  workers=2/seed=2\n  workers=3/seed=1\n  workers=3/seed=3\n');
    expect(shard('1')).toBe(0);
    const merged = podsim(['merge', 'shared'], cwd);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('cheapest grid point meeting every SLO: workers=2');
  });
});
