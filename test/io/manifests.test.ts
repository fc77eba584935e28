import { describe, expect, test } from 'vitest';
import type { NodeManifest, PodManifest } from '../../src/model/scenario.js';
import { formatDiagnostic } from '../../src/io/diagnostics.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { loadWith, memoryFs } from './helpers.js';

function loadRaw(text: string): { lines: string[] } {
  const { diagnostics } = loadScenario('s.yml', { fs: memoryFs({ 's.yml': text }) });
  return { lines: diagnostics.map(formatDiagnostic) };
}

const Mi = 1024 * 1024;

function pod(spec: string, meta = 'name: p'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {${meta}}\nspec:\n${spec}`;
}

function loadPod(spec: string, meta?: string): { pod?: PodManifest; lines: string[] } {
  const { scenario, lines } = loadWith(pod(spec, meta));
  return { ...(scenario ? { pod: scenario.objects[0] as PodManifest } : {}), lines };
}

const c = (extra = '') => `  containers:\n    - name: c\n      image: busybox:1.36\n${extra}`;

describe('pods are defaulted as the API server defaults them', () => {
  test('requests default to limits per resource', () => {
    const { pod: p, lines } = loadPod(c('      resources:\n        limits: {cpu: "1", memory: 1Gi}\n        requests: {cpu: 250m}\n'));
    expect(lines).toEqual([]);
    expect(p!.template.spec.containers[0]).toMatchObject({ requests: { cpu: 250, memory: 1024 * Mi }, limits: { cpu: 1000, memory: 1024 * Mi } });
  });

  test.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000', 'IfNotPresent'],
  ])('image %s pulls %s by default', (image, policy) => {
    const { pod: p } = loadPod(`  containers: [{name: c, image: "${image}"}]\n`);
    expect(p!.template.spec.containers[0]!.imagePullPolicy).toBe(policy);
  });

  test('a written pull policy, ports, an init sidecar, tolerations and a node name are kept', () => {
    const { pod: p, lines } = loadPod(
      `  nodeName: worker-1\n  initContainers:\n    - {name: proxy, image: envoy:1, restartPolicy: Always}\n  containers:\n    - name: c\n      image: busybox\n      imagePullPolicy: Never\n      ports: [{containerPort: 8080, hostPort: 80, protocol: UDP}]\n  tolerations:\n    - {operator: Exists}\n    - {key: gpu, value: "yes", effect: NoSchedule}\n  terminationGracePeriodSeconds: 5\n  activeDeadlineSeconds: 60\n  priorityClassName: system-node-critical\n`,
    );
    expect(lines).toEqual([]);
    const spec = p!.template.spec;
    expect(spec.nodeName).toBe('worker-1');
    expect(spec.initContainers[0]).toMatchObject({ name: 'proxy', restartPolicy: 'Always', imagePullPolicy: 'IfNotPresent' });
    expect(spec.containers[0]).toMatchObject({ imagePullPolicy: 'Never', ports: [{ containerPort: 8080, hostPort: 80, protocol: 'UDP' }] });
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }, { key: 'gpu', operator: 'Equal', value: 'yes', effect: 'NoSchedule' }]);
    expect([spec.terminationGracePeriodSeconds, spec.activeDeadlineSeconds, spec.priorityClassName, spec.priority]).toEqual([5, 60, 'system-node-critical', 2_000_001_000]);
  });

  test('an empty restartPolicy, pull policy or protocol is unset, so defaulted', () => {
    const { pod: p, lines } = loadPod(`  restartPolicy: ""\n  containers: [{name: c, image: "nginx:1", imagePullPolicy: "", ports: [{containerPort: 1, protocol: ""}]}]\n`);
    expect(lines).toEqual([]);
    expect(p!.template.spec.restartPolicy).toBe('Always');
    expect(p!.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 1, protocol: 'TCP' }] });
  });

  test('affinity and topology spread constraints convert to the model', () => {
    const { pod: p, lines } = loadPod(`${c()}  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions: [{key: zone, operator: In, values: [a, b]}]
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 10
          preference: {matchExpressions: [{key: disk, operator: Exists}]}
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        - labelSelector: {matchLabels: {app: web}}
          topologyKey: kubernetes.io/hostname
  topologySpreadConstraints:
    - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}, minDomains: 2}
