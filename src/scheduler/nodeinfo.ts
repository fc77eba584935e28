import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import { CPU, MEMORY, PODS } from '../model/resources.js';
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
  /** Sum of the pods' effective requests per resource (Requested). */
  readonly requested: Record<string, number> = {};
  /** Sum of the pods' cpu/memory with 100m / 200Mi for containers that request none (NonZeroRequested). */
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** Assigned pods, in the order they were added. */
  readonly pods = new Set<Pod>();

  constructor(public node: Node) {}

  get name(): string {
    return this.node.name;
  }

  get podCount(): number {
    return this.pods.size;
  }

  /** Allocatable amount of `resource` (0 when the node does not offer it). */
  allocatable(resource: string): number {
    return this.node.allocatable[resource] ?? 0;
  }

  /** Allocatable.AllowedPodNumber: the node's `pods` allocatable. */
  get allowedPodNumber(): number {
    return this.allocatable(PODS);
  }

  requestedOf(resource: string): number {
    return this.requested[resource] ?? 0;
  }

  addPod(pod: Pod, resources: PodResources): void {
    if (this.pods.has(pod)) return;
    this.pods.add(pod);
    this.apply(resources, 1);
  }

  removePod(pod: Pod, resources: PodResources): void {
    if (!this.pods.delete(pod)) return;
    this.apply(resources, -1);
  }

  /** An independent copy (for preemption's what-if evaluation). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.node);
    Object.assign(copy.requested, this.requested);
    copy.nonZeroCpu = this.nonZeroCpu;
    copy.nonZeroMemory = this.nonZeroMemory;
    for (const pod of this.pods) copy.pods.add(pod);
    return copy;
  }

  private apply(resources: PodResources, sign: 1 | -1): void {
    for (const [name, amount] of Object.entries(resources.requests)) {
      if (!countsTowardRequested(name)) continue;
      this.requested[name] = (this.requested[name] ?? 0) + sign * amount;
    }
    this.nonZeroCpu += sign * resources.nonZeroCpu;
    this.nonZeroMemory += sign * resources.nonZeroMemory;
  }
}

export const EPHEMERAL_STORAGE = 'ephemeral-storage';

/**
 * Resources NodeInfo sums (Resource.Add): cpu, memory, ephemeral-storage and
 * the scalar resources (schedutil.IsScalarResourceName: extended resources
 * such as nvidia.com/gpu, hugepages-*, attachable-volumes-*, prefixed native
 * resources). Anything else (`pods`, unknown plain names) is not summed.
 */
export function countsTowardRequested(name: string): boolean {
  return name === CPU || name === MEMORY || name === EPHEMERAL_STORAGE || isScalarResource(name);
}

export function isScalarResource(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}
