import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCommand } from '../../src/cli/merge.js';
import { sweepCommand, type SweepArgs } from '../../src/cli/sweep.js';
import { ROOT, listTree, tempDir } from '../cli/run-cli.js';
import { testContext } from '../support/context.js';

const SWEEP = path.join(ROOT, 'test/fixtures/sweeps/tiny-sweep.yml');

/** podsim sweep, in this thread (the test runs the TypeScript sources, which worker threads cannot load). */
async function sweep(out: string, extra: Partial<SweepArgs> = {}) {
  const ctx = testContext(ROOT);
  const code = await sweepCommand({ sweep: SWEEP, out, resume: false, env: {}, terminal: false, inProcess: true, jobs: 2, ...extra }, ctx);
  return { code, out: ctx.out.join(''), err: ctx.err.join('') };
}

/** The run folders' files but run.json (wall-clock figures), and their contents. */
function runFiles(dir: string): Record<string, string> {
  const files = listTree(dir).filter((f) => /seed=\d+\/[^/]+$/.test(f) && !f.endsWith('run.json'));
  return Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('sharded sweeps', () => {
  it('shards 0/3, 1/3 and 2/3 in one shared folder, merged, equal one unsharded sweep row for row', async () => {
    const whole = path.join(tempDir(), 'whole');
    const one = await sweep(whole);
    expect(one.err).toBe('');
    expect(one.code).toBe(0);

    const shared = path.join(tempDir(), 'shared');
    for (const i of [0, 1, 2]) {
      const r = await sweep(shared, { shard: `${i}/3` });
      expect(r.code).toBe(0);
    }
    expect(fs.existsSync(path.join(shared, 'sweep.csv'))).toBe(false);
    expect(listTree(shared).filter((f) => f.startsWith('sweep-shard'))).toEqual(['sweep-shard-0-of-3.csv', 'sweep-shard-1-of-3.csv', 'sweep-shard-2-of-3.csv']);
    const ctx = testContext(ROOT);
    expect(mergeCommand({ dirs: [shared] }, ctx)).toBe(0);

    const expected = fs.readFileSync(path.join(whole, 'sweep.csv'), 'utf8');
    expect(fs.readFileSync(path.join(shared, 'sweep.csv'), 'utf8')).toBe(expected);
    expect(expected.trimEnd().split('\n')).toHaveLength(1 + 2 * (3 + 1));
    expect(runFiles(shared)).toEqual(runFiles(whole));
  });

  it('shards in folders of their own merge the same; a missing shard is listed, exit 1', async () => {
    const whole = path.join(tempDir(), 'whole');
    await sweep(whole);
    const base = tempDir();
    const dirs = [0, 1, 2].map((i) => path.join(base, `s${i}`));
    for (const [i, d] of dirs.entries()) await sweep(d, { shard: `${i}/3` });

    const partial = testContext(ROOT);
    expect(mergeCommand({ dirs: dirs.slice(0, 2), out: path.join(base, 'm1') }, partial)).toBe(1);
    expect(partial.err.join('')).toBe('error: 2 runs missing:\n  workers=2/seed=3\n  workers=3/seed=3\n');

    expect(mergeCommand({ dirs, out: path.join(base, 'm') }, testContext(ROOT))).toBe(0);
    expect(fs.readFileSync(path.join(base, 'm/sweep.csv'), 'utf8')).toBe(fs.readFileSync(path.join(whole, 'sweep.csv'), 'utf8'));
  });

  it('a finished run whose summary.json was damaged: merge names the file, exit 2, no stack trace', async () => {
    const out = path.join(tempDir(), 'out');
    await sweep(out);
    const file = path.join(out, 'workers=2/seed=1/summary.json');
    fs.writeFileSync(file, '{"truncated": ');
    const ctx = testContext(ROOT);
    expect(mergeCommand({ dirs: [out] }, ctx)).toBe(2);
    expect(ctx.err.join('')).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*JSON.* \\(a finished run's file: rerun it, or remove its folder\\)\n$`));
  });

  it('--resume into a folder of another Sweep (or of this one since edited) is refused, exit 2, before any run', async () => {
    const out = path.join(tempDir(), 'out');
    await sweep(out, { shard: '0/2' });
    fs.appendFileSync(path.join(out, 'sweep.yml'), '# edited since\n');
    const r = await sweep(out, { resume: true });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: --resume: .*sweep\.yml is not this Sweep document .* run without --resume or choose another --out; nothing was written\n$/);
  });

  it('--resume keeps finished runs and runs only the others', async () => {
    const out = path.join(tempDir(), 'out');
    await sweep(out, { shard: '0/2' });
    const before = fs.statSync(path.join(out, 'workers=2/seed=1/summary.json')).mtimeMs;
    const r = await sweep(out, { resume: true });
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 runs already finished were kept (--resume)');
    expect(fs.statSync(path.join(out, 'workers=2/seed=1/summary.json')).mtimeMs).toBe(before);
    expect(fs.readFileSync(path.join(out, 'sweep.csv'), 'utf8').match(/^run,/gm)).toHaveLength(6);
  });

  it('merge refuses folders of two different sweeps', async () => {
    const a = path.join(tempDir(), 'a');
    await sweep(a, { shard: '0/3' });
    const b = tempDir();
    fs.writeFileSync(path.join(b, 'sweep.yml'), 'apiVersion: podsim.io/v1alpha1\nkind: Sweep\nspec: {scenario: x.yml}\n');
    const ctx = testContext(ROOT);
    expect(mergeCommand({ dirs: [a, b] }, ctx)).toBe(2);
    expect(ctx.err.join('')).toMatch(/differs from .*: these folders hold different sweeps/);
  });

  it('merge refuses runs made from different scenario files (a shard run after the scenario was edited), exit 2, nothing written', async () => {
    const src = tempDir();
    for (const f of ['tiny-sweep.yml', 'tiny.yml']) fs.copyFileSync(path.join(path.dirname(SWEEP), f), path.join(src, f));
    const mine = path.join(src, 'tiny-sweep.yml');
    const out = path.join(tempDir(), 'out');
    expect((await sweep(out, { sweep: mine, shard: '0/2' })).code).toBe(0);
    fs.appendFileSync(path.join(src, 'tiny.yml'), '# edited between the shards\n');
    expect((await sweep(out, { sweep: mine, shard: '1/2' })).code).toBe(0);
    const ctx = testContext(ROOT);
    expect(mergeCommand({ dirs: [out] }, ctx)).toBe(2);
    expect(ctx.err.join('')).toMatch(
      /^error: the runs were made from different scenario files \(run.json's scenario_files_sha256\): 3 from files [0-9a-f]{12} \(workers=2\/seed=1, workers=2\/seed=3, workers=3\/seed=2\); 3 from files [0-9a-f]{12} \(workers=2\/seed=2, workers=3\/seed=1, workers=3\/seed=3\)\. Rerun the stale ones .*; nothing was written\n$/,
    );
    expect(fs.existsSync(path.join(out, 'sweep.csv'))).toBe(false);
    // The runs of each shard agree among themselves, and --resume reruns the stale half: then they merge.
    expect((await sweep(out, { sweep: mine, resume: true })).code).toBe(0);
    expect(mergeCommand({ dirs: [out] }, testContext(ROOT))).toBe(0);
  });
});
