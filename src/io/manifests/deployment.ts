import { goQuote } from '../../model/goquote.js';
import { regexError } from '../../model/label-validation.js';
import type { WorkloadManifest } from '../../model/scenario.js';
import type { DeploymentStrategy, IntOrPercent } from '../../model/workloads.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import { IS_NEGATIVE } from '../values.js';
import type { Field } from '../yaml/field.js';
import type { KindConverter } from './registry.js';
import {
  checkReplicaSetTemplate,
  readAppsSelector,
  readNonNegativeInt,
  readPodTemplate,
  readWorkloadMeta,
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
const PERCENT_FMT = '[0-9]+%';
const PERCENT = /^[0-9]+%$/;
const PERCENT_ERR = regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%');

/** An intstr.IntOrString as written: a whole number or a string. */
type IntOrString = number | string;

function invalidIntOrString(f: Field, v: IntOrString, detail: string): void {
  f.report('error', 'field-invalid', fieldMessage(f.path, `Invalid value: ${JSON.stringify(v)}: ${detail}`));
}

/** getIntOrPercentValue: the percentage, else the integer (a string that is neither counts as 0, as IntValue does). */
function intOrPercentValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  if (PERCENT.test(v)) return Number(v.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

/** ValidatePositiveIntOrPercent; the value to simulate with (the default when invalid). */
function readIntOrPercent(f: Field, fallback: IntOrPercent): { value: IntOrPercent; written: IntOrString } {
  const raw = f.scalar();
  if (raw === undefined) return { value: fallback, written: fallback };
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) {
    if (raw >= 0) return { value: raw, written: raw };
    f.invalid(raw, IS_NEGATIVE);
    return { value: fallback, written: raw };
  }
  if (typeof raw === 'string') {
    if (PERCENT.test(raw)) return { value: raw as IntOrPercent, written: raw };
    invalidIntOrString(f, raw, PERCENT_ERR);
    return { value: fallback, written: raw };
  }
  f.invalid(raw, "must be an integer or percentage (e.g '5%')");
  return { value: fallback, written: 0 };
}

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
  if (typeof unavailable.written === 'string' && PERCENT.test(unavailable.written) && intOrPercentValue(unavailable.written) > 100) {
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
  const replicas = readNonNegativeInt(spec.child('replicas'), 1);
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
    source: obj.source,
    namespace: meta.namespace,
    name: meta.name,
    labels: meta.labels,
    annotations: meta.annotations,
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
