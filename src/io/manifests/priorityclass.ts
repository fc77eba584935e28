import type { Manifest, PriorityClassManifest } from '../../model/scenario.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ObjectDocument } from '../documents.js';
import { readDefaultedEnum } from '../values.js';
import { prefixedRoot, readObjectMeta } from './metadata.js';
import type { KindConverter } from './registry.js';

/** HighestUserDefinablePriority: user classes may not go above 1e9. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const SYSTEM_PREFIX = 'system-';

/**
 * A PriorityClass (scheduling.k8s.io/v1): `value` required and at most 1e9,
 * `preemptionPolicy` defaulted to PreemptLowerPriority, names with the
 * reserved `system-` prefix refused (ValidatePriorityClass).
 */
function convertPriorityClass(obj: ObjectDocument): PriorityClassManifest | undefined {
  const root = prefixedRoot(obj);
  const meta = readObjectMeta(root, false);
  const valueField = root.child('value');
  const value = valueField.integer();
  if (value === undefined) {
    if (!valueField.present) valueField.required();
    return undefined;
  }
  if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    valueField.forbidden(`maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`);
  }
  if (meta.name.startsWith(SYSTEM_PREFIX)) {
    root.child('metadata').child('name').forbidden(`priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only`);
  }
  return {
    kind: 'PriorityClass',
    source: obj.source,
    name: meta.name,
    priorityClass: {
      name: meta.name,
      value,
      globalDefault: root.child('globalDefault').boolean() ?? false,
      preemptionPolicy: readDefaultedEnum(root.child('preemptionPolicy'), ['PreemptLowerPriority', 'Never'] as const, 'PreemptLowerPriority'),
    },
  };
}

export const priorityClassConverter: KindConverter = {
  kind: 'PriorityClass',
  apiVersions: ['scheduling.k8s.io/v1'],
  convert: convertPriorityClass,
};

/** The loader's message for a pod naming a class that is neither a system class nor (yet) known. */
export function unknownPriorityClassMessage(name: string): string {
  return `no PriorityClass with name ${name} was found`;
}

/**
 * Pods are read one at a time, before the scenario's PriorityClasses are all
 * known: drop the unknown-class errors for classes the scenario does define.
 */
export function acceptDefinedPriorityClasses(objects: readonly Manifest[], diagnostics: Diagnostic[]): void {
  const defined = new Set(objects.flatMap((m) => (m.kind === 'PriorityClass' ? [unknownPriorityClassMessage(m.name)] : [])));
  if (defined.size === 0) return;
  // one pass keeping the rest in order (a splice per dropped error moved every later one: the square of 100,000 pods)
  let kept = 0;
  for (const d of diagnostics) {
    if (d.code !== 'reference-unknown' || !defined.has(d.message)) diagnostics[kept++] = d;
  }
  diagnostics.length = kept;
}
