import { type Quantity, formatQuantity, milliValue } from '../../model/quantity.js';
import { goQuote } from '../../model/goquote.js';
import type { ResourceList } from '../../model/resources.js';
import { readQuantities, toResourceList } from '../values.js';
import type { Field } from '../yaml/field.js';

/**
 * Container resources as the API server takes them (pkg/apis/core/validation:
 * validateResourceRequirements, validateContainerResourceName; v1 defaults:
 * SetDefaults_Pod copies limits into missing requests).
 */

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** No domain, or a kubernetes.io domain. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

function checkName(name: string, f: Field): boolean {
  if (!name.includes('/')) {
    if (STANDARD_CONTAINER_RESOURCES.includes(name) || isHugePages(name)) return true;
    f.invalid(name, 'must be a standard resource for containers');
    return false;
  }
  if (isNative(name) || name.startsWith('requests.')) {
    f.invalid(name, "doesn't follow extended resource name standard");
    return false;
  }
  return true;
}

/** Extended resources count whole devices. */
function checkInteger(name: string, q: Quantity, f: Field): void {
  if (!isNative(name) && milliValue(q) % 1000 !== 0) f.invalid(formatQuantity(q), 'must be an integer');
}

/** Resources counted in bytes, where the API server warns about a fraction (`400m` memory is 0.4 bytes). */
const BYTE_RESOURCES = ['memory', 'ephemeral-storage'];

/**
 * GetWarningsForPodTemplate (pkg/api/pod/warnings.go): accepted, but almost
 * always `400m` written for `400Mi`. The API server's warning, verbatim.
 */
function warnFractionalBytes(name: string, q: Quantity, f: Field): void {
  if (!BYTE_RESOURCES.includes(name) || milliValue(q) % 1000 === 0) return;
  f.withPrefix('').report('warning', 'field-invalid', `${f.path}: fractional byte value ${goQuote(formatQuantity(q))} is invalid, must be an integer`);
}

function readChecked(field: Field): Map<string, Quantity> {
  const quantities = readQuantities(field);
  for (const [name, q] of quantities) {
    const f = field.key(name);
    if (checkName(name, f)) checkInteger(name, q, f);
    warnFractionalBytes(name, q, f);
  }
  return quantities;
}

export interface Resources {
  readonly requests: ResourceList;
  readonly limits: ResourceList;
}

/** `resources` of a container: limits default missing requests; requests <= limits (== for devices). */
export function readResources(resources: Field): Resources {
  const limitsField = resources.child('limits');
  const requestsField = resources.child('requests');
  const limits = readChecked(limitsField);
  const requests = readChecked(requestsField);
  for (const [name, q] of limits) if (!requests.has(name)) requests.set(name, q);
  for (const [name, q] of requests) {
    const limit = limits.get(name);
    if (limit === undefined) {
      if (!isOvercommitAllowed(name)) limitsField.required('Limit must be set for non overcommitable resources');
    } else if (!isOvercommitAllowed(name) && q.nanos !== limit.nanos) {
      requestsField.invalid(formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`);
    } else if (q.nanos > limit.nanos) {
      requestsField.invalid(formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`);
    }
  }
  return { requests: toResourceList(requests), limits: toResourceList(limits) };
}

/** `overhead` of a pod spec (validated like limits). */
export function readOverhead(overhead: Field): ResourceList {
  return toResourceList(readQuantities(overhead));
}
