import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import { CPU, MEMORY, PODS } from '../model/resources.js';
import { podInfo, type HostPort } from './pod-info.js';
import type { PodResources } from './pod-resources.js';

/**
 * The scheduler's view of one node (framework.NodeInfo): the node object and
 * the sums over the pods assigned to it. A pod counts from the moment it is
 * bound until it is deleted from the API or reaches Succeeded/Failed: the
 * scheduler's pod informer selects `status.phase!=Succeeded,status.phase!=Failed`
 * (pkg/scheduler/scheduler.go newPodInformer), so a terminal pod looks deleted
 * to it. Terminating pods (deletionTimestamp set, still running) still count.
 */
export class NodeInfo {
  /**
   * Sum of the pods' effective requests of the scalar resources (Requested's
   * ScalarResources); cpu, memory and ephemeral-storage are the fields below.
   */
  private readonly scalarRequested: Record<string, number> = {};
  /** Sum of the pods' cpu/memory with 100m / 200Mi for containers that request none (NonZeroRequested). */
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** Assigned pods, in the order they were added. */
  readonly pods = new Set<Pod>();
  /**
   * Pods with any pod (anti-)affinity (PodsWithAffinity), and with required
   * anti-affinity (read them through the getters below); each set is made
   * at its first pod: most nodes never have one.
   */
  private affinityPods: Set<Pod> | undefined;
  private antiAffinityPods: Set<Pod> | undefined;
  /** Host ports in use (UsedPorts): `ip|protocol|port` and `protocol|port` -> number of users; made at the first. */
  private usedPorts: Map<string, number> | undefined;
  /**
   * Renewed at every change of the pods or the node object, from a clock
   * shared by all NodeInfos: equal generations mean the same NodeInfo in the
   * same state (what per-node score memos key on).
   */
  generation = nextGeneration();
  /** Its place in the scheduler cache's node list, kept by the cache (-1: not listed, or not the cache's). */
  position = -1;
  /** Requested cpu (millicores), memory and ephemeral-storage (bytes): `requested` as plain fields for the hot loops. */
  requestedCpu = 0;
  requestedMemory = 0;
  requestedEphemeral = 0;
  /** The node's allocatable cpu, memory, ephemeral-storage and pods, read from `node` whenever it is set. */
  allocatableCpu = 0;
  allocatableMemory = 0;
  allocatableEphemeral = 0;
  allowedPodNumber = 0;
  /** node.taints.length and node.unschedulable, read from `node` whenever it is set (the node-only filters' and scores' fast paths). */
  taintCount = 0;
  nodeUnschedulable = false;
  /** node.index, read from `node` whenever it is set: the hot loops read it per node without touching the Node. */
  private nodeIndex = 0;
  /**
   * At most the lowest spec.priority of the pods (+Infinity for none): lowered
   * as pods come, made exact again only when hasPodBelow has to look.
   */
  private priorityFloor = Infinity;
  private current: Node;

  constructor(node: Node) {
    this.current = node;
    this.node = node;
  }

  get node(): Node {
    return this.current;
  }

  /** Replaces the node object (a watch update); the allocatable fields follow. */
  set node(node: Node) {
    this.current = node;
    this.generation = nextGeneration();
    const a = node.allocatable;
    this.allocatableCpu = a[CPU] ?? 0;
    this.allocatableMemory = a[MEMORY] ?? 0;
    this.allocatableEphemeral = a[EPHEMERAL_STORAGE] ?? 0;
    this.allowedPodNumber = a[PODS] ?? 0;
    this.taintCount = node.taints.length;
    this.nodeUnschedulable = node.unschedulable;
    this.nodeIndex = node.index;
  }

  /** The node's dense column index (Node.index). */
  get index(): number {
    return this.nodeIndex;
  }

  get name(): string {
    return this.node.name;
  }

  /** Pods with any pod (anti-)affinity, in the order they were added. */
  get podsWithAffinity(): ReadonlySet<Pod> {
    return this.affinityPods ?? NO_PODS;
  }

  /** Pods with required anti-affinity, in the order they were added. */
  get podsWithRequiredAntiAffinity(): ReadonlySet<Pod> {
    return this.antiAffinityPods ?? NO_PODS;
  }

  get podCount(): number {
    return this.pods.size;
  }

  /** Allocatable amount of `resource` (0 when the node does not offer it). */
  allocatable(resource: string): number {
    return this.node.allocatable[resource] ?? 0;
  }

  /** Requested of `resource` (0 for one no pod requests, or one NodeInfo does not sum, such as `pods`). */
  requestedOf(resource: string): number {
    if (resource === CPU) return this.requestedCpu;
    if (resource === MEMORY) return this.requestedMemory;
    if (resource === EPHEMERAL_STORAGE) return this.requestedEphemeral;
    return this.scalarRequested[resource] ?? 0;
  }

