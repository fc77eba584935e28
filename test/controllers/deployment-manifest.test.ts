import { describe, expect, it } from 'vitest';
import { deploymentConverter } from '../../src/io/manifests/deployment.js';
import type { WorkloadManifest } from '../../src/model/scenario.js';
import { convertYaml } from './world-rs.js';

/** A Deployment named x; `spec` lines go under `spec:` (indented 2), the template's pod spec under `spec.template.spec`. */
function deployment(spec: string, podSpec = '', labels = '{app: x}'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: x',
    'spec:',
    spec,
    '  template:',
    `    metadata: {labels: ${labels}}`,
    '    spec:',
    '      containers: [{name: c, image: "nginx:1.25"}]',
    podSpec,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

const selector = '  selector: {matchLabels: {app: x}}';

describe('the Deployment converter', () => {
  it('applies the apps/v1 defaults', () => {
    const { manifest, lines } = convertYaml(deploymentConverter, deployment(selector));
    expect(lines).toEqual([]);
    const m = manifest as WorkloadManifest & { kind: 'Deployment' };
    expect(m).toMatchObject({ kind: 'Deployment', namespace: 'default', name: 'x', source: { file: 'm.yml', line: 1, col: 1 } });
    expect(m.spec).toMatchObject({
      replicas: 1,
      selector: { matchLabels: { app: 'x' } },
      strategy: { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' },
      minReadySeconds: 0,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      paused: false,
    });
    expect(m.spec.template.labels).toEqual({ app: 'x' });
    expect(m.spec.template.spec.restartPolicy).toBe('Always');
    expect(m.spec.template.spec.containers[0]).toMatchObject({ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' });
  });

  it('keeps what is written', () => {
    const spec = [
      selector,
      '  replicas: 4',
      '  minReadySeconds: 5',
      '  revisionHistoryLimit: 0',
      '  progressDeadlineSeconds: 30',
      '  paused: true',
      '  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 2, maxUnavailable: "50%"}}',
    ].join('\n');
    const { manifest, lines } = convertYaml(deploymentConverter, deployment(spec));
    expect(lines).toEqual([]);
    expect((manifest as WorkloadManifest).spec).toMatchObject({
      replicas: 4,
      minReadySeconds: 5,
      revisionHistoryLimit: 0,
      progressDeadlineSeconds: 30,
      paused: true,
      strategy: { type: 'RollingUpdate', maxSurge: 2, maxUnavailable: '50%' },
    });
  });

  it('reads Recreate', () => {
    const { manifest, lines } = convertYaml(deploymentConverter, deployment(`${selector}\n  strategy: {type: Recreate}`));
    expect(lines).toEqual([]);
    expect((manifest as WorkloadManifest).spec).toMatchObject({ strategy: { type: 'Recreate' } });
  });

  it.each<[string, string, string, string[]]>([
    [
      'restartPolicy must be Always',
      selector,
      '      restartPolicy: Never',
      ['m.yml:11:7: error: The Deployment "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'OnFailure is refused the same way',
      selector,
      '      restartPolicy: OnFailure',
      ['m.yml:11:7: error: The Deployment "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    [
      'the selector must match the template labels',
      '  selector: {matchLabels: {app: y}}',
      '',
      [
        'm.yml:8:16: error: The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'negative replicas',
      `${selector}\n  replicas: -1`,
      '',
      ['m.yml:7:3: error: The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'a missing selector is required, and then matches nothing',
      '  replicas: 1',
      '',
      [
        'm.yml:5:1: error: The Deployment "x" is invalid: spec.selector: Required value',
        'm.yml:8:16: error: The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'an empty selector is invalid',
      '  selector: {}',
      '',
      [
        'm.yml:6:3: error: The Deployment "x" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for deployment',
      ],
    ],
    [
      'maxSurge and maxUnavailable may not both be 0',
      `${selector}\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: "0%"}}`,
      '',
      [
        'm.yml:7:43: error: The Deployment "x" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
      ],
    ],
    [
      'a percentage must be digits and %',
      `${selector}\n  strategy: {rollingUpdate: {maxSurge: "1.5%"}}`,
      '',
      [
        `m.yml:7:30: error: The Deployment "x" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: "1.5%": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ],
    ],
    [
      'maxUnavailable may not exceed 100%',
      `${selector}\n  strategy: {rollingUpdate: {maxUnavailable: "150%"}}`,
      '',
      [
        'm.yml:7:30: error: The Deployment "x" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
      ],
    ],
    [
      'Recreate forbids rollingUpdate',
      `${selector}\n  strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}`,
      '',
      [
        "m.yml:7:30: error: The Deployment \"x\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
      ],
    ],
    [
      'an unknown strategy type',
      `${selector}\n  strategy: {type: BlueGreen}`,
      '',
      [
        'm.yml:7:3: error: The Deployment "x" is invalid: spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
      ],
    ],
    [
      'an unknown strategy type with rollingUpdate prints the internal struct as JSON',
      `${selector}\n  strategy: {type: BlueGreen, rollingUpdate: {maxSurge: 1}}`,
      '',
      [
        'm.yml:7:3: error: The Deployment "x" is invalid: spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":{"MaxUnavailable":0,"MaxSurge":1}}: supported values: "Recreate", "RollingUpdate"',
      ],
    ],
    [
      'progressDeadlineSeconds must exceed minReadySeconds',
      `${selector}\n  minReadySeconds: 30\n  progressDeadlineSeconds: 30`,
      '',
      ['m.yml:8:3: error: The Deployment "x" is invalid: spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds'],
    ],
    [
      'activeDeadlineSeconds is not supported in a template',
      selector,
      '      activeDeadlineSeconds: 60',
      ['m.yml:11:7: error: The Deployment "x" is invalid: spec.template.spec.activeDeadlineSeconds: Invalid value: 60: activeDeadlineSeconds in ReplicaSet is not Supported'],
    ],
  ])('%s', (_name, spec, podSpec, expected) => {
    expect(convertYaml(deploymentConverter, deployment(spec, podSpec)).lines).toEqual(expected);
  });

  it('reports template labels that were never written as a nil map', () => {
    const yaml = deployment(selector, '', '{}').replace('    metadata: {labels: {}}\n', '');
    expect(convertYaml(deploymentConverter, yaml).lines).toEqual([
      'm.yml:7:3: error: The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
    ]);
  });
});
