import type { PodManifest } from '../../model/scenario.js';
import type { ObjectDocument } from '../documents.js';
import { checkBehaviorAnnotations } from './behavior-annotations.js';
import { prefixedRoot, readObjectMeta } from './metadata.js';
import { readPodSpec } from './podspec.js';
import type { KindConverter } from './registry.js';

/** A bare Pod; `spec.nodeName` set means already bound. */
function convertPod(obj: ObjectDocument): PodManifest {
  const root = prefixedRoot(obj);
  const meta = readObjectMeta(root, true);
  checkBehaviorAnnotations(root.child('metadata').child('annotations'), meta.annotations);
  return {
    kind: 'Pod',
    source: obj.source,
    namespace: meta.namespace,
    ...(meta.uid !== undefined ? { uid: meta.uid } : {}),
    name: meta.name,
    ...(meta.generateName !== undefined ? { generateName: meta.generateName } : {}),
    ownerReferences: meta.ownerReferences,
    template: { labels: meta.labels, annotations: meta.annotations, spec: readPodSpec(root.child('spec')) },
  };
}

export const podConverter: KindConverter = { kind: 'Pod', apiVersions: ['v1'], convert: convertPod };