  addPod(pod: Pod, resources: PodResources): void {
    if (this.pods.has(pod)) return;
    this.pods.add(pod);
    if (pod.spec.priority < this.priorityFloor) this.priorityFloor = pod.spec.priority;
    this.apply(resources, 1);
    const info = podInfo(pod);
    if (info.hasAffinity) (this.affinityPods ??= new Set()).add(pod);
    if (info.requiredAntiAffinityTerms.length > 0) (this.antiAffinityPods ??= new Set()).add(pod);
    for (const p of info.hostPorts) this.countPort(p, 1);
    this.generation = nextGeneration();
  }

  removePod(pod: Pod, resources: PodResources): void {
    if (!this.pods.delete(pod)) return;
    this.apply(resources, -1);
    this.affinityPods?.delete(pod);
    this.antiAffinityPods?.delete(pod);
    for (const p of podInfo(pod).hostPorts) this.countPort(p, -1);
    this.generation = nextGeneration();
  }

  /**
   * Whether some pod has a spec.priority below `priority` (a pod preemption
   * could evict for one of that priority). O(1) while the floor kept as pods
   * come says none can; else one pass over the pods, which makes the floor
   * exact again.
   */
  hasPodBelow(priority: number): boolean {
    if (this.priorityFloor >= priority) return false;
    let floor = Infinity;
    for (const pod of this.pods) if (pod.spec.priority < floor) floor = pod.spec.priority;
    this.priorityFloor = floor;
    return floor < priority;
  }

  /**
   * HostPortInfo.CheckConflict: a wanted port on 0.0.0.0 (or no hostIP)
   * conflicts with any use of its protocol and port; on an address, with a
   * use on that address or on 0.0.0.0.
   */
  portConflicts(p: HostPort): boolean {
    const ip = p.hostIP === '' ? ALL_IPS : p.hostIP;
    const pp = `${p.protocol || 'TCP'}|${p.port}`;
    const used = this.usedPorts;
    if (used === undefined) return false;
    if (ip === ALL_IPS) return (used.get(pp) ?? 0) > 0;
    return (used.get(`${ALL_IPS}|${pp}`) ?? 0) > 0 || (used.get(`${ip}|${pp}`) ?? 0) > 0;
  }

  /** An independent copy (for preemption's what-if evaluation and nominated pods). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.node);
    Object.assign(copy.scalarRequested, this.scalarRequested);
    copy.requestedCpu = this.requestedCpu;
    copy.requestedMemory = this.requestedMemory;
    copy.requestedEphemeral = this.requestedEphemeral;
    copy.nonZeroCpu = this.nonZeroCpu;
    copy.nonZeroMemory = this.nonZeroMemory;
    copy.priorityFloor = this.priorityFloor;
    for (const pod of this.pods) copy.pods.add(pod);
    if (this.affinityPods) copy.affinityPods = new Set(this.affinityPods);
    if (this.antiAffinityPods) copy.antiAffinityPods = new Set(this.antiAffinityPods);
    if (this.usedPorts) copy.usedPorts = new Map(this.usedPorts);
    return copy;
  }

  private countPort(p: HostPort, sign: 1 | -1): void {
    const ip = p.hostIP === '' ? ALL_IPS : p.hostIP;
    const pp = `${p.protocol || 'TCP'}|${p.port}`;
    const used = (this.usedPorts ??= new Map());
    for (const key of [pp, `${ip}|${pp}`]) {
      const n = (used.get(key) ?? 0) + sign;
      if (n === 0) used.delete(key);
      else used.set(key, n);
    }
  }

  private apply(resources: PodResources, sign: 1 | -1): void {
    for (const [name, amount] of resources.scalars) this.scalarRequested[name] = (this.scalarRequested[name] ?? 0) + sign * amount;
    this.requestedCpu += sign * resources.cpu;
    this.requestedMemory += sign * resources.memory;
    this.requestedEphemeral += sign * resources.ephemeral;
    this.nonZeroCpu += sign * resources.nonZeroCpu;
    this.nonZeroMemory += sign * resources.nonZeroMemory;
  }
}

/** The podsWithAffinity and podsWithRequiredAntiAffinity of a node that has had none. */
const NO_PODS: ReadonlySet<Pod> = new Set();

let generationClock = 0;

/** A generation no NodeInfo state has had before. */
export function nextGeneration(): number {
  return ++generationClock;
}

/** DefaultBindAllHostIP. */
const ALL_IPS = '0.0.0.0';

export const EPHEMERAL_STORAGE = 'ephemeral-storage';

/**
 * The scalar resources NodeInfo sums besides cpu, memory and
 * ephemeral-storage (Resource.Add; schedutil.IsScalarResourceName): extended
 * resources such as nvidia.com/gpu, hugepages-*, attachable-volumes-*,
 * prefixed native resources. Anything else (`pods`, unknown plain names) is
 * not summed.
 */
export function isScalarResource(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}
