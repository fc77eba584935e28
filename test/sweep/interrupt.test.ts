import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../src/cli/sweep.js';
import type { StopSignal } from '../../src/sim/run-loop.js';
import { ROOT, listTree, tempDir } from '../cli/run-cli.js';
import { testContext } from '../support/context.js';

const SWEEP = path.join(ROOT, 'test/fixtures/sweeps/tiny-sweep.yml');
const args = (out: string, resume: boolean) => ({ sweep: SWEEP, out, resume, env: {}, terminal: false, inProcess: true, jobs: 2 });

describe('an interrupted sweep', () => {
  it('stops with 130, leaves only whole run folders, and --resume finishes it to the table of an uninterrupted sweep', async () => {
    // a clock that moves one second each time it is read (the runs and their pace read it): deterministic
    let looks = 0;
    const wallClock = () => ++looks;
    const whole = path.join(tempDir(), 'whole');
    expect(await sweepCommand(args(whole, false), { ...testContext(ROOT), wallClock })).toBe(0);
    const halfWay = Math.floor(looks / 2);

    const out = path.join(tempDir(), 'out');
    let handler: ((s: StopSignal) => void) | undefined;
    // SIGINT half-way through the runs
    looks = 0;
    const interrupting = () => {
      if (++looks === halfWay) handler?.('SIGINT');
      return looks;
    };
    const ctx = { ...testContext(ROOT), wallClock: interrupting, onInterrupt: (h: (s: StopSignal) => void) => ((handler = h), () => {}) };
    expect(await sweepCommand(args(out, false), ctx)).toBe(130);
    expect(ctx.err.join('')).toContain('interrupted: finished runs are in');
    const tree = listTree(out);
    expect(tree.filter((f) => f.includes('.tmp-'))).toEqual([]);
    const runDirs = tree.filter((f) => /seed=\d+$/.test(f));
    for (const d of runDirs) expect(tree).toContain(`${d}/_SUCCESS`);
    // some runs finished, not all
    expect(runDirs.length).toBeGreaterThan(0);
    expect(runDirs.length).toBeLessThan(6);

    const resumed = testContext(ROOT);
    expect(await sweepCommand(args(out, true), resumed)).toBe(0);
    expect(fs.readFileSync(path.join(out, 'sweep.csv'), 'utf8')).toBe(fs.readFileSync(path.join(whole, 'sweep.csv'), 'utf8'));
  });
});