`);
    expect(lines).toEqual([]);
    expect(p!.template.spec.affinity).toEqual({
      nodeAffinity: {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }] },
        preferred: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
      },
      podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] },
    });
    expect(p!.template.spec.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, minDomains: 2 },
    ]);
  });
});

const prefix = 's.yml';
const err = (pos: string, msg: string) => `${prefix}:${pos}: error: The Pod "p" is invalid: ${msg}`;

describe('pods are validated as the API server validates them', () => {
  test.each([
    ['an unsupported pull policy', `  containers: [{name: c, image: x, imagePullPolicy: Sometimes}]\n`,
      [err('8:36', 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"')]],
    ['an upper-case container name', `  containers: [{name: Web, image: x}]\n`,
      [err('8:17', `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`)]],
    ['a port out of range', `${c('      ports: [{containerPort: 70000}]\n')}`,
      [err('11:16', 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive')]],
    ['restartPolicy on an app container', `${c('      restartPolicy: Always\n')}`,
      [err('11:7', 'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers')]],
    ['an extended resource request below its limit', `${c('      resources: {limits: {nvidia.com/gpu: 2}, requests: {nvidia.com/gpu: 1}}\n')}`,
      [err('11:48', 'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2')]],
    ['a resource name that is not a container resource', `${c('      resources: {requests: {gpu: 1}}\n')}`,
      [err('11:30', 'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers')]],
    ['a toleration with a value under Exists', `${c()}  tolerations: [{key: k, operator: Exists, value: v}]\n`,
      [err('11:26', "spec.tolerations[0].operator: Invalid value: \"Exists\": value must be empty when `operator` is 'Exists'")]],
    ['tolerationSeconds without NoExecute', `${c()}  tolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 5}]\n`,
      [err('11:44', "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set")]],
    ['a zero affinity weight and an empty topologyKey', `${c()}  affinity:\n    podAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n        - weight: 0\n          podAffinityTerm: {topologyKey: ""}\n`,
      [err('14:11', 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100'),
        err('15:29', 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Required value: can not be empty'),
        err('15:29', 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: "": name part must be non-empty'),
        err('15:29', "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]],
    ['In without values', `${c()}  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: a, operator: In}]}]}}}\n`,
      [err('11:118', "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")]],
    ['a bad whenUnsatisfiable', `${c()}  topologySpreadConstraints: [{maxSkew: 0, topologyKey: zone, whenUnsatisfiable: Maybe}]\n`,
      [err('11:32', 'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero'),
        err('11:63', 'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"')]],
    ['a zero activeDeadlineSeconds', `${c()}  activeDeadlineSeconds: 0\n`,
      [err('11:3', 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive')]],
    ['a bad podsim annotation', c(), [err('6:35', 'metadata.annotations[podsim.io/duration]: Invalid value: "soon": time: invalid duration "soon"')],
      'name: p, annotations: {podsim.io/duration: soon}'],
  ])('%s', (_what, spec, want, meta?: string) => {
    expect(loadPod(spec, meta)).toEqual({ lines: want });
  });

  test('an unknown PriorityClass is the admission error', () => {
    expect(loadPod(`${c()}  priorityClassName: high\n`).lines).toEqual(['s.yml:11:3: error: no PriorityClass with name high was found']);
  });

  test('names: neither name nor generateName, a bad namespace, a valid generateName', () => {
    expect(loadPod(c(), 'labels: {a: b}').lines).toEqual([
      's.yml:6:1: error: The Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    ]);
    expect(loadPod(c(), 'name: p, namespace: Prod').lines).toEqual([
      `s.yml:6:21: error: The Pod "p" is invalid: metadata.namespace: Invalid value: "Prod": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
    const { pod: p, lines } = loadPod(c(), 'generateName: job-');
    expect(lines).toEqual([]);
    expect([p!.name, p!.generateName]).toEqual(['', 'job-']);
  });

  test('every problem of a pod is reported, not just the first', () => {
    const { lines } = loadPod(`  restartPolicy: never\n  containers:\n    - {name: a}\n    - {image: b, resources: {requests: {cpu: lots}}}\n`);
    expect(lines).toHaveLength(4);
  });
});

describe('nodes', () => {
  const node = (body: string) => loadWith(`apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n${body}`);

  test('capacity stands in for a missing allocatable, pods defaults to 110, images from the annotation', () => {
    const { scenario, lines } = node('  annotations: {podsim.io/images: "a:1, b:2"}\nspec: {unschedulable: true}\nstatus:\n  capacity: {cpu: 2, memory: 4Gi}\n');
    expect(lines).toEqual([]);
    expect(scenario!.objects[0]).toMatchObject({
      allocatable: { cpu: 2000, memory: 4096 * Mi, pods: 110 }, capacity: { cpu: 2000, pods: 110 }, unschedulable: true, images: ['a:1', 'b:2'],
    } satisfies Partial<NodeManifest>);
  });

  test('a node without capacity is a warning; a bad taint effect an error', () => {
    expect(node('spec:\n  taints: [{key: k, effect: NoRun}, {key: k}]\n').lines).toEqual([
      's.yml:4:1: warning: The Node "n1" is invalid: status: no allocatable or capacity: the node offers no cpu or memory',
      's.yml:9:21: error: The Node "n1" is invalid: spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      's.yml:9:37: error: The Node "n1" is invalid: spec.taints[1].effect: Required value',
    ]);
  });

  test('a Node named like a pool node already exists', () => {
    const fs = `apiVersion: podsim.io/v1alpha1\nkind: Scenario\nspec:\n  nodePools: [{name: w, count: 2}]\n---\napiVersion: v1\nkind: Node\nmetadata: {name: w-1}\nstatus: {capacity: {cpu: 1}}\n`;
    const { lines } = loadRaw(fs);
    expect(lines).toEqual(['s.yml:6:1: error: nodes "w-1" already exists']);
  });
});
