import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONTROL_PLANE, DEFAULT_KUBELET, DEFAULT_OUTPUT, DEFAULT_REGISTRY } from '../../src/model/defaults.js';
import type { Manifest, PodManifest } from '../../src/model/scenario.js';
import { fixture, loadFixture } from './helpers.js';

const Mi = 1024 * 1024;
const names = (objects: readonly Manifest[]): string[] => objects.map((o) => `${o.kind}/${o.name || (o.kind === 'Pod' ? o.generateName : '')}`);

describe('a full scenario', () => {
  const { scenario, lines } = loadFixture('full.yml');
  const s = scenario!;

  test('loads without diagnostics', () => {
    expect(lines).toEqual([]);
    expect(s).toBeDefined();
  });

  test('takes name, seed, duration and start time from the Scenario document', () => {
    expect([s.name, s.file, s.seed, s.durationMs, s.startTime]).toEqual(['node-failure', fixture('full.yml'), 7, 1_800_000, '2026-01-01T00:00:00Z']);
  });

  test('puts pool nodes first, then Node objects, then the rest in document order with included files in place of the Scenario document', () => {
    expect(names(s.objects)).toEqual(['Node/worker-0', 'Node/worker-1', 'Node/worker-2', 'Node/big-0', 'Pod/web-0', 'Pod/after']);
    const worker = s.objects[1]!;
    expect(worker).toMatchObject({
      kind: 'Node', pool: 'worker', images: ['busybox:1.36'],
      allocatable: { cpu: 4000, memory: 16 * 1024 * Mi, pods: 110 },
      labels: { 'kubernetes.io/hostname': 'worker-1', 'topology.kubernetes.io/zone': 'zone-a' },
      source: { file: fixture('full.yml'), line: 11, col: 7 },
    });
  });

  test('converts Node objects: allocatable, taints, well-known labels', () => {
    expect(s.objects[3]).toMatchObject({
      name: 'big-0', allocatable: { cpu: 32_000, pods: 110 }, capacity: { cpu: 32_000 },
      taints: [{ key: 'dedicated', value: 'big', effect: 'NoSchedule' }], unschedulable: false,
      labels: { 'node-role': 'big', 'kubernetes.io/os': 'linux' },
      source: { file: fixture('manifests/web.yml'), line: 15, col: 1 },
    });
  });

  test('reads the catalogue and the registry in bytes and milliseconds', () => {
    expect([...s.images]).toEqual([['nginx:1.25', 70 * Mi]]);
    expect(s.registry).toEqual({ defaultImageSize: 100 * Mi, bandwidth: 50 * Mi, latencyMs: 500, failureRate: 0.01 });
  });

  test('reads behaviours: forever, distributions in ms, plain durations as constants', () => {
    expect(s.behaviors.map((b) => [b.match, b.behavior])).toEqual([
      [{ labels: { app: 'web' } }, { run: 'forever', exitCode: 0, failureProbability: 0, failExitCode: 1 }],
      [{ labels: { app: 'batch' } }, { run: { kind: 'lognormal', median: 120_000, sigma: 0.5 }, exitCode: 0, failureProbability: 0.1, failExitCode: 1 }],
      [{ image: 'busybox:1.36' }, { run: { kind: 'constant', value: 90_000 }, exitCode: 0, failureProbability: 0, failExitCode: 1 }],
    ]);
  });

  test('reads events with their targets, and applies files named by them', () => {
    expect(s.events.map((e) => [e.at, e.forMs, e.action.type])).toEqual([
      [300_000, 600_000, 'partition'], [480_000, 180_000, 'crash'], [720_000, undefined, 'scale'], [900_000, undefined, 'apply'], [1_200_000, undefined, 'addNodes'],
    ]);
    expect(s.events[0]!.action).toEqual({ type: 'partition', target: { nodes: ['worker-1'] } });
    expect(s.events[1]!.action).toEqual({ type: 'crash', target: { selector: { matchLabels: { 'topology.kubernetes.io/zone': 'zone-a' } }, count: 1 } });
    expect(s.events[2]!.action).toEqual({ type: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 10 });
    expect(s.events[4]!.action).toEqual({ type: 'addNodes', pool: 'worker', count: 2 });
    const applied = s.events[3]!.action;
    expect(applied.type === 'apply' && names(applied.objects)).toEqual(['Pod/batch-']);
    expect(s.events[3]!.source).toEqual({ file: fixture('full.yml'), line: 45, col: 7 });
  });

  test('reads arrivals; a file named twice is the same objects', () => {
    const a = s.arrivals[0]!;
    expect([a.interarrival, a.startMs, a.untilMs, a.count]).toEqual([{ kind: 'exponential', mean: 120_000 }, 0, 3_600_000, undefined]);
    const applied = s.events[3]!.action;
    expect(applied.type === 'apply' && applied.objects).toBe(a.objects);
  });

  test('overrides only the knobs written, the rest from the defaults', () => {
    expect(s.kubelet).toEqual({ ...DEFAULT_KUBELET, containerStartLatencyMs: 2000, restartBackoff: { ...DEFAULT_KUBELET.restartBackoff, initialMs: 5000 } });
    expect(s.controlPlane).toEqual({ ...DEFAULT_CONTROL_PLANE, nodeMonitorGracePeriodMs: 40_000 });
    expect(s.output).toEqual({ sampleIntervalMs: 5000, nodeSamples: 'changes' });
  });

  test('hashes the bytes of every file read, in read order', () => {
    const h = createHash('sha256');
    for (const f of ['full.yml', 'manifests/web.yml', 'manifests/batch.yml']) h.update(readFileSync(fixture(f)));
    expect(s.sha256).toBe(h.digest('hex'));
  });

  test('a run changed by --set (--seed and --duration included) has a hash of its own, the same for the same overrides', () => {
    const hash = (set: string[]) => loadFixture('full.yml', { set }).scenario!.sha256;
    const hashes = [[], ['nodePools.worker.count=5'], ['nodePools.worker.count=6'], ['seed=2'], ['duration=1h'], ['seed=2', 'duration=1h'], ['duration=1h', 'seed=2']].map(hash);
    expect(hashes[0]).toBe(s.sha256);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(hash(['nodePools.worker.count=5'])).toBe(hashes[1]);
  });

  test('defaults a pod as the API server does', () => {
    const web = s.objects[4] as PodManifest;
    expect(web).toMatchObject({ namespace: 'default', name: 'web-0', ownerReferences: [] });
    expect(web.template.spec).toMatchObject({
      restartPolicy: 'Always', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30,
      priority: 0, preemptionPolicy: 'PreemptLowerPriority', tolerations: [], nodeSelector: {},
    });
    expect(web.template.spec.containers[0]).toEqual({
      name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent',
      requests: { cpu: 500, memory: 128 * Mi }, limits: { cpu: 500, memory: 128 * Mi },
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });
});

describe('defaults', () => {
  test('a bare Scenario document gets every default and the file name as its name', () => {
    const { scenario, lines } = loadFixture('minimal.yml');
    expect(lines).toEqual([]);
    expect(scenario).toMatchObject({
      name: 'minimal', seed: 1, startTime: '2026-01-01T00:00:00Z', nodePools: [], objects: [], behaviors: [], events: [], arrivals: [],
      registry: DEFAULT_REGISTRY, kubelet: DEFAULT_KUBELET, controlPlane: DEFAULT_CONTROL_PLANE, output: DEFAULT_OUTPUT,
    });
    expect(scenario!.durationMs).toBeUndefined();
    expect(scenario!.images.size).toBe(0);
  });

  test('a JSON scenario loads like YAML', () => {
    const { scenario, lines } = loadFixture('scenario.json');
    expect(lines).toEqual([]);
    expect(scenario!.name).toBe('scenario');
    expect(scenario!.seed).toBe(3);
    expect(names(scenario!.objects)).toEqual(['Node/n-0', 'Node/n-1']);
  });
});

describe('kubectl exports', () => {
  test('a List export with managedFields and status loads cleanly, typed lists too; what podsim ignores that matters is said once', () => {
    const { scenario, lines } = loadFixture('kubectl-export.yml');
    expect(lines).toEqual([
      `${fixture('kubectl-export.yml')}:157:3: warning: the status of exported objects is ignored: pods and workloads start from their spec at t=0 (an exported Running pod starts again) (1 object; the first is here)`,
    ]);
    expect(names(scenario!.objects)).toEqual(['Node/kind-worker', 'Pod/web-7d4b9c8f6-x2k9p', 'Pod/typed-item']);
    const [node, pod, typed] = scenario!.objects as [Manifest, PodManifest, PodManifest];
    expect(node).toMatchObject({
      allocatable: { cpu: 8000, memory: 32817804 * 1024, pods: 110 }, capacity: { memory: 32920204 * 1024 },
      images: [expect.stringMatching(/^registry.k8s.io\/pause@sha256:/), 'registry.k8s.io/pause:3.9'],
      taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
    });
    expect(pod).toMatchObject({
      namespace: 'shop', generateName: 'web-7d4b9c8f6-',
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d4b9c8f6', uid: '0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7', controller: true }],
    });
    expect(pod.template.spec.nodeName).toBe('kind-worker');
    expect(pod.template.spec.containers[0]).toMatchObject({ requests: { cpu: 250, memory: 128 * Mi }, limits: { memory: 256 * Mi } });
    expect(pod.template.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(typed.namespace).toBe('shop');
  });
});
