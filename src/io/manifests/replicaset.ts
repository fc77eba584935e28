import { matchesLabelSelector } from '../../model/labels.js';
import type { LabelSelector } from '../../model/meta.js';
import type { PodTemplate, WorkloadManifest } from '../../model/scenario.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import { IS_NEGATIVE } from '../values.js';
import type { Field } from '../yaml/field.js';
import { checkBehaviorAnnotations } from './behavior-annotations.js';
import { readLabelSelector, validateAnnotationsAt, validateLabelsAt } from './labels.js';
import { type ObjectMetaManifest, prefixedRoot, readObjectMeta } from './metadata.js';
import { readPodSpec } from './podspec.js';
import type { KindConverter } from './registry.js';

/**
 * ReplicaSet (apps/v1) and ReplicationController (v1), defaulted as
 * pkg/apis/apps/v1/defaults.go and pkg/apis/core/v1/defaults.go do and
 * validated as ValidateReplicaSetSpec (pkg/apis/apps/validation) and
 * ValidateReplicationControllerSpec (pkg/apis/core/validation) do. The pod
 * template helpers here serve the Deployment converter too.
 */

/**
 * A bad value as field.ErrorBody prints a structured one since v1.34: its
 * JSON (encoding/json sorts map keys; older servers printed Go syntax such as
 * `map[string]string{"app":"web"}`). A label map that was not written is nil: `null`.
 */
