import { SYSTEM_PRIORITY_CLASSES } from '../../model/priority.js';
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
 * `preemptionPolicy` defaulted to PreemptLowerPriority; a name with the
 * reserved `system-` prefix only for a built-in class as it is
 * (ValidatePriorityClass), which every `kubectl get priorityclasses -o yaml`
 * export holds: it converts to nothing, the built-in being always present.
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
  const globalDefault = root.child('globalDefault').boolean() ?? false;
  if (meta.name.startsWith(SYSTEM_PREFIX)) {
    const problem = systemClassProblem(meta.name, value, globalDefault);
    if (problem !== undefined) {
      root.child('metadata').child('name').forbidden(`priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${problem}`);
    }
    // The built-in class, as a cluster export holds it: already there, so applying it changes nothing.
    return undefined;
  }
  if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    valueField.forbidden(`maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`);
  }
  return {
    kind: 'PriorityClass',
    source: obj.source,
    name: meta.name,
    priorityClass: {
      name: meta.name,
      value,
      globalDefault,
      preemptionPolicy: readDefaultedEnum(root.child('preemptionPolicy'), ['PreemptLowerPriority', 'Never'] as const, 'PreemptLowerPriority'),
    },
  };
}

/** IsKnownSystemPriorityClass (pkg/apis/scheduling/v1/helpers.go): its error text, undefined when known and as built in. */
function systemClassProblem(name: string, value: number, globalDefault: boolean): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  if (known === undefined) return `${name} is not a known system priority class`;
  if (known.value !== value) return `value of ${name} PriorityClass must be ${known.value}`;
  if (known.globalDefault !== globalDefault) return `globalDefault of ${name} PriorityClass must be ${known.globalDefault}`;
  return undefined;
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
