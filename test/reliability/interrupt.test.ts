import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/run-cli.js';
import { CRASH_POD, LONG, folderWith, run, tree } from './files.js';

/**
 * Ctrl-C on a real `podsim run` process: the run stops at an instant
 * boundary, the trace is written and marked, and it is exactly the trace of
 * the same run given that instant as its duration.
 */
const TRACE = ['events.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.json', 'transitions.csv'];

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
});

/** Resolves when `probe` is true, checking each 20 ms (a condition, not a time limit: the test timeout bounds it). */
async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((r) => setTimeout(r, 20));
}

/** Starts `podsim run s.yml --out out` in `cwd`; sends SIGINT once the simulation has written rows. */
async function interruptedRun(cwd: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'run', 's.yml', '--out', 'out'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const temp = path.join(cwd, `out.tmp-${child.pid}`, 'events.csv');
  // CSV rows reach the file in batches: a non-empty file means the run is well under way.
  await until(() => fs.existsSync(temp) && fs.statSync(temp).size > 1000);
  child.kill('SIGINT');
  return { code: await exited, stderr };
}

describe('Ctrl-C (SIGINT)', () => {
  it('stops at an instant boundary, writes a trace marked interrupted equal to a run to that instant, exits 130', async () => {
    const cwd = folderWith({ 's.yml': LONG, 'pod.yml': CRASH_POD });
    const r = await interruptedRun(cwd);
    expect(r.code).toBe(130);
    expect(tree(cwd)).toEqual(['out', ...TRACE.map((f) => `out/${f}`), 'pod.yml', 's.yml']);
    const info = JSON.parse(fs.readFileSync(path.join(cwd, 'out/run.json'), 'utf8'));
    expect(info.status).toBe('interrupted');
    const summary = JSON.parse(fs.readFileSync(path.join(cwd, 'out/summary.json'), 'utf8'));
    const endS: number = summary.duration_s;
    expect(info.reason).toBe(`interrupted (SIGINT) at t=${endS.toFixed(3)}s`);
    expect(r.stderr).toBe(`interrupted: the trace in out/ is complete up to t=${endS.toFixed(3)}s; run.json says "interrupted"\n`);
    expect(endS).toBeLessThan(3_600_000);

    const again = await run(cwd, { scenario: 's.yml', out: 'to-then', duration: `${Math.round(endS * 1000)}ms` });
    expect(again.code).toBe(0);
    // the same files, but for scenario_sha256: it covers the --duration override
    const withoutHash = (dir: string, f: string) => fs.readFileSync(path.join(cwd, dir, f), 'utf8').replace(/"scenario_sha256": "[0-9a-f]+"/, '');
    for (const f of TRACE.filter((x) => x !== 'run.json')) expect(withoutHash('out', f), f).toBe(withoutHash('to-then', f));
  });
});
