import { isEmptyRecord } from './records.js';
import { CPU, MEMORY, type ResourceList } from './resources.js';

/**
 * A pod's effective request as the scheduler and kubelet admission compute it:
 * `resourcehelper.PodRequests` (k8s.io/component-helpers/resource/helpers.go,
 * `aggregateContainerResourcesByFn`), with the sidecar rule of KEP-753, and
 * pod-level requests (PodLevelResources, on by default since 1.34) replacing
 * the containers' for the resources they name. podsim has no in-place resize
 * or DRA, so those branches are absent.
 */
export interface PodRequestsSpec {
  readonly initContainers: readonly { readonly requests: ResourceList; readonly restartPolicy?: 'Always' }[];
  readonly containers: readonly { readonly requests: ResourceList }[];
  readonly overhead?: ResourceList;
  /** Pod-level requests (cpu, memory, hugepages-* only: checked at load). */
  readonly resources?: { readonly requests: ResourceList };
}

type Accumulator = Map<string, number>;

function add(into: Accumulator, list: ResourceList | ReadonlyMap<string, number>): void {
  const entries = list instanceof Map ? list.entries() : Object.entries(list);
  for (const [name, amount] of entries) into.set(name, (into.get(name) ?? 0) + amount);
}

/** maxResourceList: each resource of `list` raises `into` to at least its amount. */
function raise(into: Accumulator, list: ReadonlyMap<string, number>): void {
  for (const [name, amount] of list) {
    const current = into.get(name);
    if (current === undefined || amount > current) into.set(name, amount);
  }
}

/**
 * The request vector: the sum of app containers plus sidecars (init
 * containers with restartPolicy Always), raised to what initialisation needs
 * at its peak, plus overhead. Init container i needs its own request plus the
 * sidecars started before it; a sidecar's own step needs the sidecars up to
 * and including it. A resource appears when any container names it (even at
 * 0). Units as in resources.ts.
 */
export function podRequests(spec: PodRequestsSpec): ResourceList {
  const only = spec.containers.length === 1 ? spec.containers[0] : undefined;
  const noOverhead = spec.overhead === undefined || isEmptyRecord(spec.overhead);
  if (only !== undefined && spec.initContainers.length === 0 && noOverhead && spec.resources === undefined) return startedAtZero(only.requests);
  const result: Accumulator = new Map();
  for (const container of spec.containers) add(result, container.requests);
  const sidecars: Accumulator = new Map();
  const initPeak: Accumulator = new Map();
  for (const container of spec.initContainers) {
    if (container.restartPolicy === 'Always') {
      add(result, container.requests);
      add(sidecars, container.requests);
      raise(initPeak, sidecars);
    } else {
      const step: Accumulator = new Map();
      add(step, container.requests);
      add(step, sidecars);
      raise(initPeak, step);
    }
  }
  raise(result, initPeak);
  // applyPodLevelResources: the pod-level amount replaces the containers' (it is at least theirs: validation).
  if (spec.resources) for (const [name, amount] of Object.entries(spec.resources.requests)) result.set(name, amount);
  if (spec.overhead) add(result, spec.overhead);
  return orderedResourceList(result);
}

/**
 * podRequests of a lone app container (no init containers, no or empty overhead)
 * without the accumulator: each amount is summed onto 0 exactly as `add`
 * does, so the result is the same to the bit (-0 becomes 0).
 */
function startedAtZero(list: ResourceList): ResourceList {
  const out: Record<string, number> = {};
  if (inResourceNameOrder(list)) {
    // Already in order (the usual container): copied in its own order, with no name lists built.
    for (const name in list) out[name] = 0 + (list[name] as number);
    return out;
  }
  for (const name of resourceNameOrder(Object.keys(list))) out[name] = 0 + (list[name] as number);
  return out;
}

/**
 * Whether for-in walks `list` in resourceNameOrder over exactly its own keys
 * (Object.keys), so that copying it in that walk's order is the ordered copy.
 */
export function inResourceNameOrder(list: ResourceList): boolean {
  // 0: nothing seen yet, 1: cpu seen, 2: memory seen, 3: some other name seen (the last in `previous`).
  let stage = 0;
  let previous = '';
  for (const name in list) {
    if (!Object.hasOwn(list, name)) return false;
    if (name === CPU) {
      if (stage !== 0) return false;
      stage = 1;
    } else if (name === MEMORY) {
      if (stage > 1) return false;
      stage = 2;
    } else {
      if (stage === 3 && !(previous < name)) return false;
      stage = 3;
      previous = name;
    }
  }
  return true;
}

/**
 * Resource names in podsim's stable order: cpu, memory, then the rest sorted
 * by code unit. (A purely numeric name would still come first in a JS object;
 * Kubernetes resource names never are.)
 */
export function resourceNameOrder(names: Iterable<string>): string[] {
  let cpu = false;
  let memory = false;
  const rest: string[] = [];
  for (const name of names) {
    if (name === CPU) cpu = true;
    else if (name === MEMORY) memory = true;
    else rest.push(name);
  }
  if (rest.length > 1) rest.sort();
  if (memory) rest.unshift(MEMORY);
  if (cpu) rest.unshift(CPU);
  return rest;
}

/** A plain ResourceList with keys in resourceNameOrder. */
export function orderedResourceList(list: ResourceList | ReadonlyMap<string, number>): ResourceList {
  const out: Record<string, number> = {};
  if (list instanceof Map) {
    for (const name of resourceNameOrder(list.keys())) out[name] = list.get(name) ?? 0;
  } else {
    const plain = list as ResourceList;
    for (const name of resourceNameOrder(Object.keys(plain))) out[name] = plain[name] ?? 0;
  }
  return out;
}

/**
 * podRequests of a spec whose lists are never changed once admitted, kept per
 * containers list (with the init containers and overhead it was worked out
 * for): the pods of a template share all three, so they cost one lookup each.
 * The answer is shared: never change it.
 */
export function sharedPodRequests(spec: PodRequestsSpec): ResourceList {
  const known = byContainers.get(spec.containers);
  if (known !== undefined && known.initContainers === spec.initContainers && known.overhead === spec.overhead && known.resources === spec.resources) {
    return known.requests;
  }
  const requests = podRequests(spec);
  byContainers.set(spec.containers, { initContainers: spec.initContainers, overhead: spec.overhead, resources: spec.resources, requests });
  return requests;
}

const byContainers = new WeakMap<
  PodRequestsSpec['containers'],
  {
    initContainers: PodRequestsSpec['initContainers'];
    overhead: PodRequestsSpec['overhead'];
    resources: PodRequestsSpec['resources'];
    requests: ResourceList;
  }
>();
