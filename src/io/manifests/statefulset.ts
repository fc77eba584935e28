import type { WorkloadManifest } from '../../model/scenario.js';
import type { IntOrPercent, StatefulSetSpec, StatefulSetUpdateStrategy } from '../../model/workloads.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import type { Field } from '../yaml/field.js';
import { intOrPercentValue, invalidIntOrString, isOver100Percent, readIntOrPercent } from './int-or-percent.js';
import { isDNS1123Label, nameIsDNSSubdomain } from './names.js';
import type { KindConverter } from './registry.js';
import { checkReplicaSetTemplate, readAppsSelector, readNonNegativeInt, readPodTemplate, readReplicas, readWorkloadMeta, workloadIdentity } from './replicaset.js';

/**
 * StatefulSet (apps/v1), defaulted as SetDefaults_StatefulSet
 * (pkg/apis/apps/v1/defaults.go) does: OrderedReady, RollingUpdate with
 * partition 0 and maxUnavailable 1 (MaxUnavailableStatefulSet, beta and on
 * by default since v1.35), replicas 1, revisionHistoryLimit 10, claims
 * retained on deletion and scale-down; and validated as
 * ValidateStatefulSetSpec (pkg/apis/apps/validation/validation.go) does.
 */

export const DEFAULT_STS_MAX_UNAVAILABLE: IntOrPercent = 1;
const DEFAULT_REVISION_HISTORY_LIMIT = 10;
const POLICIES = ['OrderedReady', 'Parallel'] as const;
const RETENTION = ['Retain', 'Delete'] as const;

/** validateRollingUpdateStatefulSet: partition not negative; maxUnavailable a positive int or percent, not 0, at most 100%. */
function readRollingUpdate(f: Field): StatefulSetUpdateStrategy {
  const partition = readNonNegativeInt(f.child('partition'), 0);
  const unavailableField = f.child('maxUnavailable');
  const unavailable = readIntOrPercent(unavailableField, DEFAULT_STS_MAX_UNAVAILABLE);
  if (unavailableField.present && intOrPercentValue(unavailable.written) === 0) invalidIntOrString(unavailableField, unavailable.written, 'cannot be 0');
  if (isOver100Percent(unavailable.written)) invalidIntOrString(unavailableField, unavailable.written, 'must not be greater than 100%');
  return { type: 'RollingUpdate', partition, maxUnavailable: unavailable.value, rollingUpdate: true };
}

/** The updateStrategy, its type defaulted to RollingUpdate. */
function readUpdateStrategy(f: Field): StatefulSetUpdateStrategy {
  const written = f.child('type').string();
  const type = written === undefined || written === '' ? 'RollingUpdate' : written;
  const rollingUpdate = f.child('rollingUpdate');
  if (type === 'RollingUpdate') {
    if (written === 'RollingUpdate' && !rollingUpdate.present) return { type, partition: 0, maxUnavailable: DEFAULT_STS_MAX_UNAVAILABLE, rollingUpdate: false };
    return readRollingUpdate(rollingUpdate);
  }
  if (type === 'OnDelete') {
    if (rollingUpdate.present) {
      const body = `Invalid value: ${rollingUpdateValue(rollingUpdate)}: only allowed for updateStrategy 'RollingUpdate'`;
      rollingUpdate.report('error', 'field-invalid', fieldMessage(rollingUpdate.path, body));
    }
    return { type: 'OnDelete' };
  }
  // field.Invalid(spec.updateStrategy, the internal StatefulSetUpdateStrategy): Go field names.
  const value = `{"Type":${JSON.stringify(type)},"RollingUpdate":${rollingUpdate.present ? rollingUpdateValue(rollingUpdate) : 'null'}}`;
  f.report('error', 'field-invalid', fieldMessage(f.path, `Invalid value: ${value}: must be 'RollingUpdate' or 'OnDelete'`));
  return { type: 'RollingUpdate', partition: 0, maxUnavailable: DEFAULT_STS_MAX_UNAVAILABLE, rollingUpdate: true };
}

