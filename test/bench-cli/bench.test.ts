import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCommand } from '../../src/cli/bench.js';
import { NODE_FLAGS } from '../../src/cli/node-flags.js';
import { testContext } from '../support/context.js';

/** The failure paths and the arguments a suite gets: a real benchmark run takes minutes and is never part of the test suite. */
describe('podsim bench', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-bench-'));

  it('exits 2 and says how to build the suites when they are not built', () => {
    const ctx = testContext(cwd);
    expect(benchCommand({ benchDir: path.join(cwd, 'missing') }, ctx)).toBe(2);
    expect(ctx.err.join('')).toMatch(/^error: the benchmarks are not built \(missing is missing\): run `npm run build:bench`/);
    expect(fs.existsSync(path.join(cwd, 'results'))).toBe(false);
  });

  it('exits 2 for an unknown suite, naming the suites there are', () => {
    const dir = path.join(cwd, 'suites');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'scheduler.bench.js'), '');
    const ctx = testContext(cwd);
    expect(benchCommand({ benchDir: dir, suites: ['nope'] }, ctx)).toBe(2);
    expect(ctx.err.join('')).toBe('error: no benchmark suite nope (suites: scheduler)\n');
  });

  it('hands each suite its options, --warmup included, and starts it under NODE_FLAGS', () => {
    const dir = path.join(cwd, 'echo');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'echo.bench.js'), 'process.stdout.write(JSON.stringify([process.execArgv, process.argv.slice(2)]));\n');
    const ctx = testContext(cwd);
    expect(benchCommand({ benchDir: dir, reps: 5, warmup: 2, only: ['SchedulingBasic'], out: 'out' }, ctx)).toBe(0);
    const [flags, args] = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'echo.txt'), 'utf8')) as string[][];
    expect(flags).toEqual(NODE_FLAGS);
    expect(args).toEqual(['--out', path.join(cwd, 'out'), '--reps', '5', '--warmup', '2', '--only', 'SchedulingBasic']);
  });
});
