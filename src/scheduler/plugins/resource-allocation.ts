import type { Pod } from '../../model/pod.js';
import { CPU, MEMORY } from '../../model/resources.js';
import type { ResourceSpec } from '../../model/scheduler-config.js';
import { EPHEMERAL_STORAGE, isScalarResource, type NodeInfo } from '../nodeinfo.js';
import { podResources, type PodResources } from '../pod-resources.js';
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
  /** Per configured resource: how to read it (cpu, memory, ephemeral-storage, a scalar, or anything else: not offered). */
  private readonly kinds: Uint8Array;
  /** Every configured resource is one PodResources.key covers (cpu, memory, ephemeral-storage, scalars). */
  private readonly keyCovers: boolean;
  /** podRequests' lists by PodResources.key. */
  private readonly lists = new Map<string, readonly number[]>();

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly useRequested: boolean,
    private readonly scorer: AllocationScorer,
  ) {
    this.requested = new Float64Array(resources.length);
    this.allocatable = new Float64Array(resources.length);
    this.kinds = Uint8Array.from(resources, ({ name }) => kindOf(name));
    this.keyCovers = this.kinds.every((k) => k !== KIND_OTHER);
  }

  /**
   * calculatePodResourceRequestList. Shared among pods with equal resource
   * keys (PodResources.key) when every configured resource is one the key
   * covers: read-only.
   */
  podRequests(pod: Pod): readonly number[] {
    const r = podResources(pod);
    if (!this.keyCovers) return this.requestList(r);
    if (r.key === this.last.key) return this.last.list;
    let list = this.lists.get(r.key);
    if (list === undefined) {
      if (this.lists.size >= LIST_LIMIT) this.lists.clear();
      this.lists.set(r.key, (list = this.requestList(r)));
    }
    this.last = { key: r.key, list };
    return list;
  }

  /** The last key asked about and its list (alike pods come in runs). */
  private last: { key: string | undefined; list: readonly number[] } = { key: undefined, list: [] };

  private requestList(r: PodResources): number[] {
    return this.resources.map(({ name }) => {
      if (!this.useRequested && name === CPU) return r.nonZeroCpu;
      if (!this.useRequested && name === MEMORY) return r.nonZeroMemory;
      return r.requests[name] ?? 0;
    });
  }

  /** The node's score for a pod whose request list is `podRequests`. */
  score(nodeInfo: NodeInfo, podRequests: readonly number[]): number {
    const kinds = this.kinds;
    const useRequested = this.useRequested;
    for (let i = 0; i < kinds.length; i++) {
      const podRequest = podRequests[i] ?? 0;
      let alloc = 0;
      let used = 0;
      switch (kinds[i]) {
        case KIND_CPU:
          alloc = nodeInfo.allocatableCpu;
          used = useRequested ? nodeInfo.requestedCpu : nodeInfo.nonZeroCpu;
          break;
        case KIND_MEMORY:
          alloc = nodeInfo.allocatableMemory;
          used = useRequested ? nodeInfo.requestedMemory : nodeInfo.nonZeroMemory;
          break;
        case KIND_EPHEMERAL:
          alloc = nodeInfo.allocatableEphemeral;
          used = nodeInfo.requestedEphemeral;
          break;
        case KIND_SCALAR: {
          const name = (this.resources[i] as ResourceSpec).name;
          alloc = podRequest === 0 ? 0 : nodeInfo.allocatable(name);
          used = nodeInfo.requestedOf(name);
          break;
        }
      }
      this.allocatable[i] = alloc;
      this.requested[i] = alloc === 0 ? 0 : used + podRequest;
    }
    return this.scorer(this.requested, this.allocatable);
  }
}

/** Request lists kept per scorer before they are dropped and made afresh. */
const LIST_LIMIT = 1024;

const KIND_CPU = 0;
const KIND_MEMORY = 1;
const KIND_EPHEMERAL = 2;
const KIND_SCALAR = 3;
const KIND_OTHER = 4;

function kindOf(name: string): number {
  if (name === CPU) return KIND_CPU;
  if (name === MEMORY) return KIND_MEMORY;
  if (name === EPHEMERAL_STORAGE) return KIND_EPHEMERAL;
  return isScalarResource(name) ? KIND_SCALAR : KIND_OTHER;
}
