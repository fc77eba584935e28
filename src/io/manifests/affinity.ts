import type { NodeSelectorRequirement } from '../../model/meta.js';
import type { Affinity, NodeSelectorTerm, PodAffinityTerm } from '../../model/pod.js';
import type { Field } from '../yaml/field.js';
import { readLabelSelector, validateLabelValueAt, validateQualifiedNameAt } from './labels.js';
import { isDNS1123Label } from './names.js';

/**
 * spec.affinity as the API server reads and checks it (validateAffinity,
 * ValidateNodeSelectorRequirement, validatePodAffinityTerm). The long upstream
 * field names map to the model's `required` / `preferred`.
 */

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';
const WEIGHT_RANGE = 'must be in the range 1-100';
const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;

function readNodeRequirement(f: Field, fields: boolean): NodeSelectorRequirement {
  const keyField = f.child('key');
  const key = keyField.string() ?? '';
  const opField = f.child('operator');
  const operator = opField.string() ?? '';
  const valuesField = f.child('values');
  const values = valuesField.stringList();
  if (fields && key !== 'metadata.name') keyField.invalid(key, 'not a valid field selector key');
  if (!fields) validateQualifiedNameAt(keyField, key);
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) valuesField.required("must be specified when `operator` is 'In' or 'NotIn'");
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) valuesField.forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  } else if (operator === 'Gt' || operator === 'Lt') {
    if (values.length !== 1) valuesField.required("must be specified single value when `operator` is 'Lt' or 'Gt'");
  } else {
    opField.invalid(operator, 'not a valid selector operator');
  }
  if (!fields) valuesField.items().forEach((v, i) => validateLabelValueAt(v, values[i] ?? ''));
  const op = (NODE_OPERATORS as readonly string[]).includes(operator) ? operator : 'In';
  return { key, operator: op as NodeSelectorRequirement['operator'], ...(valuesField.present ? { values } : {}) };
}

function readNodeSelectorTerm(f: Field): NodeSelectorTerm {
  const exprs = f.child('matchExpressions').items().map((r) => readNodeRequirement(r, false));
  const fields = f.child('matchFields').items().map((r) => readNodeRequirement(r, true));
  return { ...(exprs.length > 0 ? { matchExpressions: exprs } : {}), ...(fields.length > 0 ? { matchFields: fields } : {}) };
}

function readWeight(f: Field): number {
  const weight = f.integer() ?? 0;
  if (weight < 1 || weight > 100) f.invalid(weight, WEIGHT_RANGE);
  return weight;
}

function readNodeAffinity(f: Field): NonNullable<Affinity['nodeAffinity']> {
  const req = f.child(REQUIRED);
  let required: { nodeSelectorTerms: NodeSelectorTerm[] } | undefined;
  if (req.present) {
    const termsField = req.child('nodeSelectorTerms');
    const nodeSelectorTerms = termsField.items().map(readNodeSelectorTerm);
    if (nodeSelectorTerms.length === 0) termsField.required('must have at least one node selector term');
    required = { nodeSelectorTerms };
  }
  const preferred = f.child(PREFERRED).items().map((p) => ({
    weight: readWeight(p.child('weight')),
    preference: readNodeSelectorTerm(p.child('preference')),
  }));
  return { ...(required ? { required } : {}), ...(preferred.length > 0 ? { preferred } : {}) };
}

function readPodAffinityTerm(f: Field): PodAffinityTerm {
  const topologyField = f.child('topologyKey');
  const topologyKey = topologyField.string() ?? '';
  if (topologyKey === '') topologyField.required('can not be empty');
  validateQualifiedNameAt(topologyField, topologyKey);
  const namespacesField = f.child('namespaces');
  const namespaces = namespacesField.stringList();
  namespacesField.items().forEach((n, i) => {
    for (const msg of isDNS1123Label(namespaces[i] ?? '')) n.withPath(`${f.path}.namespace`).invalid(namespaces[i], msg);
  });
  const labelSelector = f.child('labelSelector');
  const namespaceSelector = f.child('namespaceSelector');
  return {
    ...(labelSelector.present ? { labelSelector: readLabelSelector(labelSelector) } : {}),
    ...(namespacesField.present ? { namespaces } : {}),
    ...(namespaceSelector.present ? { namespaceSelector: readLabelSelector(namespaceSelector) } : {}),
    topologyKey,
  };
}

function readPodAffinity(f: Field): NonNullable<Affinity['podAffinity']> {
  const required = f.child(REQUIRED).items().map(readPodAffinityTerm);
  const preferred = f.child(PREFERRED).items().map((p) => ({
    weight: readWeight(p.child('weight')),
    podAffinityTerm: readPodAffinityTerm(p.child('podAffinityTerm')),
  }));
  return { ...(required.length > 0 ? { required } : {}), ...(preferred.length > 0 ? { preferred } : {}) };
}

/** undefined when the pod has no affinity. */
export function readAffinity(f: Field): Affinity | undefined {
  if (!f.present) return undefined;
  const node = f.child('nodeAffinity');
  const pod = f.child('podAffinity');
  const anti = f.child('podAntiAffinity');
  return {
    ...(node.present ? { nodeAffinity: readNodeAffinity(node) } : {}),
    ...(pod.present ? { podAffinity: readPodAffinity(pod) } : {}),
    ...(anti.present ? { podAntiAffinity: readPodAffinity(anti) } : {}),
  };
}
