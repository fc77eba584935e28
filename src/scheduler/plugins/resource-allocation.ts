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
  /** Per pod request list: scores by node index and the node generation they were computed at. */
  private readonly memos = new Map<string, ScoreMemo>();
  /** Per configured resource: how to read it (cpu, memory, ephemeral-storage, a scalar, or anything else: not offered). */
  private readonly kinds: Uint8Array;

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly useRequested: boolean,
    private readonly scorer: AllocationScorer,
  ) {
    this.requested = new Float64Array(resources.length);
    this.allocatable = new Float64Array(resources.length);
    this.kinds = Uint8Array.from(resources, ({ name }) => kindOf(name));
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

  /**
   * score for each of `nodes` into `out`, memoised per request list and node
   * generation: a node whose pods and object did not change since it was last
   * scored for the same requests keeps its score. Same values as score().
   */
  scoreNodes(nodes: readonly NodeInfo[], podRequests: readonly number[], out: number[]): void {
    const memo = this.memoFor(podRequests);
    for (let i = 0; i < nodes.length; i++) {
      const info = nodes[i] as NodeInfo;
      const idx = info.index;
      if (idx >= memo.stamps.length) memo.grow(idx + 1);
      if (memo.stamps[idx] === info.generation) {
        out[i] = memo.scores[idx] as number;
        continue;
      }
      const s = this.score(info, podRequests);
      memo.scores[idx] = s;
      memo.stamps[idx] = info.generation;
      out[i] = s;
    }
  }

  private memoFor(podRequests: readonly number[]): ScoreMemo {
    const key = podRequests.join(',');
    let memo = this.memos.get(key);
    if (memo === undefined) {
      if (this.memos.size >= MEMO_LIMIT) this.memos.delete(this.memos.keys().next().value as string);
      this.memos.set(key, (memo = new ScoreMemo()));
    }
    return memo;
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

/** Request lists remembered per scorer (the oldest is forgotten first). */
const MEMO_LIMIT = 8;

class ScoreMemo {
  stamps = new Float64Array(0);
  scores = new Float64Array(0);

  grow(size: number): void {
    const n = Math.max(size, this.stamps.length * 2);
    const stamps = new Float64Array(n).fill(-1);
    stamps.set(this.stamps);
    const scores = new Float64Array(n);
    scores.set(this.scores);
    this.stamps = stamps;
    this.scores = scores;
  }
}

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
