import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainCommand, type ExplainArgs } from '../../src/cli/explain.js';
import type { ExplainJson } from '../../src/cli/explain-format.js';
import { BIN } from '../cli/run-cli.js';
import { CRASH_POD, LONG, folderWith } from '../reliability/files.js';
import { testContext } from '../support/context.js';

/**
 * Three nodes: two of 1 cpu and one of 4 cpu tainted dedicated=gpu:NoSchedule.
 * `big` (1500m) fits none at t=0; a 2-cpu node joins at 60 s and takes it.
 * `small` (100m) fits everywhere but the tainted node.
 */
const SCENARIO = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata:
  name: explain-test
spec:
  seed: 1
  duration: 2m
  nodePools:
    - name: small
      count: 2
      allocatable: {cpu: "1", memory: 4Gi, pods: 110}
    - name: gpu
      count: 1
      allocatable: {cpu: "4", memory: 16Gi, pods: 110}
      taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
    - name: late
      count: 0
      allocatable: {cpu: "2", memory: 8Gi, pods: 110}
  events:
    - at: 60s
      addNodes: {pool: late, count: 1}
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Pod, metadata: {name: big}, spec: {containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 1500m}}}]}}
  - {apiVersion: v1, kind: Pod, metadata: {name: small}, spec: {containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]}}
`;

async function explain(args: Omit<ExplainArgs, 'scenario'>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-explain-'));
  fs.writeFileSync(path.join(dir, 'scenario.yml'), SCENARIO);
  const ctx = testContext(dir);
  const code = await explainCommand({ scenario: 'scenario.yml', ...args }, ctx);
  return { code, out: ctx.out.join(''), err: ctx.err.join('') };
}

describe('podsim explain', () => {
  it('groups the filter verdicts of a failed attempt by reason, then shows the attempt that bound the pod', async () => {
    const { code, out, err } = await explain({ pod: 'default/big' });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Pod default\/big\n/);
    expect(out).toContain('Attempt 1 at 0.000s: Unschedulable');
    expect(out).toContain('2 nodes: Insufficient cpu (NodeResourcesFit) [small-0, small-1]');
    expect(out).toContain('1 node: node(s) had untolerated taint(s) (TaintToleration) [gpu-0]');
    expect(out).toMatch(/Attempt \d+ at 60\.000s: Scheduled to late-0/);
    expect(out).toContain('1 node: passed the filters [late-0]');
    expect(out).toMatch(/Phase history:\n\s+0\.000s  created \(Pending\)/);
    expect(out).toMatch(/60\.000s  bound to late-0/);
  });

  it('prints the cli.md JSON shape: attempts with time, result, node, message and every node verdict with scores', async () => {
    const { code, out } = await explain({ pod: 'default/big', format: 'json' });
    expect(code).toBe(0);
    const report = JSON.parse(out) as ExplainJson;
    expect(report.pod).toBe('default/big');
    const first = report.attempts[0];
    expect(first).toMatchObject({ time_s: 0, result: 'Unschedulable', node: null });
    expect(first?.message).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 Insufficient cpu\./);
    expect(first?.nodes).toEqual([
      { node: 'small-0', filter: { passed: false, plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] } },
      { node: 'small-1', filter: { passed: false, plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] } },
      { node: 'gpu-0', filter: { passed: false, plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint(s)'] } },
    ]);
    const last = report.attempts.at(-1);
    expect(last).toMatchObject({ time_s: 60, result: 'Scheduled', node: 'late-0', message: 'Successfully assigned default/big to late-0' });
    const late = last?.nodes.find((n) => n.node === 'late-0');
    expect(late?.filter).toEqual({ passed: true });
    expect(late && 'scores' in late ? late.scores.NodeResourcesFit : undefined).toBeTypeOf('number');
    expect(late && 'total' in late ? late.total : undefined).toBeGreaterThan(0);
    expect(report.phases.map((p) => p.what)).toEqual(expect.arrayContaining(['created (Pending)', 'bound to late-0']));
  });

  it('scores every feasible node of a pod that fits at once, in a single attempt', async () => {
    const report = JSON.parse((await explain({ pod: 'default/small', format: 'json' })).out) as ExplainJson;
    expect(report.attempts).toHaveLength(1);
    const passed = report.attempts[0]?.nodes.filter((n) => n.filter.passed === true).map((n) => n.node);
    expect(passed).toEqual(['small-0', 'small-1']);
  });

  it('stops at --at: no attempt after it', async () => {
    const report = JSON.parse((await explain({ pod: 'default/big', format: 'json', at: '30s' })).out) as ExplainJson;
    expect(report.attempts.every((a) => a.result === 'Unschedulable')).toBe(true);
  });

  it.each<[string, Omit<ExplainArgs, 'scenario'>, RegExp]>([
    ['an unknown pod', { pod: 'default/nope' }, /^error: no pod default\/nope existed in scenario\.yml up to t=120\.000s \(pods in default at the end: big, small\)/],
    ['a pod with an empty namespace', { pod: '/big' }, /^error: the pod is NAME \(with -n NAMESPACE\) or NAMESPACE\/NAME/],
    ['-n against the pod\'s namespace', { pod: 'default/big', namespace: 'other' }, /^error: -n other disagrees with the pod's namespace in "default\/big"/],
    ['a bare name in a namespace without it', { pod: 'big', namespace: 'other' }, /^error: no pod other\/big existed/],
    ['a bad --at', { pod: 'default/big', at: 'soon' }, /^error: --at soon: /],
  ])('exits 2 for %s, with a clear message', async (_name, args, message) => {
    const { code, out, err } = await explain(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});

/**
 * Resolves once the simulating node under the launcher `pid` has used
 * `seconds` of CPU (well past loading the scenario), read from Linux's /proc;
 * elsewhere after twice that in wall time.
 */
async function simulatingFor(pid: number, seconds: number): Promise<void> {
  const cpu = () => {
    try {
      const child = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
      if (!child) return 0; // not started yet
      const fields = fs.readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (USER_HZ, 100)
      return Number.isFinite(ticks) ? ticks / 100 : 0;
    } catch {
      return 0;
    }
  };
  if (!fs.existsSync(`/proc/${pid}/task`)) return new Promise((r) => setTimeout(r, 2000 * seconds));
  while (cpu() < seconds) await new Promise((r) => setTimeout(r, 50));
}

describe('podsim explain stopped by a signal', () => {
  it('prints what it learned up to there, says where the run stopped, exits 143 for SIGTERM', async () => {
    const cwd = folderWith({ 's.yml': LONG, 'pod.yml': CRASH_POD });
    const child = spawn(process.execPath, [BIN, 'explain', 's.yml', '--pod', 'default/crash-1', '--format', 'json'], { cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // The run lasts 1,000 simulated hours of crash loops: far longer than this wait on any machine.
    await simulatingFor(child.pid ?? 0, 1.5);
    child.kill('SIGTERM');
    expect(await code).toBe(143);
    expect(err).toMatch(/^warning: run interrupted \(SIGTERM\) at t=\d+\.\d{3}s: what follows covers it up to there\n$/);
    const report = JSON.parse(out) as ExplainJson;
    expect(report.pod).toBe('default/crash-1');
    expect(report.attempts[0]?.result).toBe('Scheduled');
  });
});
