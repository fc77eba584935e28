import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PodTemplate, Scenario, WorkloadManifest } from '../../src/model/scenario.js';
import { neverEnding } from '../../src/sim/never-ends.js';
import { POD, SCENARIO, folderWith, run, tree } from './files.js';
import { podTemplate } from './world.js';

const POOL = `  nodePools: [{name: w, count: 1, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]
`;
const TEN_SECONDS = `  behaviors: [{match: {labels: {app: job}}, run: {duration: 10s}}]
`;

describe('a scenario without a duration', () => {
  it('is refused, with advice, when a pod would never end; nothing is written', async () => {
    const dir = folderWith({ 's.yml': SCENARIO(POOL) + POD('web') + POD('api') });
    const r = await run(dir, { scenario: 's.yml' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      's.yml:7:1: error: the run would never end: Pod "web" runs forever: restartPolicy Always restarts its containers whenever they exit ' +
        '(and 1 more object(s) like it), and spec.duration is not set; set spec.duration (e.g. duration: 30m) or pass --duration 30m\n',
    );
    expect(tree(dir)).toEqual(['s.yml']);
  });

  it('runs with --duration', async () => {
    const dir = folderWith({ 's.yml': SCENARIO(POOL) + POD('web') });
    const r = await run(dir, { scenario: 's.yml', duration: '1m' });
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'results/s/summary.json'), 'utf8')).duration_s).toBe(60);
  });

  it('runs until nothing is left to happen when every pod ends', async () => {
    const dir = folderWith({ 's.yml': SCENARIO(POOL + TEN_SECONDS) + POD('job', '  restartPolicy: Never\n') });
    const r = await run(dir, { scenario: 's.yml', check: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/summary.json'), 'utf8'));
    expect(summary.pods.Succeeded).toBe(1);
    expect(summary.duration_s).toBeGreaterThanOrEqual(10);
  });
});

