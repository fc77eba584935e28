import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContract, fuzzParameters, fuzzTimeout } from './fuzz-contract.js';
import { PROTOTYPE_KEYS, BAD_VALUES, byteDamage, charInsert, keySwap, lineEdit, splice, textMutation, valueSwap } from './fuzz-mutations.js';
import { randomScenario } from './random-scenario.js';

/**
 * Broken scenarios through `podsim run --check`, in-process (the contract is
 * fuzz-contract.ts): whatever the input, podsim answers with exit 2 and
 * positioned diagnostics only (nothing written), or runs it to a complete
 * trace breaking no invariant. Never an exception, a stack trace or a
 * half-written folder. Inputs: a scenario using every feature, mutated as
 * users break files (fuzz-mutations.ts); the shipped scenarios mutated and
 * damaged byte by byte; generated scenarios (random-scenario.ts), mutated;
 * --set arguments. Seeds are fixed so a failure reproduces; a few hundred
 * cases in all, PODSIM_FUZZ_RUNS=N for N per property.
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

const base = (scenario: string, extra = EXTRA) => checkContract({ 's.yml': scenario, 'extra.yml': extra }, 's.yml');

describe('mutated scenarios', () => {
  it('the unmutated base scenario runs clean', async () => {
    expect(await base(BASE)).toBe(0);
  });

  it.each([
    ['a line removed, duplicated, cut, indented or dedented', lineEdit, 1],
    ['a value replaced by a bad one', valueSwap, 2],
    ['a special character inserted', charInsert, 3],
    ['a key replaced by a prototype member name', keySwap, 5],
  ] as const)('%s: exit 2 with positioned diagnostics only, or a complete checked run', async (_, mutation, seed) => {
    await fc.assert(fc.asyncProperty(mutation(BASE), async (text) => void (await base(text))), fuzzParameters(40, seed));
  }, fuzzTimeout(40));

  it('a mutated included file is reported in that file, or runs', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(lineEdit(EXTRA), valueSwap(EXTRA), charInsert(EXTRA), keySwap(EXTRA)), async (extra) => void (await base(BASE, extra))), fuzzParameters(30, 4));
  }, fuzzTimeout(30));
});

const SCENARIOS = path.resolve(import.meta.dirname, '../../scenarios');
const SHIPPED = fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.yml')).sort();
const MANIFESTS = Object.fromEntries(fs.readdirSync(path.join(SCENARIOS, 'manifests')).map((f) => [`manifests/${f}`, fs.readFileSync(path.join(SCENARIOS, 'manifests', f), 'utf8')]));
const shippedText = (f: string) => fs.readFileSync(path.join(SCENARIOS, f), 'utf8');

describe('the shipped scenarios, mutated and damaged', () => {
  it('each runs clean as shipped', async () => {
    for (const f of SHIPPED) expect(await checkContract({ 's.yml': shippedText(f), ...MANIFESTS }, 's.yml'), f).toBe(0);
  });

  it('a text mutation, byte-level damage or a splice of two of them: exit 2 with positioned diagnostics, or a complete run', async () => {
    const damaged = fc.constantFrom(...SHIPPED).chain((f) => {
      const text = shippedText(f);
      return fc.oneof(
        textMutation(text),
        byteDamage(new TextEncoder().encode(text)),
        fc.constantFrom(...SHIPPED).chain((g) => splice(text, shippedText(g))),
      );
    });
    await fc.assert(fc.asyncProperty(damaged, async (content) => void (await checkContract({ 's.yml': content, ...MANIFESTS }, 's.yml'))), fuzzParameters(120, 6));
  }, fuzzTimeout(120));
});

describe('generated scenarios', () => {
  it('as generated or mutated: exit 2 with positioned diagnostics, or a complete run', async () => {
    const inputs = randomScenario.chain((s) => fc.tuple(fc.constant(s), fc.option(textMutation(s.text), { nil: undefined })));
    await fc.assert(
      fc.asyncProperty(inputs, async ([s, mutated]) => void (await checkContract({ 's.yml': mutated ?? s.text, ...s.files }, 's.yml'))),
      fuzzParameters(40, 7),
    );
  }, fuzzTimeout(40, 1500));
});

/** --set paths as users write them, and as they should not: known fields, pool names, indexes, prototype members. */
const setArgument = fc
  .tuple(
    fc.array(fc.constantFrom('seed', 'duration', 'nodePools', 'a', 'b', 'count', 'labels', 'allocatable', 'cpu', 'events', '0', '7', 'at', 'registry', 'bandwidth', 'kubelet', 'restartBackoff', 'max', 'output', 'sampleInterval', ...PROTOTYPE_KEYS), { minLength: 1, maxLength: 4 }),
    fc.constantFrom(...BAD_VALUES, '8', '30s', '100Mi', 'zone-x'),
  )
  .map(([segments, value]) => `${segments.join('.')}=${value}`);

describe('--set arguments', () => {
  it('any path and value: exit 2 with a --set diagnostic, or a complete run', async () => {
    await fc.assert(fc.asyncProperty(fc.array(setArgument, { minLength: 1, maxLength: 3 }), async (set) => void (await checkContract({ 's.yml': BASE, 'extra.yml': EXTRA }, 's.yml', set))), fuzzParameters(60, 8));
  }, fuzzTimeout(60));
});
