import type { Pod, PodSpec } from '../model/pod.js';
import { podRequests } from '../model/requests.js';
import { CPU, MEMORY, type ResourceList } from '../model/resources.js';
import { EPHEMERAL_STORAGE, isScalarResource } from './nodeinfo.js';

/** schedutil.DefaultMilliCPURequest: 100m for a container that requests no cpu (scoring only). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200Mi for a container that requests no memory (scoring only). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** A pod's requests as the scheduler counts them; a pod's spec never changes, so this is computed once (per alike spec). */
export interface PodResources {
  /** Effective requests (resourcehelper.PodRequests): what filters and NodeInfo.Requested use. */
  readonly requests: ResourceList;
  /**
   * The same with 100m cpu / 200Mi memory for each container that names no
   * such request (NonMissingContainerRequests): NodeInfo.NonZeroRequested,
   * and the pod side of LeastAllocated scoring.
   */
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
  /** `requests` of cpu, memory and ephemeral-storage (0 when absent), and the scalar resources in `requests` order. */
  readonly cpu: number;
  readonly memory: number;
  readonly ephemeral: number;
  /** What NodeInfo sums besides cpu, memory and ephemeral-storage (ScalarResources). */
  readonly scalars: readonly (readonly [name: string, amount: number])[];
  /**
   * Everything of these the resource filters and scorers read (cpu, memory,
   * ephemeral-storage, the non-zero cpu and memory, the scalars) as a string:
   * equal keys, equal requests for them (their `equivalence` key).
   */
  readonly key: string;
}

const NO_SCALARS: PodResources['scalars'] = [];

/**
 * What podResources reads of a spec: its containers, init containers and
 * overhead (the lists and records are never changed once admitted). Pods
 * admitted from one template share all three (sim/admission.ts), so the
 * answer is kept per containers list, with the other two it was worked out
 * for: the pods of a template cost one lookup, not one computation each.
 */
interface Worked {
  readonly initContainers: PodSpec['initContainers'];
  readonly overhead: PodSpec['overhead'];
  readonly podLevel: PodSpec['resources'];
  readonly resources: PodResources;
}
const byContainers = new WeakMap<PodSpec['containers'], Worked[]>();
const WORKED_LIMIT = 8;

export function podResources(pod: Pod): PodResources {
  // A cycle asks for its pod's resources several times (PreFilter, the equivalence keys, PreScore) and the
  // cache once more when it binds; alike pods come in runs: the last answer is kept in front of the WeakMap.
  const spec = pod.spec;
  if (
    spec.containers === last.containers &&
    spec.initContainers === last.initContainers &&
    spec.overhead === last.overhead &&
    spec.resources === last.podLevel
  ) {
    return last.resources;
  }
  let list = byContainers.get(spec.containers);
  if (list === undefined) byContainers.set(spec.containers, (list = []));
  let worked: Worked | undefined;
  for (const w of list) if (w.initContainers === spec.initContainers && w.overhead === spec.overhead && w.podLevel === spec.resources) worked = w;
  if (worked === undefined) {
    worked = { initContainers: spec.initContainers, overhead: spec.overhead, podLevel: spec.resources, resources: computeResources(spec) };
    // Admission gives each template its own containers list, so a list holds one entry; pods built some
    // other way that share containers but not the rest could make it long: it is kept short.
    if (list.length >= WORKED_LIMIT) list.length = 0;
    list.push(worked);
  }
  last.containers = spec.containers;
  last.initContainers = spec.initContainers;
  last.overhead = spec.overhead;
  last.podLevel = spec.resources;
  last.resources = worked.resources;
  return worked.resources;
}

/** The spec parts podResources last answered for, and its answer. */
const last: {
  containers: PodSpec['containers'] | undefined;
  initContainers: PodSpec['initContainers'] | undefined;
  overhead: PodSpec['overhead'] | undefined;
  podLevel: PodSpec['resources'] | undefined;
  resources: PodResources;
} = {
  containers: undefined,
  initContainers: undefined,
  overhead: undefined,
  podLevel: undefined,
  resources: { requests: {}, nonZeroCpu: 0, nonZeroMemory: 0, cpu: 0, memory: 0, ephemeral: 0, scalars: NO_SCALARS, key: '' },
};

