import type { PodSpec } from './pod.js';
import type { PriorityClass } from './scheduler-config.js';

/** The built-in PriorityClasses (scheduling/v1 SystemPriorityClasses), always present. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = [
  { name: 'system-node-critical', value: 2_000_001_000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
  { name: 'system-cluster-critical', value: 2_000_000_000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
];

/** DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0;

export type PriorityResolution =
  | {
      readonly ok: true;
      /** The class name the pod ends up with ('' when none: no name and no global default). */
      readonly priorityClassName: string;
      readonly priority: number;
      readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
    }
  | { readonly ok: false; readonly message: string };

/**
 * The Priority admission plugin (plugin/pkg/admission/priority) at pod
 * creation: a named class gives its value and preemptionPolicy (an unknown
 * name is refused: `no PriorityClass with name X was found`); no name takes
 * the globalDefault class (the lowest value if several claim it), else
 * priority 0 and PreemptLowerPriority. `classes` are the scenario's; the
 * system classes are added. A spec whose own priority or preemptionPolicy
 * differs from the class's is refused with the plugin's messages; podsim
 * specs always carry both, so pass `written` to say which the manifest gave.
 */
export function resolvePriority(
  spec: Pick<PodSpec, 'priorityClassName' | 'priority' | 'preemptionPolicy'>,
  classes: readonly PriorityClass[],
  written: { readonly priority?: boolean; readonly preemptionPolicy?: boolean } = {},
): PriorityResolution {
  const all = [...SYSTEM_PRIORITY_CLASSES, ...classes];
  const name = spec.priorityClassName ?? '';
  let pc: PriorityClass | undefined;
  if (name === '') {
    for (const c of all) if (c.globalDefault && (pc === undefined || c.value < pc.value)) pc = c;
  } else {
    pc = all.find((c) => c.name === name);
    if (pc === undefined) return { ok: false, message: `no PriorityClass with name ${name} was found` };
  }
  const priority = pc?.value ?? DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS;
  const preemptionPolicy = pc?.preemptionPolicy ?? 'PreemptLowerPriority';
  if (written.priority && spec.priority !== priority) {
    return {
      ok: false,
      message: `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    };
  }
  if (written.preemptionPolicy && pc !== undefined && spec.preemptionPolicy !== preemptionPolicy) {
    return {
      ok: false,
      message: `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`,
    };
  }
  return { ok: true, priorityClassName: pc?.name ?? '', priority, preemptionPolicy };
}