/** The internal RollingUpdateStatefulSetStrategy as a bad value prints it (Go field names; no defaults applied). */
function rollingUpdateValue(f: Field): string {
  const mu = f.child('maxUnavailable').scalar();
  return `{"Partition":${f.child('partition').integer() ?? 0},"MaxUnavailable":${mu === undefined ? 'null' : JSON.stringify(mu)}}`;
}


function readRetention(f: Field): 'Retain' | 'Delete' {
  const v = f.string();
  if (v === undefined || v === '') return 'Retain';
  if ((RETENTION as readonly string[]).includes(v)) return v as 'Retain' | 'Delete';
  f.unsupported(v, RETENTION);
  return 'Retain';
}

function readPolicy(f: Field): StatefulSetSpec['podManagementPolicy'] {
  const v = f.string();
  if (v === undefined || v === '') return 'OrderedReady';
  if ((POLICIES as readonly string[]).includes(v)) return v as StatefulSetSpec['podManagementPolicy'];
  f.report('error', 'field-invalid', fieldMessage(f.path, `Invalid value: ${JSON.stringify(v)}: must be 'OrderedReady' or 'Parallel'`));
  return 'OrderedReady';
}

function convertStatefulSet(obj: ObjectDocument): WorkloadManifest {
  const { root, meta } = readWorkloadMeta(obj);
  // ValidateStatefulSetName: a DNS label (pods are named `<name>-<ordinal>`), stricter than the subdomain checked already.
  if (meta.name !== '' && nameIsDNSSubdomain(meta.name, false).length === 0) {
    for (const msg of isDNS1123Label(meta.name)) root.child('metadata').child('name').invalid(meta.name, msg);
  }
  const spec = root.child('spec');
  const replicas = readReplicas(spec, 'StatefulSet');
  const { selector, checked } = readAppsSelector(spec, 'statefulset');
  const templateField = spec.child('template');
  const template = readPodTemplate(templateField);
  // ValidatePodTemplateSpecForStatefulSet: the RS checks, but activeDeadlineSeconds is Forbidden.
  const { activeDeadlineSeconds, ...podSpec } = template.spec;
  if (checked) checkReplicaSetTemplate(templateField, { ...template, spec: podSpec }, selector, 'ReplicaSet');
  if (activeDeadlineSeconds !== undefined) {
    templateField.child('spec').child('activeDeadlineSeconds').forbidden('activeDeadlineSeconds in StatefulSet is not Supported');
  }
  const ordinals = spec.child('ordinals');
  const retention = spec.child('persistentVolumeClaimRetentionPolicy');
  const claims = spec.child('volumeClaimTemplates');
  return {
    kind: 'StatefulSet',
    ...workloadIdentity(obj, meta),
    spec: {
      replicas,
      selector: selector ?? {},
      template,
      serviceName: spec.child('serviceName').string() ?? '',
      podManagementPolicy: readPolicy(spec.child('podManagementPolicy')),
      updateStrategy: readUpdateStrategy(spec.child('updateStrategy')),
      revisionHistoryLimit: readNonNegativeInt(spec.child('revisionHistoryLimit'), DEFAULT_REVISION_HISTORY_LIMIT),
      minReadySeconds: readNonNegativeInt(spec.child('minReadySeconds'), 0),
      ordinalsStart: readNonNegativeInt(ordinals.child('start'), 0),
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: readRetention(retention.child('whenDeleted')),
        whenScaled: readRetention(retention.child('whenScaled')),
      },
      volumeClaimTemplates: claims.isList ? claims.items().map((c) => c.child('metadata').child('name').string() ?? '') : [],
    },
  };
}

export const statefulSetConverter: KindConverter = { kind: 'StatefulSet', apiVersions: ['apps/v1'], convert: convertStatefulSet };

