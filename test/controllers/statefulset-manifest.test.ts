import { describe, expect, it } from 'vitest';
import { statefulSetConverter } from '../../src/io/manifests/statefulset.js';
import { convertYaml } from './world-rs.js';

/* SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go) and ValidateStatefulSetSpec (pkg/apis/apps/validation). */

const sts = (spec: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
${spec}`;

describe('StatefulSet manifests', () => {
  it('takes the API defaults', () => {
    const { manifest, lines } = convertYaml(statefulSetConverter, sts(''));
    expect(lines).toEqual([]);
    expect(manifest?.kind === 'StatefulSet' && manifest.spec).toMatchObject({
      replicas: 1,
      serviceName: '',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', partition: 0, maxUnavailable: 1, rollingUpdate: true },
      revisionHistoryLimit: 10,
      minReadySeconds: 0,
      ordinalsStart: 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [],
    });
  });

  it('reads what is written', () => {
    const { manifest, lines } = convertYaml(
      statefulSetConverter,
      sts(`  replicas: 5
  serviceName: web
  podManagementPolicy: Parallel
  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2, maxUnavailable: 40%}}
  minReadySeconds: 10
  ordinals: {start: 3}
  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}
  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce]}}]`),
    );
    expect(lines).toEqual([]);
    expect(manifest?.kind === 'StatefulSet' && manifest.spec).toMatchObject({
      replicas: 5,
      serviceName: 'web',
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', partition: 2, maxUnavailable: '40%' },
      minReadySeconds: 10,
      ordinalsStart: 3,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
      volumeClaimTemplates: ['data'],
    });
  });

  it('leaves rollingUpdate unset when type RollingUpdate is written without one', () => {
    const { manifest } = convertYaml(statefulSetConverter, sts('  updateStrategy: {type: RollingUpdate}'));
    expect(manifest?.kind === 'StatefulSet' && manifest.spec.updateStrategy).toEqual({ type: 'RollingUpdate', partition: 0, maxUnavailable: 1, rollingUpdate: false });
  });

  it.each([
    ['  podManagementPolicy: Ordered', `error: The StatefulSet "web" is invalid: spec.podManagementPolicy: Invalid value: "Ordered": must be 'OrderedReady' or 'Parallel'`],
    ['  updateStrategy: {type: Rolling}', `error: The StatefulSet "web" is invalid: spec.updateStrategy: Invalid value: {"Type":"Rolling","RollingUpdate":null}: must be 'RollingUpdate' or 'OnDelete'`],
    ['  updateStrategy: {rollingUpdate: {maxUnavailable: 0}}', 'error: The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0'],
    ['  updateStrategy: {rollingUpdate: {maxUnavailable: 150%}}', 'error: The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'],
    ['  updateStrategy: {rollingUpdate: {partition: -1}}', 'error: The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
    [
      '  updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}',
      `error: The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":1,"MaxUnavailable":null}: only allowed for updateStrategy 'RollingUpdate'`,
    ],
    ['  ordinals: {start: -2}', 'error: The StatefulSet "web" is invalid: spec.ordinals.start: Invalid value: -2: must be greater than or equal to 0'],
    ['  persistentVolumeClaimRetentionPolicy: {whenScaled: Keep}', 'error: The StatefulSet "web" is invalid: spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Keep": supported values: "Retain", "Delete"'],
  ])('refuses %s', (spec, message) => {
    const { lines } = convertYaml(statefulSetConverter, sts(spec));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('wants a DNS label for a name (ValidateStatefulSetName)', () => {
    const { lines } = convertYaml(statefulSetConverter, sts('').replace('name: web}', 'name: web.v1}'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error: The StatefulSet "web.v1" is invalid: metadata.name: Invalid value: "web.v1": a lowercase RFC 1123 label must consist of');
  });

  it('refuses activeDeadlineSeconds and restartPolicy other than Always in the template, and an empty selector', () => {
    const bad = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  selector: {}
  template:
    metadata: {labels: {app: web}}
    spec: {restartPolicy: Never, activeDeadlineSeconds: 5, containers: [{name: c, image: nginx}]}`;
    const { lines } = convertYaml(statefulSetConverter, bad);
    expect(lines.map((l) => l.replace(/^m\.yml:\d+:\d+: /, ''))).toEqual([
      'error: The StatefulSet "web" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for statefulset',
      'error: The StatefulSet "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'error: The StatefulSet "web" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
  });
});