describe('--max-events', () => {
  it('stops a runaway, writes the trace marked incomplete and says what kept it busy (exit 1)', async () => {
    const crash = `  behaviors: [{match: {labels: {app: crash}}, run: {duration: 1s, exitCode: 1}}]
`;
    const dir = folderWith({ 's.yml': SCENARIO(`  duration: 1000h\n${POOL}${crash}`) + POD('crash') });
    const r = await run(dir, { scenario: 's.yml', maxEvents: 500 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: run stopped after --max-events 500 events \(\d+ simulation events, \d+ node samples\) at t=\d+\.\d{3}s \(spec\.duration 3600000\.000s\): the trace in results\/s\/ ends there and run\.json says "incomplete"\. The most frequent events: Pod \w+ \(\d+%\)/m,
    );
    expect(r.stderr).toMatch(/Raise --max-events if the run is just long, or shorten the run \(--duration\)/);
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/run.json'), 'utf8'));
    const [, events, samples] = /\((\d+) simulation events, (\d+) node samples\)/.exec(info.reason) ?? [];
    expect(Number(events) + Number(samples)).toBe(500);
    // events_processed stays the engine's events (as summary.json's); the node samples are counted beside them.
    expect(info).toMatchObject({ status: 'incomplete', events_processed: Number(events) });
    expect(info.reason).toMatch(/^stopped after --max-events 500 events \(/);
  });

  it('counts node samples: a quiet, long run stops after that many samples, not after writing all of them', async () => {
    const pools = `  nodePools: [{name: w, count: 20, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]\n`;
    const dir = folderWith({ 's.yml': SCENARIO(`  duration: 1000h\n${pools}`) + POD('web') });
    const r = await run(dir, { scenario: 's.yml', maxEvents: 1000 });
    expect(r.code).toBe(1);
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/run.json'), 'utf8'));
    expect(info.status).toBe('incomplete');
    const rows = fs.readFileSync(path.join(dir, 'results/s/nodes.csv'), 'utf8').trimEnd().split('\n').length - 1;
    // Every 10 s to 1000 h would be 360,000 samples of 20 nodes; at most 1,000 samples (and the one at the end) are written.
    expect(rows).toBeLessThanOrEqual(20 * 1001);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/summary.json'), 'utf8'));
    expect(summary.duration_s).toBeLessThan(1000 * 10);
  });
});

describe('a Deployment whose single pod keeps failing', () => {
  const crash = `  behaviors: [{match: {labels: {app: web}}, run: {duration: 2s, exitCode: 1}}]
`;
  const WEB = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]
`;

  it('costs a bounded number of events over a simulated hour: its stuck re-queue is rate-limited (10 syncs a second at most), not every 1 ms (5.46 M events before)', async () => {
    const dir = folderWith({ 's.yml': SCENARIO(`  duration: 1h\n${POOL}${crash}`) + WEB });
    const r = await run(dir, { scenario: 's.yml', check: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/run.json'), 'utf8'));
    // Past progressDeadlineSeconds (600 s) the complete Deployment that lost its only pod is re-queued
    // rate-limited at every sync, as upstream's requeueStuckDeployment: ~10 a second, two engine events each.
    expect(info.events_processed).toBeLessThan(2 * 10 * 3600);
  });

  it('stopped by --max-events, says that most events recorded no Kubernetes event, without blaming the pod\'s Pulled events', async () => {
    const dir = folderWith({ 's.yml': SCENARIO(`  duration: 1h\n${POOL}${crash}`) + WEB });
    const r = await run(dir, { scenario: 's.yml', maxEvents: 20000 });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Pulled/);
    expect(r.stderr).toMatch(/Only \d+ of the \d+ events processed recorded a Kubernetes event: most were the components' own work, such as a controller re-queuing a workload\./);
  });
});

/** A scenario around `objects`, without duration. */
function scenarioOf(objects: Scenario['objects'], behaviors: Scenario['behaviors'] = []): Scenario {
  return { objects, behaviors, events: [], arrivals: [] } as unknown as Scenario;
}
const source = { file: 's.yml', line: 1, col: 1 };
const pod = (t: PodTemplate) => ({ kind: 'Pod', source, namespace: 'default', name: 'p', ownerReferences: [], template: t }) as const;
const withSpec = (spec: Partial<PodTemplate['spec']>, labels = {}): PodTemplate => {
  const t = podTemplate(labels);
  return { ...t, spec: { ...t.spec, ...spec } };
};
const behavior = (run: 'forever' | number, exitCode = 0, failureProbability = 0) => ({
  match: { labels: { app: 'x' } },
  behavior: { run: run === 'forever' ? ('forever' as const) : { kind: 'constant' as const, value: run }, exitCode, failureProbability, failExitCode: 1 },
});
const workload = (w: Omit<WorkloadManifest, 'source' | 'namespace' | 'name' | 'labels' | 'annotations'>) =>
  ({ source, namespace: 'default', name: 'w', labels: {}, annotations: {}, ...w }) as WorkloadManifest;
const job = (template: PodTemplate, extra: object = {}) =>
  workload({ kind: 'Job', spec: { parallelism: 1, completions: 1, completionMode: 'NonIndexed', backoffLimit: 6, suspend: false, podReplacementPolicy: 'TerminatingOrFailed', selector: {}, template, ...extra } });

describe('which objects never end', () => {
  const x = { app: 'x' };
  it.each([
    ['a pod under Always', pod(withSpec({})), [behavior(1)], /^Pod "p" runs forever: restartPolicy Always/],
    ['a pod under Always with a deadline', pod(withSpec({ activeDeadlineSeconds: 60 })), [], undefined],
    ['a pod under Never whose container runs forever (no behaviour)', pod(withSpec({ restartPolicy: 'Never' })), [], /^Pod "p" runs forever: container app never exits$/],
    ['a pod under Never whose container exits', pod(withSpec({ restartPolicy: 'Never' }, x)), [behavior(1, 1)], undefined],
    ['a pod under OnFailure whose container always fails', pod(withSpec({ restartPolicy: 'OnFailure' }, x)), [behavior(1, 3)], /container app always exits 3 and restartPolicy OnFailure restarts it$/],
    ['a pod under OnFailure whose container fails sometimes', pod(withSpec({ restartPolicy: 'OnFailure' }, x)), [behavior(1, 0, 0.5)], undefined],
    ['a Job whose container runs forever', job(withSpec({ restartPolicy: 'Never' })), [], /^Job "w" never completes: container app runs forever$/],
    ['a Job whose container always fails (its backoffLimit ends it)', job(withSpec({ restartPolicy: 'OnFailure' }, x)), [behavior(1, 1)], undefined],
    ['a Job with a deadline', job(withSpec({ restartPolicy: 'Never' }), { activeDeadlineSeconds: 10 }), [], undefined],
    ['a Job whose pods have a deadline', job(withSpec({ restartPolicy: 'Never', activeDeadlineSeconds: 10 })), [], undefined],
    ['a suspended Job', job(withSpec({ restartPolicy: 'Never' }), { suspend: true }), [], undefined],
    ['a ReplicaSet of 0', workload({ kind: 'ReplicaSet', spec: { replicas: 0, selector: {}, template: withSpec({}), minReadySeconds: 0 } }), [], undefined],
    ['a ReplicaSet of 2', workload({ kind: 'ReplicaSet', spec: { replicas: 2, selector: {}, template: withSpec({}), minReadySeconds: 0 } }), [], /^ReplicaSet "w" keeps 2 pod\(s\) running$/],
    ['a DaemonSet', workload({ kind: 'DaemonSet', spec: { selector: {}, template: withSpec({}), updateStrategy: { type: 'OnDelete' }, minReadySeconds: 0 } }), [], /^DaemonSet "w" keeps a pod running on every node$/],
  ] as const)('%s', (_, object, behaviors, expected) => {
    const found = neverEnding(scenarioOf([object as Scenario['objects'][number]], behaviors as unknown as Scenario['behaviors']));
    if (expected === undefined) expect(found).toBeUndefined();
    else expect(found?.why).toMatch(expected);
  });
});

describe('extreme distributions', () => {
  it('a lognormal whose draws overflow runs (draws are clamped), found by the fuzz test', async () => {
    const wild = `  behaviors: [{match: {labels: {app: job}}, run: {duration: {distribution: lognormal, median: 20s, sigma: 99999999999999999999}}}]
`;
    const pods = ['job-1', 'job-2', 'job-3', 'job-4', 'job-5', 'job-6'].map((n) => POD(n, '  restartPolicy: Never\n', '{app: job}'));
    const dir = folderWith({ 's.yml': SCENARIO(`  duration: 10m\n${POOL}${wild}`) + pods.join('') });
    const r = await run(dir, { scenario: 's.yml', check: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('a run without duration that stalls', () => {
  const POOLS = `  nodePools:
    - {name: small, count: 1, allocatable: {cpu: "1", memory: 4Gi}, images: [busybox:1.36]}
    - {name: big, count: 0, allocatable: {cpu: "8", memory: 4Gi}, images: [busybox:1.36]}
`;
  const BIG_JOB = POD('job', '  restartPolicy: Never\n').replace('cpu: 100m', 'cpu: "2"');

  it('is stopped once nothing but retries happen for a day, naming the pods it waits for (exit 1)', async () => {
    const dir = folderWith({ 's.yml': SCENARIO(POOLS + TEN_SECONDS) + BIG_JOB });
    const r = await run(dir, { scenario: 's.yml' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: run stalled at t=\d+\.\d{3}s: nothing has changed since t=0\.000s but retries \(1 pod\(s\) never scheduled: default\/job\): without spec\.duration it would never end\. .* Set spec\.duration \(or pass --duration\) to simulate a fixed time\.\n$/,
    );
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/run.json'), 'utf8'));
    expect(info.status).toBe('incomplete');
  });

  it('is not stopped while the scenario still has events to come (a node added after two days unblocks it)', async () => {
    const later = `  events:\n    - at: 48h\n      addNodes: {pool: big, count: 1}\n`;
    const dir = folderWith({ 's.yml': SCENARIO(POOLS + TEN_SECONDS + later) + BIG_JOB });
    const r = await run(dir, { scenario: 's.yml', check: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/summary.json'), 'utf8'));
    expect(summary.pods.Succeeded).toBe(1);
  });
});
