import { describe, expect, test } from 'vitest';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from '../../src/io/diagnostics.js';
import { objectDocuments } from '../../src/io/documents.js';
import { daemonSetConverter } from '../../src/io/manifests/daemonset.js';
import { parseYamlFile } from '../../src/io/yaml/parse.js';
import type { WorkloadManifest } from '../../src/model/scenario.js';

/** Converts one DaemonSet document; `lines` are the diagnostics as printed. */
function convert(yaml: string): { ds?: Extract<WorkloadManifest, { kind: 'DaemonSet' }>; lines: string[] } {
  const text = `apiVersion: apps/v1\nkind: DaemonSet\n${yaml}`;
  const parsed = parseYamlFile({ path: 'ds.yml', bytes: new TextEncoder().encode(text), text });
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const [obj] = objectDocuments(parsed.documents, diagnostics);
  const m = obj ? daemonSetConverter.convert(obj) : undefined;
  const lines = sortDiagnostics(diagnostics).map(formatDiagnostic);
  return { ...(m?.kind === 'DaemonSet' ? { ds: m } : {}), lines };
}

const body = (spec: string, template = 'restartPolicy: Always') => `metadata: {name: agent}
spec:
${spec}
  template:
    metadata: {labels: {app: agent}}
    spec:
      ${template}
      containers: [{name: c, image: "agent:1"}]
`;

const SELECTOR = '  selector: {matchLabels: {app: agent}}';

describe('DaemonSet manifests', () => {
  test('are defaulted: RollingUpdate, maxUnavailable 1, maxSurge 0, minReadySeconds 0', () => {
    const { ds, lines } = convert(body(SELECTOR));
    expect(lines).toEqual([]);
    expect(ds).toMatchObject({ kind: 'DaemonSet', namespace: 'default', name: 'agent' });
    expect(ds!.spec).toMatchObject({
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', maxUnavailable: 1, maxSurge: 0 },
      minReadySeconds: 0,
    });
    expect(ds!.spec.template.spec.restartPolicy).toBe('Always');
  });

  test('keep a written strategy, minReadySeconds and hostNetwork', () => {
    const { ds, lines } = convert(
      body(`${SELECTOR}\n  minReadySeconds: 5\n  updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: "25%"}}`, 'hostNetwork: true'),
    );
    expect(lines).toEqual([]);
    expect(ds!.spec.updateStrategy).toEqual({ type: 'RollingUpdate', maxUnavailable: 0, maxSurge: '25%' });
    expect(ds!.spec.minReadySeconds).toBe(5);
    expect(ds!.spec.template.spec.hostNetwork).toBe(true);
    expect(convert(body(`${SELECTOR}\n  updateStrategy: {type: OnDelete}`)).ds!.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('an exported kube-proxy DaemonSet converts as is', () => {
    const { ds, lines } = convert(`metadata:
  name: kube-proxy
  namespace: kube-system
  labels: {k8s-app: kube-proxy}
  annotations: {deprecated.daemonset.template.generation: "1"}
  uid: 5e0c7c4a-0000-0000-0000-000000000000
spec:
  revisionHistoryLimit: 10
  selector: {matchLabels: {k8s-app: kube-proxy}}
  template:
    metadata: {labels: {k8s-app: kube-proxy}}
    spec:
      hostNetwork: true
      priorityClassName: system-node-critical
      nodeSelector: {kubernetes.io/os: linux}
      tolerations: [{operator: Exists}]
      containers:
        - name: kube-proxy
          image: registry.k8s.io/kube-proxy:v1.31.0
          resources: {requests: {cpu: 100m}}
      volumes: [{name: lib-modules, hostPath: {path: /lib/modules}}]
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
status: {desiredNumberScheduled: 3, numberReady: 3}
`);
    expect(lines).toEqual([]);
    expect(ds).toMatchObject({ namespace: 'kube-system', name: 'kube-proxy' });
    expect(ds!.spec.template.spec).toMatchObject({ hostNetwork: true, priority: 2_000_001_000, nodeSelector: { 'kubernetes.io/os': 'linux' } });
  });

  test.each([
    [
      'restartPolicy Never',
      body(SELECTOR, 'restartPolicy: Never'),
      ['ds.yml:9:7: error: The DaemonSet "agent" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'restartPolicy OnFailure',
      body(SELECTOR, 'restartPolicy: OnFailure'),
      ['ds.yml:9:7: error: The DaemonSet "agent" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    [
      'a selector that does not match the template labels',
      body('  selector: {matchLabels: {app: other}}'),
      ['ds.yml:7:16: error: The DaemonSet "agent" is invalid: spec.template.metadata.labels: Invalid value: {"app":"agent"}: `selector` does not match template `labels`'],
    ],
    [
      'no selector (it selects nothing)',
      body(''),
      ['ds.yml:7:16: error: The DaemonSet "agent" is invalid: spec.template.metadata.labels: Invalid value: {"app":"agent"}: `selector` does not match template `labels`'],
    ],
    [
      'an empty selector',
      body('  selector: {}'),
      ['ds.yml:5:3: error: The DaemonSet "agent" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for daemonset'],
    ],
    [
      'activeDeadlineSeconds',
      body(SELECTOR, 'activeDeadlineSeconds: 30'),
      ['ds.yml:9:7: error: The DaemonSet "agent" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported'],
    ],
    [
      'both maxUnavailable and maxSurge set',
      body(`${SELECTOR}\n  updateStrategy: {rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}`),
      ['ds.yml:6:55: error: The DaemonSet "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero'],
    ],
    [
      'both zero',
      body(`${SELECTOR}\n  updateStrategy: {rollingUpdate: {maxUnavailable: 0}}`),
      ['ds.yml:6:36: error: The DaemonSet "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'a percentage over 100%',
      body(`${SELECTOR}\n  updateStrategy: {rollingUpdate: {maxUnavailable: "120%"}}`),
      ['ds.yml:6:36: error: The DaemonSet "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%'],
    ],
    [
      'an unknown strategy type',
      body(`${SELECTOR}\n  updateStrategy: {type: Always}`),
      ['ds.yml:6:3: error: The DaemonSet "agent" is invalid: spec.updateStrategy: Unsupported value: {"Type":"Always","RollingUpdate":null}: supported values: "RollingUpdate", "OnDelete"'],
    ],
    [
      'a negative minReadySeconds',
      body(`${SELECTOR}\n  minReadySeconds: -1`),
      ['ds.yml:6:3: error: The DaemonSet "agent" is invalid: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'],
    ],
  ])('refuse %s, in the API server\'s words', (_, yaml, want) => {
    expect(convert(yaml).lines).toEqual(want);
  });
});
