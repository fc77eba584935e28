import { DEFAULT_NAMESPACE } from '../../model/defaults.js';
import type { Labels, OwnerReference } from '../../model/meta.js';
import type { ObjectDocument } from '../documents.js';
import { invalidObjectPrefix } from '../field-errors.js';
import type { Field } from '../yaml/field.js';
import { validateAnnotationsAt, validateLabelsAt } from './labels.js';
import { isDNS1123Label, nameIsDNSSubdomain } from './names.js';

export interface ObjectMetaManifest {
  readonly name: string;
  readonly generateName?: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerReference[];
  /** metadata.uid as exported (kubectl get -o yaml): kept so owners and dependents stay linked. */
  readonly uid?: string;
}

/**
 * The object's root with kubectl's prefix for its field errors
 * (`The Pod "web" is invalid: `); a generateName stands for the name.
 */
export function prefixedRoot(obj: ObjectDocument): Field {
  const meta = obj.field.child('metadata');
  const name = meta.child('name').isScalar ? meta.child('name').scalar() : undefined;
  const generateName = meta.child('generateName').isScalar ? meta.child('generateName').scalar() : undefined;
  return obj.field.withPrefix(invalidObjectPrefix(obj.kind, String(name ?? generateName ?? '')));
}

function readOwnerReferences(field: Field): OwnerReference[] {
  return field.items().map((ref) => ({
    kind: ref.child('kind').string() ?? '',
    name: ref.child('name').string() ?? '',
    uid: ref.child('uid').string() ?? '',
    controller: ref.child('controller').boolean() ?? false,
  }));
}

function validateName(meta: Field, name: string, generateName: string | undefined): void {
  if (generateName !== undefined && generateName !== '') {
    for (const msg of nameIsDNSSubdomain(generateName, true)) meta.child('generateName').invalid(generateName, msg);
  }
  if (name === '') {
    if (generateName === undefined || generateName === '') meta.child('name').required('name or generateName is required');
    return;
  }
  for (const msg of nameIsDNSSubdomain(name, false)) meta.child('name').invalid(name, msg);
}

/**
 * metadata as ValidateObjectMeta checks it on create: name (or generateName)
 * a DNS subdomain, namespace a DNS label (defaulted for namespaced kinds),
 * labels and annotation keys valid. `root` is the object's root, already prefixed.
 */
export function readObjectMeta(root: Field, namespaced: boolean): ObjectMetaManifest {
  const meta = root.child('metadata');
  const name = meta.child('name').string() ?? '';
  const generateName = meta.child('generateName').string();
  validateName(meta, name, generateName);
  let namespace = '';
  if (namespaced) {
    namespace = meta.child('namespace').string() || DEFAULT_NAMESPACE;
    for (const msg of isDNS1123Label(namespace)) meta.child('namespace').invalid(namespace, msg);
  }
  const labels = meta.child('labels').stringMap();
  validateLabelsAt(meta.child('labels'), labels);
  const annotations = meta.child('annotations').stringMap();
  validateAnnotationsAt(meta.child('annotations'), annotations);
  return {
    name,
    ...(generateName !== undefined && generateName !== '' ? { generateName } : {}),
    namespace,
    labels,
    annotations,
    ownerReferences: readOwnerReferences(meta.child('ownerReferences')),
    ...(uidOf(meta) ? { uid: uidOf(meta)! } : {}),
  };
}

function uidOf(meta: Field): string | undefined {
  return meta.child('uid').isScalar ? meta.child('uid').string() || undefined : undefined;
}
