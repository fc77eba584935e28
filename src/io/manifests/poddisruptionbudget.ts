import type { WorkloadManifest } from '../../model/scenario.js';
import type { IntOrPercent, PodDisruptionBudgetSpec } from '../../model/workloads.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import type { Field } from '../yaml/field.js';
import { invalidIntOrString, isOver100Percent, readIntOrPercent } from './int-or-percent.js';
import { readLabelSelector } from './labels.js';
import type { KindConverter } from './registry.js';
import { jsonBadValue, readWorkloadMeta, workloadIdentity } from './replicaset.js';

/**
 * PodDisruptionBudget (policy/v1), validated as ValidatePodDisruptionBudgetSpec
 * (pkg/apis/policy/validation/validation.go): minAvailable and
 * maxUnavailable are each a non-negative integer or a percentage of at most
 * 100%, not both; the selector is a label selector (absent: selects no pod;
 * `{}`: every pod of the namespace, for the disruption controller).
 */

const POLICIES: readonly PodDisruptionBudgetSpec['unhealthyPodEvictionPolicy'][] = ['AlwaysAllow', 'IfHealthyBudget'];

function readBound(f: Field): IntOrPercent | undefined {
  if (!f.present) return undefined;
  const { value, written } = readIntOrPercent(f, 0);
  if (isOver100Percent(written)) invalidIntOrString(f, written, 'must not be greater than 100%');
  return value;
}

function readSpec(spec: Field): PodDisruptionBudgetSpec {
  const minAvailable = readBound(spec.child('minAvailable'));
  const maxUnavailable = readBound(spec.child('maxUnavailable'));
  const selectorField = spec.child('selector');
  const selector = selectorField.present ? readLabelSelector(selectorField) : undefined;
  if (minAvailable !== undefined && maxUnavailable !== undefined) {
    const value = `{"minAvailable":${JSON.stringify(minAvailable)}${selector ? `,"selector":${jsonBadValue(selector)}` : ''},"maxUnavailable":${JSON.stringify(maxUnavailable)}}`;
    spec.report('error', 'field-invalid', fieldMessage(spec.path, `Invalid value: ${value}: minAvailable and maxUnavailable cannot be both set`));
  }
  const policyField = spec.child('unhealthyPodEvictionPolicy');
  const policy = policyField.string();
  if (policy !== undefined && !(POLICIES as readonly string[]).includes(policy)) policyField.unsupported(policy, POLICIES);
  return {
    ...(selector ? { selector } : {}),
    ...(minAvailable !== undefined ? { minAvailable } : {}),
    ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
    unhealthyPodEvictionPolicy: policy === 'AlwaysAllow' ? 'AlwaysAllow' : 'IfHealthyBudget',
  };
}

function convertPodDisruptionBudget(obj: ObjectDocument): WorkloadManifest {
  const { root, meta } = readWorkloadMeta(obj);
  return { kind: 'PodDisruptionBudget', ...workloadIdentity(obj, meta), spec: readSpec(root.child('spec')) };
}

export const podDisruptionBudgetConverter: KindConverter = {
  kind: 'PodDisruptionBudget',
  apiVersions: ['policy/v1'],
  convert: convertPodDisruptionBudget,
};
