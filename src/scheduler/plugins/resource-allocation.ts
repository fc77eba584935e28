import type { Pod } from '../../model/pod.js';
import { CPU, MEMORY } from '../../model/resources.js';
import type { ResourceSpec } from '../../model/scheduler-config.js';
import { EPHEMERAL_STORAGE, isScalarResource, type NodeInfo } from '../nodeinfo.js';
import { podResources } from '../pod-resources.js';
import type { AllocationScorer } from './allocation-scorers.js';

/**
 * resourceAllocationScorer (noderesources/resource_allocation.go): the pod's
 * request and the node's allocatable and requested amounts per configured
 * resource, fed to a scoring function. With `useRequested` false (the
 * NodeResourcesFit strategies) cpu and memory count 100m / 200Mi for each
 * container that names none, on the pod (NonMissingContainerRequests) and on
 * the node (NonZeroRequested); with it true (BalancedAllocation) the real
 * requests. An extended resource the pod does not request, or the node does
 * not offer, is left out.
 */
export class ResourceAllocation {
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly useRequested: boolean,
    private readonly scorer: AllocationScorer,
  ) {
    this.requested = new Float64Array(resources.length);
    this.allocatable = new Float64Array(resources.length);
  }

  /** calculatePodResourceRequestList. */
  podRequests(pod: Pod): number[] {
    const r = podResources(pod);
    return this.resources.map(({ name }) => {
      if (!this.useRequested && name === CPU) return r.nonZeroCpu;
      if (!this.useRequested && name === MEMORY) return r.nonZeroMemory;
      return r.requests[name] ?? 0;
    });
  }

  /** The node's score for a pod whose request list is `podRequests`. */
  score(nodeInfo: NodeInfo, podRequests: readonly number[]): number {
    for (let i = 0; i < this.resources.length; i++) {
      const name = (this.resources[i] as ResourceSpec).name;
      const podRequest = podRequests[i] ?? 0;
      const alloc = this.allocatableOf(nodeInfo, name, podRequest);
      this.allocatable[i] = alloc;
      this.requested[i] = alloc === 0 ? 0 : this.requestedOf(nodeInfo, name) + podRequest;
    }
    return this.scorer(this.requested, this.allocatable);
  }

  private allocatableOf(info: NodeInfo, name: string, podRequest: number): number {
    if (name === CPU || name === MEMORY || name === EPHEMERAL_STORAGE) return info.allocatable(name);
    if (!isScalarResource(name) || podRequest === 0) return 0;
    return info.allocatable(name);
  }

  private requestedOf(info: NodeInfo, name: string): number {
    if (!this.useRequested && name === CPU) return info.nonZeroCpu;
    if (!this.useRequested && name === MEMORY) return info.nonZeroMemory;
    return info.requestedOf(name);
  }
}