function computeResources(spec: PodSpec): PodResources {
  const requests = podRequests(spec);
  // Which of cpu, memory and ephemeral-storage `requests` names (bits 1, 2, 4); -1 once it names anything else.
  let named = 0;
  // `requests` is a fresh plain object: for-in walks its own keys in Object.keys order.
  for (const name in requests) {
    const bit = name === CPU ? 1 : name === MEMORY ? 2 : name === EPHEMERAL_STORAGE ? 4 : -1;
    named = bit < 0 || named < 0 ? -1 : named | bit;
  }
  const general = spec.initContainers.length === 0 && spec.resources === undefined ? undefined : nonZeroRequests(spec);
  const nonZeroCpu = general === undefined ? summedNonZero(spec, CPU) : (general[CPU] ?? 0);
  const nonZeroMemory = general === undefined ? summedNonZero(spec, MEMORY) : (general[MEMORY] ?? 0);
  const cpu = requests[CPU] ?? 0;
  const memory = requests[MEMORY] ?? 0;
  const ephemeral = requests[EPHEMERAL_STORAGE] ?? 0;
  const alike = alikeRequests(cpu, memory, ephemeral, nonZeroCpu, nonZeroMemory);
  const shared = named < 0 ? undefined : alike.shared[named];
  if (shared !== undefined) return shared;
  let scalars: (readonly [name: string, amount: number])[] | undefined;
  for (const name in requests) if (isScalarResource(name)) (scalars ??= []).push([name, requests[name] as number]);
  let key = alike.key;
  if (scalars !== undefined) for (const [name, amount] of scalars) key += `,${name}=${amount}`;
  const r: PodResources = { requests, nonZeroCpu, nonZeroMemory, cpu, memory, ephemeral, scalars: scalars ?? NO_SCALARS, key };
  if (named >= 0) alike.shared[named] = r;
  return r;
}

const NON_MISSING: ResourceList = { [CPU]: DEFAULT_MILLI_CPU_REQUEST, [MEMORY]: DEFAULT_MEMORY_REQUEST };

/**
 * nonZeroRequests(spec)[resource] for a pod without init containers, summed
 * directly (app containers in order, then overhead) with no lists built.
 */
function summedNonZero(spec: Pod['spec'], resource: typeof CPU | typeof MEMORY): number {
  const missing = resource === CPU ? DEFAULT_MILLI_CPU_REQUEST : DEFAULT_MEMORY_REQUEST;
  let sum = 0;
  for (const c of spec.containers) sum += Object.hasOwn(c.requests, resource) ? (c.requests[resource] as number) : missing;
  const overhead = spec.overhead;
  if (overhead !== undefined && Object.hasOwn(overhead, resource)) sum += overhead[resource] as number;
  return sum;
}

/**
 * PodRequests with NonMissingContainerRequests, for cpu and memory: a
 * container (init, sidecar or app) that does not name cpu or memory counts
 * the default; one that names it, even as 0, counts what it names; pod-level
 * requests then replace the containers' (resource_allocation.go passes the
 * same options). Overhead is added unchanged.
 */
function nonZeroRequests(spec: Pod['spec']): ResourceList {
  return podRequests({
    containers: spec.containers.map((c) => ({ requests: { ...NON_MISSING, ...c.requests } })),
    initContainers: spec.initContainers.map((c) => ({
      requests: { ...NON_MISSING, ...c.requests },
      ...(c.restartPolicy !== undefined ? { restartPolicy: c.restartPolicy } : {}),
    })),
    overhead: spec.overhead,
    ...(spec.resources !== undefined ? { resources: spec.resources } : {}),
  });
}

/**
 * What pods with these five amounts have in common, found through a trie of
 * the numbers so that alike pods (the usual case) build nothing:
 * - `key`: `cpu,memory,ephemeral,nonZeroCpu,nonZeroMemory`, one string object;
 * - `shared[named]`: the PodResources of the pods whose requests name only
 *   cpu, memory and ephemeral-storage (`named`, as bits 1, 2, 4). Their
 *   requests, in the canonical resource order podRequests gives, are equal,
 *   so one read-only object serves them all and a pod keeps none of its own.
 * The trie is dropped when it holds KEY_LIMIT leaves.
 */
interface Alike {
  readonly key: string;
  readonly shared: (PodResources | undefined)[];
}

function alikeRequests(cpu: number, memory: number, ephemeral: number, nonZeroCpu: number, nonZeroMemory: number): Alike {
  const byMemory = (keys.get(cpu) ?? set(keys, cpu)) as Trie;
  const byEphemeral = (byMemory.get(memory) ?? set(byMemory, memory)) as Trie;
  const byNonZeroCpu = (byEphemeral.get(ephemeral) ?? set(byEphemeral, ephemeral)) as Trie;
  const byNonZeroMemory = (byNonZeroCpu.get(nonZeroCpu) ?? set(byNonZeroCpu, nonZeroCpu)) as Trie;
  let leaf = byNonZeroMemory.get(nonZeroMemory) as Alike | undefined;
  if (leaf === undefined) {
    if (++leafCount > KEY_LIMIT) {
      keys.clear();
      leafCount = 0;
      return alikeRequests(cpu, memory, ephemeral, nonZeroCpu, nonZeroMemory);
    }
    leaf = { key: `${cpu},${memory},${ephemeral},${nonZeroCpu},${nonZeroMemory}`, shared: [] };
    byNonZeroMemory.set(nonZeroMemory, leaf);
  }
  return leaf;
}

type Trie = Map<number, Trie | Alike>;
const keys: Trie = new Map();
let leafCount = 0;
const KEY_LIMIT = 10_000;

function set(trie: Trie, n: number): Trie {
  const next: Trie = new Map();
  trie.set(n, next);
  return next;
}
