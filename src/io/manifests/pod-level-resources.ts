import { formatQuantity, type Quantity } from '../../model/quantity.js';
import { podRequests } from '../../model/requests.js';
import type { PodLevelResources } from '../../model/pod.js';
import type { ContainerTemplate } from '../../model/scenario.js';
import { CPU } from '../../model/resources.js';
import { fieldMessage, invalidBody } from '../field-errors.js';
import { readQuantities, toResourceList } from '../values.js';
import { validateQualifiedNameAt } from './labels.js';
import type { Field } from '../yaml/field.js';

/*
 * Pod-level `spec.resources` (PodLevelResources: alpha 1.32, beta and on by
 * default since 1.34, pkg/features/kube_features.go), as the API server takes
 * it: only cpu, memory and hugepages-* (resourcehelper.IsSupportedPodLevelResource);
 * a limit without a request defaults the request (v1 defaults.go
 * defaultPodRequests); requests <= limits, and each pod-level request at
 * least what the containers request together (validation.go,
 * validatePodResourceConsistency: `must be greater than or equal to
 * aggregate container requests of 1500m`), and no app container's limit
 * above the pod's (`must be less than or equal to pod limits of 1`).
 */

/** sets.List(SupportedPodLevelResources()): sorted. */
const SUPPORTED = ['cpu', 'hugepages-', 'memory'];

function isSupported(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

/** validation.go standardResources (IsStandardResourceName also takes hugepages-* and requests.hugepages-*). */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'quota', 'services', 'replicationcontrollers',
  'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports',
  'services.loadbalancers',
]);

function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

/**
 * validatePodResourceName: a qualified name; an unprefixed one must be a
 * standard resource; then only the supported ones. The others are reported
 * and dropped.
 */
function readSupported(f: Field): Map<string, Quantity> {
  const out = readQuantities(f);
  for (const name of [...out.keys()]) {
    if (isSupported(name)) continue;
    out.delete(name);
    const field = f.key(name);
    const before = f.ctx.diagnostics.length;
    validateQualifiedNameAt(field, name);
    if (f.ctx.diagnostics.length > before) continue;
    if (!name.includes('/') && !isStandardResourceName(name)) field.invalid(name, 'must be a standard resource type or fully qualified');
    else field.unsupported(name, SUPPORTED);
  }
  return out;
}

/**
 * An amount of podsim's (a container's, the aggregate) as Quantity.String() prints it: cpu
 * in DecimalSI; other resources in BinarySI when whole multiples of 1024
 * (Go keeps the first container's own format, which podsim does not keep:
 * `64Mi` written containers print alike, `100M` ones print `200M` only when
 * not a multiple of 1024).
 */
function shownAggregate(name: string, amount: number): string {
  if (name === CPU) return formatQuantity({ nanos: BigInt(amount) * 1_000_000n, format: 'DecimalSI' });
  const binary = amount % 1024 === 0 && amount >= 1024;
  return formatQuantity({ nanos: BigInt(amount) * 1_000_000_000n, format: binary ? 'BinarySI' : 'DecimalSI' });
}

/** spec.resources of a pod, or undefined when it sets nothing podsim charges (no supported request or limit). */
export function readPodLevelResources(
  f: Field,
  initContainers: readonly ContainerTemplate[],
  containers: readonly ContainerTemplate[],
): PodLevelResources | undefined {
  if (!f.present) return undefined;
  const requestsField = f.child('requests');
  const limitsField = f.child('limits');
  const limits = readSupported(limitsField);
  const requests = readSupported(requestsField);
  for (const [name, q] of limits) if (!requests.has(name)) requests.set(name, q);
  for (const [name, q] of requests) {
    const limit = limits.get(name);
    if (limit !== undefined && q.nanos > limit.nanos) {
      requestsField.invalid(formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`);
    }
  }
  const aggregate = podRequests({ initContainers, containers });
  const list = toResourceList(requests);
  for (const [name, q] of requests) {
    const needed = aggregate[name];
    if (needed === undefined || (list[name] ?? 0) >= needed) continue;
    requestsField.key(name).invalid(formatQuantity(q), `must be greater than or equal to aggregate container requests of ${shownAggregate(name, needed)}`);
  }
  // No app container's limit above the pod's, reported at the path the API server builds (from spec.resources).
  const podLimits = toResourceList(limits);
  containers.forEach((c, i) => {
    for (const [name, amount] of Object.entries(c.limits)) {
      const podLimit = podLimits[name];
      if (podLimit === undefined || amount <= podLimit) continue;
      const path = `${f.path}.containers[${i}][${name}].limits`;
      f.report('error', 'field-invalid', fieldMessage(path, invalidBody(shownAggregate(name, amount), `must be less than or equal to pod limits of ${shownAggregate(name, podLimit)}`)));
    }
  });
  if (requests.size === 0 && limits.size === 0) return undefined;
  return { requests: list, limits: toResourceList(limits) };
}
