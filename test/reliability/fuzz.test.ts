import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { folderWith, run, tree } from './files.js';

/**
 * Mutated scenarios through `podsim run --check`, in-process: whatever the
 * input, podsim answers with exit 2 and positioned diagnostics only (nothing
 * written), or runs it to a complete trace breaking no invariant. Never an
 * exception, a stack trace or a half-written folder. Seeds are fixed so a
 * failure reproduces; change them to explore further.
 */
const BASE = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: fuzz}
spec:
  seed: 7
  duration: 3m
  nodePools:
    - name: a
      count: 3
      allocatable: {cpu: "2", memory: 4Gi, pods: 20}
      labels: {topology.kubernetes.io/zone: zone-a}
      images: [busybox:1.36]
    - name: b
      count: 2
      allocatable: {cpu: "4", memory: 8Gi}
      taints: [{key: dedicated, value: batch, effect: NoSchedule}]
  images:
    - {name: "nginx:1.25", size: 70Mi}
  registry: {bandwidth: 50Mi, latency: 500ms, failureRate: 0.1}
  behaviors:
    - match: {labels: {app: batch}}
      run: {duration: {distribution: lognormal, median: 20s, sigma: 0.5}, exitCode: 0, failureProbability: 0.2, failExitCode: 1}
    - match: {labels: {app: crash}}
      run: {duration: 5s, exitCode: 1}
  events:
    - at: 30s
      partition: {nodes: [a-0]}
      for: 60s
    - at: 45s
      crash: {count: 1}
      for: 30s
    - at: 60s
      scale: {kind: Deployment, name: web, replicas: 5}
    - at: 90s
      addNodes: {pool: a, count: 1}
    - at: 100s
      cordon: {selector: {matchLabels: {topology.kubernetes.io/zone: zone-a}}, count: 1}
    - at: 120s
      apply: {file: extra.yml}
  arrivals:
    - apply: {file: extra.yml}
      interarrival: {distribution: exponential, mean: 40s}
      until: 150s
  kubelet: {containerStartLatency: 1s}
  controlPlane: {nodeMonitorGracePeriod: 40s}
  output: {sampleInterval: 15s}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25", resources: {requests: {cpu: 300m, memory: 256Mi}}}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: 4
  parallelism: 2
  backoffLimit: 3
  template:
    metadata: {labels: {app: batch}}
    spec:
      restartPolicy: Never
      tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]
      containers: [{name: work, image: busybox:1.36, resources: {requests: {cpu: 500m}}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: busybox:1.36, resources: {requests: {cpu: 50m}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: crasher, labels: {app: crash}}
spec:
  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]
`;

const EXTRA = `apiVersion: v1
kind: Pod
metadata: {name: extra, labels: {app: batch}}
spec:
  restartPolicy: OnFailure
  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 200m}}}]
