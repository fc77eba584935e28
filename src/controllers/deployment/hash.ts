import type { PodTemplate } from '../../model/scenario.js';
import { canonicalJSON } from '../hash.js';

export { computeHash } from '../hash.js';

/** The label the Deployment controller adds to its ReplicaSets (apps.DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH = 'pod-template-hash';

const identities = new WeakMap<PodTemplate, string>();

/**
 * The template's identity for EqualIgnoreHash: its canonical form without the
 * pod-template-hash label. Cached per template object (templates are never
 * mutated in place: a new template is a new object).
 */
export function templateIdentity(template: PodTemplate): string {
  let id = identities.get(template);
  if (id === undefined) {
    const { [POD_TEMPLATE_HASH]: _hash, ...labels } = template.labels;
    id = canonicalJSON({ ...template, labels });
    identities.set(template, id);
  }
  return id;
}

/** EqualIgnoreHash: the templates are equal once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: PodTemplate, b: PodTemplate): boolean {
  return a === b || templateIdentity(a) === templateIdentity(b);
}
