import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.js';
import { goDuration } from '../../src/report/duration.js';
import { ROOT, tempDir } from '../cli/run-cli.js';
import { testContext } from '../support/context.js';

/**
 * Golden traces: each scenario under scenarios/ is run and its trace files
 * compared byte for byte with test/golden/<scenario>/. The timelines were
 * checked by hand against the scenario's comment (and the assertions below);
 * after an intended change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden`
 * and review the diff.
 */
const GOLDEN = path.join(ROOT, 'test/golden');
const FILES = ['pods.csv', 'transitions.csv', 'events.csv', 'nodes.csv', 'workloads.csv', 'summary.json'];

/** Runs a scenario with the invariant checker on: a golden run breaks no invariant. */
async function run(scenario: string): Promise<string> {
  const out = path.join(tempDir(), 'out');
  const ctx = testContext(ROOT);
  const code = await runCommand({ scenario: path.join(ROOT, 'scenarios', scenario), out, set: [], check: true }, ctx);
  expect(ctx.err.join('')).toBe('');
  expect(code).toBe(0);
  return out;
}

function csv(dir: string, file: string): Record<string, string>[] {
  const [header, ...rows] = fs.readFileSync(path.join(dir, file), 'utf8').trimEnd().split('\n');
  const cols = header!.split(',');
  // The scenarios' messages hold no quoted commas in the columns these tests read.
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

function timesOf(dir: string, reason: string, name?: string): number[] {
  return csv(dir, 'events.csv')
    .filter((e) => e.reason === reason && (name === undefined || e.name === name))
    .map((e) => Number(e.time_s));
}

const SCENARIOS = fs.readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yml'));

describe.each(SCENARIOS)('golden trace of %s', (scenario) => {
  it('matches the reviewed files byte for byte, breaking no invariant', async () => {
    const out = await run(scenario);
    const golden = path.join(GOLDEN, path.basename(scenario, '.yml'));
    for (const f of FILES) {
      const actual = fs.readFileSync(path.join(out, f), 'utf8');
      if (process.env.UPDATE_GOLDEN) {
        fs.mkdirSync(golden, { recursive: true });
        fs.writeFileSync(path.join(golden, f), actual);
      }
      expect(actual, f).toBe(fs.readFileSync(path.join(golden, f), 'utf8'));
    }
  });
});

describe('timelines worked out by hand', () => {
  it('crashloop: starts after back-offs of 0, 10, 20, 40, 80, 160, 300, 300 s; the pod stays Running', async () => {
    const out = await run('crashloop.yml');
    expect(timesOf(out, 'Started')).toEqual([2, 7, 22, 47, 92, 177, 342, 647, 952]);
    expect(timesOf(out, 'BackOff')).toEqual([10, 25, 50, 95, 180, 345, 650, 955]);
    const transitions = csv(out, 'transitions.csv').map((t) => [t.time_s, t.to_phase]);
    expect(transitions).toEqual([['0.000', 'Pending'], ['2.000', 'Running']]);
    const [pod] = csv(out, 'pods.csv');
    expect([pod!.final_phase, pod!.restarts, pod!.exit_code]).toEqual(['Running', '8', '1']);
  });

  it('cold-node-pulls: serialized pulls, first come first served; a pod is Pending until its last container runs', async () => {
    const out = await run('cold-node-pulls.yml');
    expect(timesOf(out, 'Pulling')).toEqual([0, 0, 6]);
    expect(timesOf(out, 'Pulled')).toEqual([5, 8, 10]);
    expect(timesOf(out, 'Started', 'web')).toEqual([6, 11]);
    expect(timesOf(out, 'Started', 'worker')).toEqual([9]);
    const running = csv(out, 'transitions.csv').filter((t) => t.to_phase === 'Running');
    expect(running.map((t) => [t.name, t.time_s])).toEqual([['worker', '9.000'], ['web', '11.000']]);
  });

  it('web-rollout: surge 1, unavailable 1: never more than 5 pods nor fewer than 3 available', async () => {
    const out = await run('web-rollout.yml');
    const scaling = csv(out, 'events.csv')
      .filter((e) => e.reason === 'ScalingReplicaSet')
      .map((e) => [e.time_s, e.message!.replace(/web-[a-z0-9]+/, 'RS')]);
    expect(scaling).toEqual([
      ['0.000', 'Scaled up replica set RS from 0 to 4'],
      ['60.000', 'Scaled up replica set RS from 0 to 1'],
      ['60.000', 'Scaled down replica set RS from 4 to 3'],
      ['60.000', 'Scaled up replica set RS from 1 to 2'],
      ['62.900', 'Scaled down replica set RS from 3 to 1'],
      ['62.900', 'Scaled up replica set RS from 2 to 4'],
      ['63.900', 'Scaled down replica set RS from 1 to 0'],
    ]);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.workloads.web).toMatchObject({ kind: 'Deployment', desired: 4, min_available: 3 });
  });

  it('batch-jobs: render draws its exits from its own stream: one failure at 31 s and at 63 s, complete at 96 s', async () => {
    const out = await run('batch-jobs.yml');
    const render = csv(out, 'pods.csv').filter((p) => p.owner_name === 'render');
    expect(render.map((p) => [p.created_s, p.finished_s, p.final_phase])).toEqual([
      ['0.000', '31.000', 'Failed'],
      ['0.000', '31.000', 'Succeeded'],
      ['32.000', '63.000', 'Succeeded'],
      ['32.000', '63.000', 'Failed'],
      ['64.000', '95.000', 'Succeeded'],
      ['64.000', '95.000', 'Succeeded'],
    ]);
    expect(timesOf(out, 'Completed', 'render')).toEqual([96]);
  });

  it('node-failure: the printed summary says what the scenario comment promises', async () => {
    const outDir = path.join(tempDir(), 'out');
    const ctx = testContext(ROOT);
    const file = path.join(ROOT, 'scenarios/node-failure.yml');
    expect(await runCommand({ scenario: file, out: outDir, set: [], check: true }, ctx)).toBe(0);
    const printed = ctx.out.join('');
    const comment = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^# ?/, ''));
    const promised = comment.slice(comment.findIndex((l) => l.startsWith('`podsim run scenarios/node-failure.yml` prints')) + 1);
    const table = promised.slice(0, 3).map((l) => l.trim());
    expect(table[0]).toMatch(/^NODE\s+LOST/);
    for (const line of table) expect(printed).toContain(line);
    const evictions = /Evictions \d+ \(replaced \d+\)/.exec(promised.join('\n'))![0];
    expect(printed).toContain(evictions);
    const web = /deployment\/web below desired for (\S+) \((\d+) s\)/.exec(promised.join(' '))!;
    expect(goDuration(Number(web[2]))).toBe(web[1]);
    expect(printed).toMatch(new RegExp(`deployment/web\\s+9\\s+\\d+\\s+${web[1]}\n`));
    const events = csv(outDir, 'events.csv');
    const at = (reason: string, node?: string) => events.filter((e) => e.reason === reason && (node === undefined || e.node === node)).map((e) => Number(e.time_s));
    expect(at('NodeNotReady', 'zone-a-0').slice(0, 1)).toEqual([175]);
    expect(at('NodeReady', 'zone-a-0')).toEqual([730]);
    expect(events.filter((e) => e.reason === 'TaintManagerEviction' && e.message!.startsWith('Marking')).map((e) => Number(e.time_s))).toEqual([480, 480]);
    // the last batch pod succeeds at 905; the Job's sync 1 s later (syncJobBatchPeriod) completes it
    expect(at('Completed').filter((t) => t > 0)).toEqual([906]);
  });

  it('out-of-cpu: two pods wait for cpu until the batch pods finish at 121 s', async () => {
    const out = await run('out-of-cpu.yml');
    const failed = csv(out, 'events.csv').filter((e) => e.reason === 'FailedScheduling');
    expect(failed.map((e) => [e.time_s, e.name])).toEqual([['0.000', 'web-4'], ['0.000', 'web-5']]);
    expect(failed[0]!.message).toMatch(/^"0\/3 nodes are available: 3 Insufficient cpu\./);
    expect(timesOf(out, 'Scheduled', 'web-4')).toEqual([121]);
    expect(timesOf(out, 'Scheduled', 'web-5')).toEqual([121]);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.scheduling_latency_s.max).toBe(121);
    expect(summary.pods).toMatchObject({ total: 8, Running: 6, Succeeded: 2 });
    expect(summary.unschedulable_pods).toBe(0);
    expect(summary.nodes.total).toBe(4);
  });
});