`;

/**
 * Values users get wrong, put in place of a scalar. Whole numbers stay small
 * or absurd (refused): replicas beyond int32 are accepted today and would hang
 * the run in one event (see test/bad-inputs/huge-replicas.yml).
 */
const BAD_VALUES = ['-1', '0', '1e400', '"2 cores"', '1K', '400m', '""', 'null', '~', '[]', '{}', 'true', '*nope', '2 minutes', '-5m', '1h30', '0.5', '.inf', '"\\t"', '0x10', '99999999999999999999', 'Always', '[a, b]', '{a: 1}'];

type Mutation = (text: string) => fc.Arbitrary<string>;

/** A line removed, duplicated, cut short, indented or dedented. */
const lineEdit: Mutation = (text) => {
  const lines = text.split('\n');
  return fc.tuple(fc.nat(lines.length - 1), fc.constantFrom('drop', 'dup', 'cut', 'indent', 'dedent'), fc.nat(60)).map(([i, how, n]) => {
    const copy = [...lines];
    const line = copy[i] ?? '';
    if (how === 'drop') copy.splice(i, 1);
    if (how === 'dup') copy.splice(i, 0, line);
    if (how === 'cut') copy[i] = line.slice(0, n % (line.length + 1));
    if (how === 'indent') copy[i] = `  ${line}`;
    if (how === 'dedent') copy[i] = line.replace(/^ {1,2}/, '');
    return copy.join('\n');
  });
};

/** The value after one `key: ` replaced with a bad value. */
const valueSwap: Mutation = (text) => {
  const slots = [...text.matchAll(/(?<=: )[^\n,{}[\]]+/g)].map((m) => [m.index, m[0].length] as const);
  return fc.tuple(fc.constantFrom(...slots), fc.constantFrom(...BAD_VALUES)).map(([[at, len], v]) => text.slice(0, at) + v + text.slice(at + len));
};

/** One character inserted: YAML's special characters, a tab, a stray quote. */
const charInsert: Mutation = (text) =>
  fc.tuple(fc.nat(text.length), fc.constantFrom('{', '[', ']', ':', '\t', '"', "'", '&', '*', '#', '-', '---\n', '|', '>', '%', '@', '\u00e9', '\\')).map(([at, c]) => text.slice(0, at) + c + text.slice(at));

const TRACE = ['events.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.json', 'transitions.csv'];
const DIAGNOSTIC = /^(\S.*?):(\d+):(\d+): (error|warning): \S/;

/** Runs `scenario` (with extra.yml beside it) and checks the contract; returns the exit code. */
async function checkContract(scenario: string, extra = EXTRA): Promise<number> {
  const cwd = folderWith({ 's.yml': scenario, 'extra.yml': extra });
  let r: Awaited<ReturnType<typeof run>>;
  try {
    r = await run(cwd, { scenario: 's.yml', out: 'out', check: true, maxEvents: 100_000 });
  } catch (e) {
    throw new Error(`podsim threw on this input:\n${scenario}\n---\n${e instanceof Error ? e.stack : String(e)}`);
  }
  const context = `\n--- scenario:\n${scenario}\n--- stderr:\n${r.stderr}`;
  expect(r.stderr, context).not.toMatch(/^\s+at /m);
  expect(r.stderr, context).not.toMatch(/invariant violated/);
  expect([0, 2], context).toContain(r.code);
  const files = tree(cwd).filter((f) => f !== 's.yml' && f !== 'extra.yml');
  if (r.code === 2) {
    expect(r.stdout, context).toBe('');
    expect(files, context).toEqual([]);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines.length, context).toBeGreaterThan(0);
    for (const l of lines) {
      const m = DIAGNOSTIC.exec(l);
      expect(m, `${l}${context}`).not.toBeNull();
      expect(Number(m![2])).toBeGreaterThanOrEqual(1);
      expect(Number(m![3])).toBeGreaterThanOrEqual(1);
    }
  } else {
    expect(tree(path.join(cwd, 'out')), context).toEqual(TRACE);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8')).status).toBe('complete');
  }
  fs.rmSync(cwd, { recursive: true, force: true });
  return r.code;
}

describe('mutated scenarios', () => {
  it('the unmutated base scenario runs clean', async () => {
    expect(await checkContract(BASE)).toBe(0);
  });

  it.each([
    ['a line removed, duplicated, cut, indented or dedented', lineEdit, 1],
    ['a value replaced by a bad one', valueSwap, 2],
    ['a special character inserted', charInsert, 3],
  ] as const)('%s: exit 2 with positioned diagnostics only, or a complete checked run', async (_, mutation, seed) => {
    await fc.assert(fc.asyncProperty(mutation(BASE), async (text) => void (await checkContract(text))), { numRuns: 60, seed });
  });

  it('a mutated included file is reported in that file, or runs', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(lineEdit(EXTRA), valueSwap(EXTRA), charInsert(EXTRA)), async (extra) => void (await checkContract(BASE, extra))), { numRuns: 40, seed: 4 });
  });
});
