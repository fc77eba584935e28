import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../src/cli/sweep.js';
import { ROOT, tempDir } from '../cli/run-cli.js';
import { testContext } from '../support/context.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/sweeps');
const RUNS = ['workers=2/seed=1', 'workers=2/seed=2', 'workers=2/seed=3', 'workers=3/seed=1', 'workers=3/seed=2', 'workers=3/seed=3'];

/** A folder holding the tiny sweep and its scenario (which the test edits), and the sweep's --out in it. */
function sweepFolder(): { dir: string; out: string } {
  const dir = tempDir();
  for (const f of ['tiny-sweep.yml', 'tiny.yml']) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  return { dir, out: path.join(dir, 'out') };
}

/** podsim sweep, in this thread (the test runs the TypeScript sources, which worker processes cannot load). */
async function sweep(dir: string, out: string, extra: { resume?: boolean; shard?: string } = {}) {
  const ctx = testContext(ROOT);
  const args = { sweep: path.join(dir, 'tiny-sweep.yml'), out, resume: false, env: {}, terminal: false, inProcess: true, jobs: 2, ...extra };
  const code = await sweepCommand(args, ctx);
  return { code, out: ctx.out.join(''), err: ctx.err.join('') };
}

const runJson = (out: string, id: string) => JSON.parse(fs.readFileSync(path.join(out, id, 'run.json'), 'utf8')) as { scenario_sha256: string };
const written = (out: string, id: string) => fs.statSync(path.join(out, id, 'summary.json')).mtimeMs;

describe('--resume and the scenario as it is now', () => {
  it('runs again the finished runs made from the scenario before it was edited, and says how many', async () => {
    const { dir, out } = sweepFolder();
    expect((await sweep(dir, out, { shard: '0/2' })).code).toBe(0);
    const kept = ['workers=2/seed=1', 'workers=2/seed=3', 'workers=3/seed=2'];
    const before = Object.fromEntries(kept.map((id) => [id, runJson(out, id).scenario_sha256]));
    const mtimes = Object.fromEntries(kept.map((id) => [id, written(out, id)]));

    // The scenario edited between the two sweeps (the Sweep document is not: --resume would refuse it).
    const scenario = path.join(dir, 'tiny.yml');
    const text = fs.readFileSync(scenario, 'utf8');
    expect(text).toContain('allocatable: {cpu: "2",');
    fs.writeFileSync(scenario, text.replace('allocatable: {cpu: "2",', 'allocatable: {cpu: "4",'));
    const r = await sweep(dir, out, { resume: true });
    expect(r.code).toBe(0);
    expect(r.err).toContain('3 finished runs were made from a different scenario (scenario_sha256 differs) and run again\n');
    expect(r.out).not.toContain('already finished were kept');
    for (const id of kept) {
      expect(runJson(out, id).scenario_sha256).not.toBe(before[id]);
      expect(written(out, id)).not.toBe(mtimes[id]);
    }
    // Every run is now of the edited scenario: the table is the one a fresh sweep of it gives.
    const fresh = path.join(dir, 'fresh');
    expect((await sweep(dir, fresh)).code).toBe(0);
    for (const id of RUNS) expect(runJson(out, id).scenario_sha256).toBe(runJson(fresh, id).scenario_sha256);
    const rows = (d: string) => fs.readFileSync(path.join(d, 'sweep.csv'), 'utf8');
    expect(rows(out)).toBe(rows(fresh));

    // Resumed again with nothing edited: every run kept, nothing said of the scenario.
    const again = await sweep(dir, out, { resume: true });
    expect(again.code).toBe(0);
    expect(again.out).toContain('6 runs already finished were kept (--resume)');
    expect(again.err).not.toContain('scenario_sha256');
  });

  it('only the runs whose hash differs are run again; the others are kept untouched', async () => {
    const { dir, out } = sweepFolder();
    expect((await sweep(dir, out)).code).toBe(0);
    // One run as if made from another scenario (an older one, or another overrides' wording).
    const changed = 'workers=3/seed=1';
    const file = path.join(out, changed, 'run.json');
    const hash = runJson(out, changed).scenario_sha256;
    fs.writeFileSync(file, JSON.stringify({ ...runJson(out, changed), scenario_sha256: '0'.repeat(64) }));
    const mtimes = Object.fromEntries(RUNS.map((id) => [id, written(out, id)]));
    const r = await sweep(dir, out, { resume: true });
    expect(r.code).toBe(0);
    expect(r.err).toContain('1 finished runs were made from a different scenario (scenario_sha256 differs) and run again\n');
    expect(r.out).toContain('5 runs already finished were kept (--resume)');
    expect(runJson(out, changed).scenario_sha256).toBe(hash);
    for (const id of RUNS) {
      if (id === changed) expect(written(out, id)).not.toBe(mtimes[id]);
      else expect(written(out, id)).toBe(mtimes[id]);
    }
  });
});