export function jsonBadValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonBadValue).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${jsonBadValue((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** A template's metadata (a pod template's, a CronJob's jobTemplate's): its labels and annotations, validated. */
export function readTemplateMetadata(meta: Field): { labels: Record<string, string>; annotations: Record<string, string>; annotationsField: Field } {
  const labelsField = meta.child('labels');
  const labels = labelsField.stringMap();
  validateLabelsAt(labelsField, labels);
  const annotationsField = meta.child('annotations');
  const annotations = annotationsField.stringMap();
  validateAnnotationsAt(annotationsField, annotations);
  return { labels, annotations, annotationsField };
}

/** spec.template: its labels and annotations (validated) and the pod spec, defaulted. */
export function readPodTemplate(template: Field): PodTemplate {
  const { labels, annotations, annotationsField } = readTemplateMetadata(template.child('metadata'));
  checkBehaviorAnnotations(annotationsField, annotations);
  return { labels, annotations, spec: readPodSpec(template.child('spec')) };
}

/**
 * ValidatePodTemplateSpecForReplicaSet / ForRC, beyond the pod template's own
 * checks: the selector (undefined: matches nothing; empty: not checked) must
 * match the template labels, restartPolicy must be Always, and
 * activeDeadlineSeconds is not allowed.
 */
export function checkReplicaSetTemplate(
  field: Field,
  template: PodTemplate,
  selector: LabelSelector | undefined,
  kind: 'ReplicaSet' | 'ReplicationController',
): void {
  const empty = selector !== undefined && !selector.matchLabels && !selector.matchExpressions;
  if (!empty && (selector === undefined || !matchesLabelSelector(selector, template.labels))) {
    const labelsField = field.child('metadata').child('labels');
    const value = labelsField.present ? jsonBadValue(template.labels) : 'null';
    const body = `Invalid value: ${value}: \`selector\` does not match template \`labels\``;
    labelsField.report('error', 'field-invalid', fieldMessage(labelsField.path, body));
  }
  const restartPolicy = field.child('spec').child('restartPolicy');
  const written = restartPolicy.isScalar ? restartPolicy.scalar() : undefined;
  if (written !== undefined && written !== '' && written !== 'Always') restartPolicy.unsupported(written, ['Always']);
  const deadline = template.spec.activeDeadlineSeconds;
  if (deadline !== undefined) {
    field.child('spec').child('activeDeadlineSeconds').invalid(deadline, `activeDeadlineSeconds in ${kind} is not Supported`);
  }
}

/** A non-negative integer (ValidateNonnegativeField), `fallback` when unset. */
const INT32_MAX = 2_147_483_647;

/**
 * `spec.replicas` of an apps object: an int32 (a larger number fails JSON
 * decoding before validation, with the decoder's message), not negative,
 * default 1.
 */
export function readReplicas(spec: Field, kind: string): number {
  const f = spec.child('replicas');
  const v = f.integer();
  if (v !== undefined && Math.abs(v) > INT32_MAX) {
    const message = `${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal number ${v} into Go struct field ${kind}Spec.spec.replicas of type int32`;
    f.withPrefix('').report('error', 'type-invalid', message);
    return 1;
  }
  return readNonNegativeInt(f, 1);
}

export function readNonNegativeInt(f: Field, fallback: number): number {
  const v = f.integer();
  if (v === undefined) return fallback;
  if (v < 0) f.invalid(v, IS_NEGATIVE);
  return v;
}

/**
 * An apps/v1 `spec.selector`: required (no default from the template in
 * apps/v1), valid, and not empty. Undefined when missing (it then matches
 * nothing); when invalid, the template is not checked against it (`checked`).
 * `emptyFor` is the kind the API server's message names (ReplicaSets and
 * Deployments both say "deployment").
 */
export function readAppsSelector(spec: Field, emptyFor = 'deployment'): { selector?: LabelSelector; checked: boolean } {
  const field = spec.child('selector');
  if (!field.present) {
    field.required();
    return { checked: true };
  }
  const before = field.ctx.diagnostics.length;
  const selector = readLabelSelector(field);
  const valid = field.ctx.diagnostics.length === before;
  if (!selector.matchLabels && !selector.matchExpressions) {
    const body = `Invalid value: {}: empty selector is invalid for ${emptyFor}`;
    field.report('error', 'field-invalid', fieldMessage(field.path, body));
  }
  return { selector, checked: valid };
}

/** The metadata both kinds share, with the object's prefixed root. */
/** The identity fields every workload manifest carries, from its document and metadata. */
export function workloadIdentity(obj: ObjectDocument, meta: ObjectMetaManifest) {
  return {
    source: obj.source,
    namespace: meta.namespace,
    ...(meta.uid !== undefined ? { uid: meta.uid } : {}),
    ownerReferences: meta.ownerReferences,
    name: meta.name,
    ...(meta.name === '' && meta.generateName !== undefined ? { generateName: meta.generateName } : {}),
    labels: meta.labels,
    annotations: meta.annotations,
  };
}

export function readWorkloadMeta(obj: ObjectDocument): { root: Field; meta: ObjectMetaManifest } {
  const root = prefixedRoot(obj);
  const meta = readObjectMeta(root, true);
  return { root, meta };
}

function convertReplicaSet(obj: ObjectDocument): WorkloadManifest {
  const { root, meta } = readWorkloadMeta(obj);
  const spec = root.child('spec');
  const replicas = readReplicas(spec, 'ReplicaSet');
  const minReadySeconds = readNonNegativeInt(spec.child('minReadySeconds'), 0);
  const { selector, checked } = readAppsSelector(spec);
  const templateField = spec.child('template');
  const template = readPodTemplate(templateField);
  if (checked) checkReplicaSetTemplate(templateField, template, selector, 'ReplicaSet');
  return {
    kind: 'ReplicaSet',
    ...workloadIdentity(obj, meta),
    spec: { replicas, selector: selector ?? {}, template, minReadySeconds },
  };
}

/**
 * A ReplicationController: `spec.selector` is a label map that defaults to
 * the template labels, as do the object's labels; the template is required.
 */
function convertReplicationController(obj: ObjectDocument): WorkloadManifest | undefined {
  const { root, meta } = readWorkloadMeta(obj);
  const spec = root.child('spec');
  const replicas = readReplicas(spec, 'ReplicationController');
  const minReadySeconds = readNonNegativeInt(spec.child('minReadySeconds'), 0);
  const selectorField = spec.child('selector');
  const written = selectorField.stringMap();
  validateLabelsAt(selectorField, written);
  const templateField = spec.child('template');
  if (!templateField.present) {
    if (Object.keys(written).length === 0) selectorField.required();
    templateField.required();
    return undefined;
  }
  const template = readPodTemplate(templateField);
  const selectorMap = Object.keys(written).length > 0 ? written : template.labels;
  if (Object.keys(selectorMap).length === 0) selectorField.required();
  else checkReplicaSetTemplate(templateField, template, { matchLabels: selectorMap }, 'ReplicationController');
  return {
    kind: 'ReplicationController',
    ...workloadIdentity(obj, meta),
    labels: Object.keys(meta.labels).length > 0 ? meta.labels : template.labels,
    spec: { replicas, selector: { matchLabels: selectorMap }, template, minReadySeconds },
  };
}

export const replicaSetConverter: KindConverter = { kind: 'ReplicaSet', apiVersions: ['apps/v1'], convert: convertReplicaSet };

export const replicationControllerConverter: KindConverter = {
  kind: 'ReplicationController',
  apiVersions: ['v1'],
  convert: convertReplicationController,
};
