import { DEFAULT_MAX_PODS, PODS, type ResourceList } from '../../model/resources.js';
import type { NodeManifest } from '../../model/scenario.js';
import type { ObjectDocument } from '../documents.js';
import { readQuantities, toResourceList } from '../values.js';
import type { Field } from '../yaml/field.js';
import { prefixedRoot, readObjectMeta } from './metadata.js';
import type { KindConverter } from './registry.js';
import { readTaints } from './taints.js';

/** Annotation listing images already on a node, comma-separated (podsim's own). */
export const IMAGES_ANNOTATION = 'podsim.io/images';

/** The labels the kubelet puts on every node it registers; the manifest's own labels win. */
export function wellKnownNodeLabels(name: string): Record<string, string> {
  return { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': name };
}

function withPods(list: ResourceList): ResourceList {
  return list[PODS] === undefined ? { ...list, [PODS]: DEFAULT_MAX_PODS } : list;
}

/** Images present at creation: the annotation if set, else every name in status.images. */
function readImages(status: Field, annotations: Readonly<Record<string, string>>): string[] {
  const annotated = annotations[IMAGES_ANNOTATION];
  if (annotated !== undefined) {
    return annotated
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return status.child('images').items().flatMap((image) => image.child('names').stringList());
}

function convertNode(obj: ObjectDocument): NodeManifest {
  const root = prefixedRoot(obj);
  const meta = readObjectMeta(root, false);
  const spec = root.child('spec');
  const status = root.child('status');
  const allocatableField = status.child('allocatable');
  const capacityField = status.child('capacity');
  const allocatable = toResourceList(readQuantities(allocatableField));
  const capacity = toResourceList(readQuantities(capacityField));
  if (!allocatableField.present && !capacityField.present) {
    root.report('warning', 'field-required', 'status: no allocatable or capacity: the node offers no cpu or memory');
  }
  return {
    kind: 'Node',
    source: obj.source,
    name: meta.name,
    labels: { ...wellKnownNodeLabels(meta.name), ...meta.labels },
    annotations: meta.annotations,
    taints: readTaints(spec.child('taints')),
    unschedulable: spec.child('unschedulable').boolean() ?? false,
    allocatable: withPods(allocatableField.present ? allocatable : capacity),
    capacity: withPods(capacityField.present ? capacity : allocatable),
    images: readImages(status, meta.annotations),
  };
}

export const nodeConverter: KindConverter = { kind: 'Node', apiVersions: ['v1'], convert: convertNode };
