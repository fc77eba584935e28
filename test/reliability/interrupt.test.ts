import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/run-cli.js';
import { CRASH_POD, LONG, POD, SCENARIO, folderWith, run, tree } from './files.js';

/**
 * Signals to a real `podsim run` process, in a busy stretch and in a quiet
 * tail: the run stops at an instant boundary within a bounded wall time, the
 * trace is written and marked, and it is exactly the trace of the same run
 * given that instant as its duration. Time bounds are generous (shared,
 * noisy machines): they tell "at once" from "after the whole tail".
 */
const TRACE = ['events.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.json', 'transitions.csv', 'workloads.csv'];

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
});

/** Resolves when `probe` is true, checking each 20 ms (a condition, not a time limit: the test timeout bounds it). */
async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((r) => setTimeout(r, 20));
}

/** Bytes of `file`, 0 while it does not exist. */
function size(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

interface Signalled {
  readonly code: number | null;
  readonly stderr: string;
  /** Wall seconds from the (first) signal to the exit. */
  readonly stopS: number;
}

/**
 * Starts `podsim run s.yml --out out` in `cwd` in a process group of its own;
 * once `ready(temp folder)` holds, sends `signals` in turn (to the whole group
 * with `group`, as a terminal's Ctrl-C or systemd does: the launcher and the
 * simulating node both get it). `direct` runs the simulation in the spawned
 * process itself (NODE_OPTIONS holds the young-generation flag, so there is no
 * launcher).
 */
async function signalledRun(
  cwd: string,
  o: { signals: NodeJS.Signals[]; ready: (temp: string) => boolean; group?: boolean; direct?: boolean },
): Promise<Signalled> {
  const env = { ...process.env, NO_COLOR: '1', ...(o.direct ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=64` } : {}) };
  const child = spawn(process.execPath, [BIN, 'run', 's.yml', '--out', 'out'], { cwd, env, detached: true });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const pid = child.pid ?? 0;
  await until(() => o.ready(path.join(cwd, `out.tmp-${pid}`)));
  const sent = performance.now();
  for (const signal of o.signals) process.kill(o.group ? -pid : pid, signal);
  const code = await exited;
  return { code, stderr, stopS: (performance.now() - sent) / 1000 };
}

/** CSV rows reach the file in batches: a non-empty events.csv means the run is well under way. */
const busy = (temp: string) => size(path.join(temp, 'events.csv')) > 1000;

/**
 * A run whose events are all over in the first seconds and whose horizon is
 * far: the rest is the quiet tail, where only nodes.csv's samples (50 nodes
 * each second) are written, for hours of simulated time.
 */
const QUIET = SCENARIO(`  duration: 1000h
  output: {sampleInterval: 1s, nodeSamples: all}
  nodePools: [{name: w, count: 50, allocatable: {cpu: "8", memory: 32Gi}, images: [busybox:1.36]}]
`) + POD('web', '  restartPolicy: Never\n');
/** 200 KB of samples: 80 simulated seconds, well past the last event. */
const inQuietTail = (temp: string) => size(path.join(temp, 'nodes.csv')) > 200_000;

/** The interrupted trace is exactly that of the same run given the instant it reached as its duration. */
async function expectTraceOfRunTo(cwd: string): Promise<number> {
  const info = JSON.parse(fs.readFileSync(path.join(cwd, 'out/run.json'), 'utf8'));
  expect(info.status).toBe('interrupted');
  const endS: number = JSON.parse(fs.readFileSync(path.join(cwd, 'out/summary.json'), 'utf8')).duration_s;
  expect(info.reason).toMatch(new RegExp(`^interrupted \\(SIG(INT|TERM)\\) at t=${endS.toFixed(3).replace('.', '\\.')}s$`));
  const again = await run(cwd, { scenario: 's.yml', out: 'to-then', duration: `${Math.round(endS * 1000)}ms` });
  expect(again.code).toBe(0);
  // the same files, but for scenario_sha256: it covers the --duration override
  const withoutHash = (dir: string, f: string) => fs.readFileSync(path.join(cwd, dir, f), 'utf8').replace(/"scenario_sha256": "[0-9a-f]+"/, '');
  for (const f of TRACE.filter((x) => x !== 'run.json')) expect(withoutHash('out', f), f).toBe(withoutHash('to-then', f));
  fs.rmSync(path.join(cwd, 'to-then'), { recursive: true });
  return endS;
}

/** Generous: the loop yields every ~50 ms; a loaded shared machine may take seconds to schedule the process. */
const PROMPTLY_S = 15;

describe('Ctrl-C (SIGINT) and SIGTERM on a real podsim run', () => {
  it('SIGINT in a busy stretch: stops at an instant boundary, writes a trace marked interrupted equal to a run to that instant, exits 130', async () => {
    const cwd = folderWith({ 's.yml': LONG, 'pod.yml': CRASH_POD });
    const r = await signalledRun(cwd, { signals: ['SIGINT'], ready: busy });
    expect(r.code).toBe(130);
    expect(tree(cwd)).toEqual(['out', ...TRACE.map((f) => `out/${f}`), 'pod.yml', 's.yml']);
    const endS = await expectTraceOfRunTo(cwd);
    expect(r.stderr).toBe(`interrupted: the trace in out/ is complete up to t=${endS.toFixed(3)}s; run.json says "interrupted"\n`);
    expect(endS).toBeLessThan(3_600_000);
  });

  it('SIGTERM in a busy stretch: the same, exit 143, no temporary folder left', async () => {
    const cwd = folderWith({ 's.yml': LONG, 'pod.yml': CRASH_POD });
    const r = await signalledRun(cwd, { signals: ['SIGTERM'], ready: busy });
    expect(r.code).toBe(143);
    expect(tree(cwd)).toEqual(['out', ...TRACE.map((f) => `out/${f}`), 'pod.yml', 's.yml']);
    const endS = await expectTraceOfRunTo(cwd);
    expect(r.stderr).toBe(`terminated (SIGTERM): the trace in out/ is complete up to t=${endS.toFixed(3)}s; run.json says "interrupted"\n`);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s in a quiet tail (only node samples left): heard promptly, not after the tail, exit %i', async (signal, code) => {
    const cwd = folderWith({ 's.yml': QUIET });
    const r = await signalledRun(cwd, { signals: [signal], ready: inQuietTail });
    expect(r.code).toBe(code);
    expect(r.stopS).toBeLessThan(PROMPTLY_S);
    expect(tree(cwd)).toEqual(['out', ...TRACE.map((f) => `out/${f}`), 's.yml']);
    const endS = await expectTraceOfRunTo(cwd);
    expect(endS).toBeGreaterThan(80);
    expect(endS).toBeLessThan(3_600_000);
  });

  it('SIGINT inside one very dense instant (60,000 pods created at t=0): cut at an event boundary, not after the instant, exit 130', async () => {
    const cwd = folderWith({
      's.yml': `${SCENARIO(`  duration: 1h
  nodePools: [{name: w, count: 600, allocatable: {cpu: "64", memory: 256Gi, pods: 110}, images: [busybox:1.36]}]
`)}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 60000
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 10m, memory: 10Mi}}}]
`,
    });
    // The temporary folder is made just before the first event: the signal lands early in the first instant.
    const r = await signalledRun(cwd, { signals: ['SIGINT'], ready: (temp) => fs.existsSync(temp) });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('interrupted: the trace in out/ holds everything before t=0.000s and part of that instant (too busy to finish); run.json says "interrupted"\n');
    const info = JSON.parse(fs.readFileSync(path.join(cwd, 'out/run.json'), 'utf8'));
    expect(info).toMatchObject({ status: 'interrupted', reason: 'interrupted (SIGINT) at t=0.000s, partway through that instant' });
    expect(info.events_processed).toBeLessThan(60_000);
    expect(tree(cwd)).toEqual(['out', ...TRACE.map((f) => `out/${f}`), 's.yml']);
  });

  it('a Ctrl-C at the terminal (SIGINT to the process group: launcher and simulating node) counts once', async () => {
    const cwd = folderWith({ 's.yml': QUIET });
    const r = await signalledRun(cwd, { signals: ['SIGINT'], ready: inQuietTail, group: true });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^interrupted: the trace in out\/ is complete up to t=\d+\.\d{3}s; run\.json says "interrupted"\n$/);
    expect(tree(cwd)).toEqual(['out', ...TRACE.map((f) => `out/${f}`), 's.yml']);
  });

  it('a second signal stops at once: no folder under the final name, no temporary folder', async () => {
    const cwd = folderWith({ 's.yml': QUIET });
    // Two different signals (two of one kind sent together may merge into one), straight to the simulating process.
    // Pending together, Linux delivers the lower-numbered first (SIGINT), so the exit code is the second one heard's.
    const r = await signalledRun(cwd, { signals: ['SIGTERM', 'SIGINT'], ready: inQuietTail, direct: true });
    expect([130, 143]).toContain(r.code);
    expect(r.stderr).toBe('stopped at once: nothing was written\n');
    expect(tree(cwd)).toEqual(['s.yml']);
  });
});

describe('a run killed outright (SIGKILL: nothing of podsim runs to clean up)', () => {
  it('leaves <out>.tmp-<pid>/, which the next run into the same --out recognises (its pid is gone), removes and names', async () => {
    const cwd = folderWith({ 's.yml': QUIET });
    const child = spawn(process.execPath, [BIN, 'run', 's.yml', '--out', 'out'], { cwd, detached: true, stdio: 'ignore' });
    const pid = child.pid ?? 0;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(() => inQuietTail(path.join(cwd, `out.tmp-${pid}`)));
    process.kill(-pid, 'SIGKILL'); // the launcher and the simulating node at once
    await exited; // reaped: the pid names no process now
    expect(tree(cwd)).toContain(`out.tmp-${pid}/nodes.csv`);

    const again = await run(cwd, { scenario: 's.yml', out: 'out', duration: '1m' });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(
      `warning: removed ${path.join(cwd, `out.tmp-${pid}`)}/: the unfinished output of a podsim run (pid ${pid}) that was killed before it could clean up\n`,
    );
    expect(tree(cwd)).toEqual(['out', ...TRACE.map((f) => `out/${f}`), 's.yml']);
  });
});
