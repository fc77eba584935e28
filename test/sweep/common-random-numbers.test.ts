import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../src/cli/sweep.js';
import { ROOT, tempDir } from '../cli/run-cli.js';
import { testContext } from '../support/context.js';

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
/** A trace's rows without the `seq` column (the second), which counts every row, the extra nodes' too. */
const withoutSeq = (text: string) => text.split('\n').map((l) => l.split(',').filter((_, i) => i !== 1).join(','));
/** The rows of events.csv not about the spare pool's nodes. */
const workloadEvents = (text: string) => withoutSeq(text).filter((l) => !/,spare-\d+,/.test(l));

/**
 * crn.yml: a Deployment, a Job arriving every ~2 minutes (exponential), pods
 * of lognormal length failing with probability 0.2, a node crash; and a
 * pool `spare` tainted so that no pod can use it. The sweep gives the spare
 * pool 0 or 5 nodes, with seeds 1 and 2.
 */
describe('common random numbers: seed s of every grid point draws the same workload and faults', () => {
  it('two grid points differing only in an unused pool give the same pods, phase changes, workload counts and events but the spare nodes\' own', async () => {
    const out = path.join(tempDir(), 'crn');
    const ctx = testContext(ROOT);
    const code = await sweepCommand(
      { sweep: path.join(ROOT, 'test/fixtures/sweeps/crn-sweep.yml'), out, resume: false, env: {}, terminal: false, inProcess: true, jobs: 1 },
      ctx,
    );
    expect(ctx.err.join('')).toBe('');
    expect(code).toBe(0);
    for (const seed of [1, 2]) {
      const none = path.join(out, `spare=0/seed=${seed}`);
      const five = path.join(out, `spare=5/seed=${seed}`);
      // byte for byte
      expect(read(five, 'pods.csv')).toBe(read(none, 'pods.csv'));
      expect(read(five, 'workloads.csv')).toBe(read(none, 'workloads.csv'));
      // but for seq, which numbers the spare nodes' rows too
      expect(withoutSeq(read(five, 'transitions.csv'))).toEqual(withoutSeq(read(none, 'transitions.csv')));
      expect(workloadEvents(read(five, 'events.csv'))).toEqual(workloadEvents(read(none, 'events.csv')));
      // the spare nodes were there: their RegisteredNode events
      expect(read(five, 'events.csv').match(/RegisteredNode,Node,default,spare-\d+/g)).toHaveLength(5);
    }
    // and the draws are random: another seed is another run
    expect(read(path.join(out, 'spare=0/seed=2'), 'pods.csv')).not.toBe(read(path.join(out, 'spare=0/seed=1'), 'pods.csv'));
    const arrivals = read(path.join(out, 'spare=0/seed=1'), 'pods.csv').match(/,Job,batch-\d+,/g) ?? [];
    expect(new Set(arrivals).size).toBeGreaterThan(2);
  });
});
