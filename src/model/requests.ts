import { CPU, MEMORY, type ResourceList } from './resources.js';

/**
 * A pod's effective request as the scheduler and kubelet admission compute it:
 * `resourcehelper.PodRequests` (k8s.io/component-helpers/resource/helpers.go,
 * `aggregateContainerResourcesByFn`), with the sidecar rule of KEP-753.
 * podsim has no pod-level resources, in-place resize or DRA, so those
 * branches are absent.
 */
export interface PodRequestsSpec {
  readonly initContainers: readonly { readonly requests: ResourceList; readonly restartPolicy?: 'Always' }[];
  readonly containers: readonly { readonly requests: ResourceList }[];
  readonly overhead?: ResourceList;
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
  if (spec.overhead) add(result, spec.overhead);
  return orderedResourceList(result);
}

/**
 * Resource names in podsim's stable order: cpu, memory, then the rest sorted
 * by code unit. (A purely numeric name would still come first in a JS object;
 * Kubernetes resource names never are.)
 */
export function resourceNameOrder(names: Iterable<string>): string[] {
  const all = [...names];
  const head = [CPU, MEMORY].filter((n) => all.includes(n));
  return [...head, ...all.filter((n) => n !== CPU && n !== MEMORY).sort()];
}

/** A plain ResourceList with keys in resourceNameOrder. */
export function orderedResourceList(list: ResourceList | ReadonlyMap<string, number>): ResourceList {
  const map = list instanceof Map ? list : new Map(Object.entries(list));
  const out: Record<string, number> = {};
  for (const name of resourceNameOrder(map.keys())) out[name] = map.get(name) ?? 0;
  return out;
}
