import { describe, expect, it } from 'vitest';
import { replicaSetConverter, replicationControllerConverter } from '../../src/io/manifests/replicaset.js';
import type { WorkloadManifest } from '../../src/model/scenario.js';
import { convertYaml } from './world-rs.js';

function object(apiVersion: string, kind: string, spec: string, podSpec = '', meta = '{name: x}'): string {
  return [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    `metadata: ${meta}`,
    'spec:',
    spec,
    '  template:',
    '    metadata: {labels: {app: x}}',
    '    spec:',
    '      containers: [{name: c, image: "nginx:1.25"}]',
    podSpec,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

const rs = (spec: string, podSpec = '', meta?: string) => object('apps/v1', 'ReplicaSet', spec, podSpec, meta);
const rc = (spec: string, podSpec = '', meta?: string) => object('v1', 'ReplicationController', spec, podSpec, meta);

describe('the ReplicaSet converter', () => {
  it('applies the defaults: 1 replica, minReadySeconds 0', () => {
    const { manifest, lines } = convertYaml(replicaSetConverter, rs('  selector: {matchLabels: {app: x}}'));
    expect(lines).toEqual([]);
    expect(manifest).toMatchObject({
      kind: 'ReplicaSet',
      namespace: 'default',
      name: 'x',
      spec: { replicas: 1, minReadySeconds: 0, selector: { matchLabels: { app: 'x' } }, template: { labels: { app: 'x' } } },
    });
  });

  it('accepts a selector by expressions that matches the labels', () => {
    const spec = '  replicas: 3\n  selector: {matchExpressions: [{key: app, operator: In, values: [x, y]}]}';
    const { manifest, lines } = convertYaml(replicaSetConverter, rs(spec));
    expect(lines).toEqual([]);
    expect((manifest as WorkloadManifest).spec).toMatchObject({ replicas: 3 });
  });

  it.each<[string, string, string, string[]]>([
    [
      'restartPolicy must be Always',
      '  selector: {matchLabels: {app: x}}',
      '      restartPolicy: Never',
      ['m.yml:10:7: error: The ReplicaSet "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'the selector must match the template labels',
      '  selector: {matchLabels: {app: x, tier: web}}',
      '',
      [
        'm.yml:7:16: error: The ReplicaSet "x" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'negative replicas and minReadySeconds',
      '  selector: {matchLabels: {app: x}}\n  replicas: -2\n  minReadySeconds: -1',
      '',
      [
        'm.yml:6:3: error: The ReplicaSet "x" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0',
        'm.yml:7:3: error: The ReplicaSet "x" is invalid: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      ],
    ],
    [
      'a missing selector is required (apps/v1 does not default it)',
      '  replicas: 2',
      '',
      [
        'm.yml:4:1: error: The ReplicaSet "x" is invalid: spec.selector: Required value',
        'm.yml:7:16: error: The ReplicaSet "x" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
      ],
    ],
  ])('%s', (_name, spec, podSpec, expected) => {
    expect(convertYaml(replicaSetConverter, rs(spec, podSpec)).lines).toEqual(expected);
  });

  it('takes generateName instead of a name: the name is generated when it is created', () => {
    const { manifest, lines } = convertYaml(replicaSetConverter, rs('  selector: {matchLabels: {app: x}}', '', '{generateName: x-}'));
    expect(lines).toEqual([]);
    expect(manifest).toMatchObject({ kind: 'ReplicaSet', name: '', generateName: 'x-' });
  });
});

describe('the ReplicationController converter', () => {
  it('defaults the selector and the labels to the template labels', () => {
    const { manifest, lines } = convertYaml(replicationControllerConverter, rc('  replicas: 2'));
    expect(lines).toEqual([]);
    expect(manifest).toMatchObject({
      kind: 'ReplicationController',
      labels: { app: 'x' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'x' } } },
    });
  });

  it.each<[string, string, string, string[]]>([
    [
      'restartPolicy must be Always',
      '  replicas: 1',
      '      restartPolicy: OnFailure',
      [
        'm.yml:10:7: error: The ReplicationController "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      ],
    ],
    [
      'a written selector must match',
      '  selector: {app: y}',
      '',
      [
        'm.yml:7:16: error: The ReplicationController "x" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'activeDeadlineSeconds is not supported',
      '  replicas: 1',
      '      activeDeadlineSeconds: 5',
      [
        'm.yml:10:7: error: The ReplicationController "x" is invalid: spec.template.spec.activeDeadlineSeconds: Invalid value: 5: activeDeadlineSeconds in ReplicationController is not Supported',
      ],
    ],
  ])('%s', (_name, spec, podSpec, expected) => {
    expect(convertYaml(replicationControllerConverter, rc(spec, podSpec)).lines).toEqual(expected);
  });

  it('requires a template', () => {
    const yaml = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: x}\nspec: {replicas: 1}';
    const { manifest, lines } = convertYaml(replicationControllerConverter, yaml);
    expect(manifest).toBeUndefined();
    expect(lines).toEqual([
      'm.yml:4:1: error: The ReplicationController "x" is invalid: spec.selector: Required value',
      'm.yml:4:1: error: The ReplicationController "x" is invalid: spec.template: Required value',
    ]);
  });
});
