import { goQuote } from '../../model/goquote.js';
import { matchesLabelSelector } from '../../model/labels.js';
import type { LabelSelector } from '../../model/meta.js';
import type { PodTemplate, WorkloadManifest } from '../../model/scenario.js';
import type { DaemonSetUpdateStrategy, IntOrPercent } from '../../model/workloads.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import type { Field } from '../yaml/field.js';
import { intOrPercentValue, invalidIntOrString, isOver100Percent, readIntOrPercent, type IntOrString } from './int-or-percent.js';
import { readLabelSelector } from './labels.js';
import type { KindConverter } from './registry.js';
import { jsonBadValue, readNonNegativeInt, readPodTemplate, readWorkloadMeta, workloadIdentity } from './replicaset.js';

/**
 * DaemonSet (apps/v1), defaulted as SetDefaults_DaemonSet does (RollingUpdate
 * with maxUnavailable 1 and maxSurge 0) and validated as ValidateDaemonSetSpec
 * (pkg/apis/apps/validation) does.
 */

export const DEFAULT_DS_MAX_UNAVAILABLE: IntOrPercent = 1;
export const DEFAULT_DS_MAX_SURGE: IntOrPercent = 0;

const STRATEGY_TYPES = ['RollingUpdate', 'OnDelete'] as const;


/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
function readRollingUpdate(f: Field): DaemonSetUpdateStrategy {
  const unavailableField = f.child('maxUnavailable');
  const unavailable = readIntOrPercent(unavailableField, DEFAULT_DS_MAX_UNAVAILABLE);
  if (isOver100Percent(unavailable.written)) invalidIntOrString(unavailableField, unavailable.written, 'must not be greater than 100%');
  const surgeField = f.child('maxSurge');
  const surge = readIntOrPercent(surgeField, DEFAULT_DS_MAX_SURGE);
  if (isOver100Percent(surge.written)) invalidIntOrString(surgeField, surge.written, 'must not be greater than 100%');
  const hasUnavailable = intOrPercentValue(unavailable.written) !== 0;
  const hasSurge = intOrPercentValue(surge.written) !== 0;
  if (hasUnavailable && hasSurge) invalidIntOrString(surgeField, surge.written, 'may not be set when maxUnavailable is non-zero');
  if (!hasUnavailable && !hasSurge) f.child('maxUnavailable').required('cannot be 0 when maxSurge is 0');
  return { type: 'RollingUpdate', maxUnavailable: unavailable.value, maxSurge: surge.value };
}

/** An intstr field's value as written (an int or a string), 0 when unset. */
function intOrStringAt(f: Field): IntOrString {
  const v = f.isScalar ? f.scalar() : undefined;
  return typeof v === 'number' || typeof v === 'string' ? v : 0;
}

/** ValidateDaemonSetUpdateStrategy, after defaulting the type to RollingUpdate. */
function readUpdateStrategy(f: Field): DaemonSetUpdateStrategy {
  const written = f.child('type').string();
  const type = written === undefined || written === '' ? 'RollingUpdate' : written;
  const rollingUpdate = f.child('rollingUpdate');
  if (type === 'RollingUpdate') return readRollingUpdate(rollingUpdate);
  if (type === 'OnDelete') return { type: 'OnDelete' };
  // The internal apps.DaemonSetUpdateStrategy has no JSON tags: Go field names, unset intstr fields as 0.
  const mu = JSON.stringify(intOrStringAt(rollingUpdate.child('maxUnavailable')));
  const ms = JSON.stringify(intOrStringAt(rollingUpdate.child('maxSurge')));
  const ru = rollingUpdate.present ? `{"MaxUnavailable":${mu},"MaxSurge":${ms}}` : 'null';
  const value = `{"Type":${JSON.stringify(type)},"RollingUpdate":${ru}}`;
  const body = `Unsupported value: ${value}: supported values: ${STRATEGY_TYPES.map(goQuote).join(', ')}`;
  f.report('error', 'field-unsupported', fieldMessage(f.path, body));
  return { type: 'RollingUpdate', maxUnavailable: DEFAULT_DS_MAX_UNAVAILABLE, maxSurge: DEFAULT_DS_MAX_SURGE };
}

/**
 * The selector and its relation to the template: a selector that is not
 * valid is not compared; a missing one selects nothing, so it never matches
 * the template labels (apps/v1 DaemonSets have no Required check of their
 * own); an empty one selects everything and is refused.
 */
function checkSelector(spec: Field, template: PodTemplate): LabelSelector {
  const field = spec.child('selector');
  const before = field.ctx.diagnostics.length;
  const selector = field.present ? readLabelSelector(field) : undefined;
  const valid = field.ctx.diagnostics.length === before;
  if (valid && (selector === undefined || !matchesLabelSelector(selector, template.labels))) {
    const labelsField = spec.child('template').child('metadata').child('labels');
    const value = labelsField.present ? jsonBadValue(template.labels) : 'null';
    const body = `Invalid value: ${value}: \`selector\` does not match template \`labels\``;
    labelsField.report('error', 'field-invalid', fieldMessage(labelsField.path, body));
  }
  if (selector && !selector.matchLabels && !selector.matchExpressions) {
    field.report('error', 'field-invalid', fieldMessage(field.path, 'Invalid value: {}: empty selector is invalid for daemonset'));
  }
  return selector ?? {};
}

/** The template checks ValidateDaemonSetSpec adds: restartPolicy Always, no activeDeadlineSeconds. */
function checkTemplate(templateField: Field, template: PodTemplate): void {
  const restartPolicy = templateField.child('spec').child('restartPolicy');
  const written = restartPolicy.isScalar ? restartPolicy.scalar() : undefined;
  if (written !== undefined && written !== '' && written !== 'Always') restartPolicy.unsupported(written, ['Always']);
  if (template.spec.activeDeadlineSeconds !== undefined) {
    templateField.child('spec').child('activeDeadlineSeconds').forbidden('activeDeadlineSeconds in DaemonSet is not Supported');
  }
}

/** The pod template, with `hostNetwork` (which decides the network-unavailable toleration). */
function readDaemonTemplate(templateField: Field): PodTemplate {
  const template = readPodTemplate(templateField);
  const hostNetwork = templateField.child('spec').child('hostNetwork').boolean();
  return hostNetwork ? { ...template, spec: { ...template.spec, hostNetwork } } : template;
}

function convertDaemonSet(obj: ObjectDocument): WorkloadManifest {
  const { root, meta } = readWorkloadMeta(obj);
  const spec = root.child('spec');
  const templateField = spec.child('template');
  const template = readDaemonTemplate(templateField);
  const selector = checkSelector(spec, template);
  checkTemplate(templateField, template);
  const minReadySeconds = readNonNegativeInt(spec.child('minReadySeconds'), 0);
  const updateStrategy = readUpdateStrategy(spec.child('updateStrategy'));
  readNonNegativeInt(spec.child('revisionHistoryLimit'), 10);
  return {
    kind: 'DaemonSet',
    ...workloadIdentity(obj, meta),
    spec: { selector, template, updateStrategy, minReadySeconds },
  };
}

export const daemonSetConverter: KindConverter = { kind: 'DaemonSet', apiVersions: ['apps/v1'], convert: convertDaemonSet };
