import { DEFAULT_SCHEDULER_NAME, DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS } from '../../model/defaults.js';
import { validateDNS1123Subdomain } from '../../model/labels.js';
import type { RestartPolicy } from '../../model/pod.js';
import type { PodTemplateSpec } from '../../model/scenario.js';
import { IS_NEGATIVE, readDefaultedEnum } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readAffinity } from './affinity.js';
import { readContainers } from './container.js';
import { validateLabelsAt } from './labels.js';
import { nameIsDNSSubdomain } from './names.js';
import { readOverhead } from './resources.js';
import { readSchedulingGates } from './scheduling-gates.js';
import { readPodLevelResources } from './pod-level-resources.js';
import { readTolerations } from './taints.js';
import { readTopologySpreadConstraints } from './topology.js';

/** The API server's order in its Unsupported value messages. */
export const RESTART_POLICIES: readonly RestartPolicy[] = ['Always', 'OnFailure', 'Never'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'] as const;
const MAX_INT32 = 2147483647;

/** The built-in PriorityClasses (scheduling/v1 SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  ['system-node-critical', 2_000_001_000],
  ['system-cluster-critical', 2_000_000_000],
]);

function readNonNegative(f: Field, fallback: number): number {
  const v = f.integer();
  if (v === undefined) return fallback;
  if (v < 0) f.invalid(v, IS_NEGATIVE);
  return v;
}

function readActiveDeadline(f: Field): number | undefined {
  const v = f.integer();
  if (v !== undefined && (v < 1 || v > MAX_INT32)) f.invalid(v, `must be between 1 and ${MAX_INT32}, inclusive`);
  return v;
}

/** priority from the class when not written; a class that does not exist is the admission plugin's error. */
function readPriority(spec: Field): { priorityClassName?: string; priority: number } {
  const classField = spec.child('priorityClassName');
  const priorityClassName = classField.string();
  const written = spec.child('priority').integer();
  if (priorityClassName === undefined || priorityClassName === '') return { priority: written ?? 0 };
  const systemValue = SYSTEM_PRIORITY_CLASSES.get(priorityClassName);
  if (systemValue === undefined && written === undefined) {
    classField.withPrefix('').report('error', 'reference-unknown', `no PriorityClass with name ${priorityClassName} was found`);
  }
  return { priorityClassName, priority: written ?? systemValue ?? 0 };
}

function readNamed(f: Field, fallback: string, check: (v: string) => string[]): string {
  const v = f.string();
  if (v === undefined || v === '') return fallback;
  for (const msg of check(v)) f.invalid(v, msg);
  return v;
}

/** A pod spec with SetDefaults_PodSpec applied and ValidatePodSpec's checks reported at their fields. */
export function readPodSpec(spec: Field): PodTemplateSpec {
  const { initContainers, containers } = readContainers(spec);
  const nodeSelectorField = spec.child('nodeSelector');
  const nodeSelector = nodeSelectorField.stringMap();
  validateLabelsAt(nodeSelectorField, nodeSelector);
  const nodeName = readNamed(spec.child('nodeName'), '', (v) => nameIsDNSSubdomain(v, false));
  const affinity = readAffinity(spec.child('affinity'));
  const activeDeadlineSeconds = readActiveDeadline(spec.child('activeDeadlineSeconds'));
  const schedulingGates = readSchedulingGates(spec.child('schedulingGates'));
  const resources = readPodLevelResources(spec.child('resources'), initContainers, containers);
  // ValidatePodCreate: a pod bound at creation cannot be gated.
  if (nodeName !== '' && schedulingGates.length > 0) spec.child('nodeName').forbidden('cannot be set until all schedulingGates have been cleared');
  return {
    ...(nodeName !== '' ? { nodeName } : {}),
    schedulerName: readNamed(spec.child('schedulerName'), DEFAULT_SCHEDULER_NAME, validateDNS1123Subdomain),
    nodeSelector,
    ...(affinity !== undefined ? { affinity } : {}),
    tolerations: readTolerations(spec.child('tolerations')),
    topologySpreadConstraints: readTopologySpreadConstraints(spec.child('topologySpreadConstraints')),
    initContainers,
    containers,
    restartPolicy: readDefaultedEnum(spec.child('restartPolicy'), RESTART_POLICIES, 'Always'),
    terminationGracePeriodSeconds: readNonNegative(
      spec.child('terminationGracePeriodSeconds'),
      DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
    ),
    ...(activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds } : {}),
    ...readPriority(spec),
    preemptionPolicy: readDefaultedEnum(spec.child('preemptionPolicy'), PREEMPTION_POLICIES, 'PreemptLowerPriority'),
    overhead: readOverhead(spec.child('overhead')),
    ...(schedulingGates.length > 0 ? { schedulingGates } : {}),
    ...(resources !== undefined ? { resources } : {}),
  };
}
