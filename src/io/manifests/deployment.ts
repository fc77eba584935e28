import { goQuote } from '../../model/goquote.js';
import type { WorkloadManifest } from '../../model/scenario.js';
import type { DeploymentStrategy, IntOrPercent } from '../../model/workloads.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import type { Field } from '../yaml/field.js';
import { intOrPercentValue, invalidIntOrString, isOver100Percent, readIntOrPercent, type IntOrString } from './int-or-percent.js';
import type { KindConverter } from './registry.js';
import {
  checkReplicaSetTemplate,
  readAppsSelector,
  readNonNegativeInt,
  readReplicas,
  readPodTemplate,
  readWorkloadMeta, workloadIdentity,
} from './replicaset.js';

/**
 * Deployment (apps/v1), defaulted as SetDefaults_Deployment does (replicas 1,
 * RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds
 * 600) and validated as ValidateDeploymentSpec (pkg/apis/apps/validation).
 */

export const DEFAULT_MAX_SURGE: IntOrPercent = '25%';
export const DEFAULT_MAX_UNAVAILABLE: IntOrPercent = '25%';
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

const STRATEGY_TYPES = ['Recreate', 'RollingUpdate'] as const;


/** An intstr field's value as written (an int or a string), 0 when unset. */
function intOrStringAt(f: Field): IntOrString {
  const v = f.isScalar ? f.scalar() : undefined;
  return typeof v === 'number' || typeof v === 'string' ? v : 0;
}

/** ValidateRollingUpdateDeployment. */
function readRollingUpdate(f: Field): DeploymentStrategy {
  const unavailableField = f.child('maxUnavailable');
  const unavailable = readIntOrPercent(unavailableField, DEFAULT_MAX_UNAVAILABLE);
  const surge = readIntOrPercent(f.child('maxSurge'), DEFAULT_MAX_SURGE);
  if (intOrPercentValue(unavailable.written) === 0 && intOrPercentValue(surge.written) === 0) {
    invalidIntOrString(unavailableField, unavailable.written, 'may not be 0 when `maxSurge` is 0');
  }
  if (isOver100Percent(unavailable.written)) {
    invalidIntOrString(unavailableField, unavailable.written, 'must not be greater than 100%');
  }
  return { type: 'RollingUpdate', maxSurge: surge.value, maxUnavailable: unavailable.value };
}

/** ValidateDeploymentStrategy, after defaulting the type to RollingUpdate. */
function readStrategy(f: Field): DeploymentStrategy {
  const typeField = f.child('type');
  const written = typeField.string();
  const type = written === undefined || written === '' ? 'RollingUpdate' : written;
  const rollingUpdate = f.child('rollingUpdate');
  if (type === 'RollingUpdate') return readRollingUpdate(rollingUpdate);
  if (type === 'Recreate') {
    if (rollingUpdate.present) rollingUpdate.forbidden("may not be specified when strategy `type` is 'Recreate'");
    return { type: 'Recreate' };
  }
  // The internal apps.DeploymentStrategy has no JSON tags: Go field names, unset intstr fields as 0.
  // Struct fields keep their declaration order (MaxUnavailable, then MaxSurge).
  const mu = JSON.stringify(intOrStringAt(rollingUpdate.child('maxUnavailable')));
  const ms = JSON.stringify(intOrStringAt(rollingUpdate.child('maxSurge')));
  const ru = rollingUpdate.present ? `{"MaxUnavailable":${mu},"MaxSurge":${ms}}` : 'null';
  const value = `{"Type":${JSON.stringify(type)},"RollingUpdate":${ru}}`;
  const body = `Unsupported value: ${value}: supported values: ${STRATEGY_TYPES.map(goQuote).join(', ')}`;
  f.report('error', 'field-unsupported', fieldMessage(f.path, body));
  return { type: 'RollingUpdate', maxSurge: DEFAULT_MAX_SURGE, maxUnavailable: DEFAULT_MAX_UNAVAILABLE };
}

function convertDeployment(obj: ObjectDocument): WorkloadManifest {
  const { root, meta } = readWorkloadMeta(obj);
  const spec = root.child('spec');
  const replicas = readReplicas(spec, 'Deployment');
  const { selector, checked } = readAppsSelector(spec);
  const templateField = spec.child('template');
  const template = readPodTemplate(templateField);
  if (checked) checkReplicaSetTemplate(templateField, template, selector, 'ReplicaSet');
  const strategy = readStrategy(spec.child('strategy'));
  const minReadySeconds = readNonNegativeInt(spec.child('minReadySeconds'), 0);
  const revisionHistoryLimit = readNonNegativeInt(spec.child('revisionHistoryLimit'), DEFAULT_REVISION_HISTORY_LIMIT);
  const deadlineField = spec.child('progressDeadlineSeconds');
  const progressDeadlineSeconds = readNonNegativeInt(deadlineField, DEFAULT_PROGRESS_DEADLINE_SECONDS);
  if (progressDeadlineSeconds <= minReadySeconds) deadlineField.invalid(progressDeadlineSeconds, 'must be greater than minReadySeconds');
  return {
    kind: 'Deployment',
    ...workloadIdentity(obj, meta),
    spec: {
      replicas,
      selector: selector ?? {},
      template,
      strategy,
      minReadySeconds,
      progressDeadlineSeconds,
      revisionHistoryLimit,
      paused: spec.child('paused').boolean() ?? false,
    },
  };
}

export const deploymentConverter: KindConverter = { kind: 'Deployment', apiVersions: ['apps/v1'], convert: convertDeployment };
