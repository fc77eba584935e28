import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import type { ReplicaSet } from '../../src/model/workloads.js';
import { referenceEvaluateSampled } from './evaluate.js';
import type { ReferenceOptions } from './types.js';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind (schedule_one.go): every node below 100 nodes;
 * otherwise `percentage` of them (0 = adaptive: 50 - n/125, at least 5),
 * and never fewer than 100.
 */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct === 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * pct) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

export interface ReferenceSchedulerOptions extends ReferenceOptions {
  /** 0 (default) = adaptive; 100 = every node. */
  readonly percentageOfNodesToScore?: number;
  readonly imageSizes?: ReadonlyMap<string, number>;
  readonly workloads?: readonly ReplicaSet[];
  /** Pods already bound (spec.nodeName set) when the scheduler starts. */
  readonly pods?: readonly Pod[];
}

/**
 * A naive scheduling loop over the reference evaluation, for benchmarks:
 * one pod at a time, sampling with a rotating start index, the first of the
 * top-scoring nodes wins (upstream draws among ties; the draw changes
 * nothing the benchmark measures), binding is immediate. Holds only the list
 * of bound pods; everything else is recomputed per pod.
 */
export class ReferenceScheduler {
  private readonly pods: Pod[];
  private nextStartNodeIndex = 0;

  constructor(
    private readonly nodes: readonly Node[],
    private readonly options: ReferenceSchedulerOptions = {},
  ) {
    this.pods = [...(options.pods ?? [])];
  }

  /** Binds `pod` (sets spec.nodeName) and returns the node, or undefined when no node fits. */
  schedule(pod: Pod): string | undefined {
    const numNodesToFind = numFeasibleNodesToFind(this.options.percentageOfNodesToScore ?? 0, this.nodes.length);
    const cluster = {
      nodes: this.nodes,
      pods: this.pods,
      ...(this.options.imageSizes ? { imageSizes: this.options.imageSizes } : {}),
      ...(this.options.workloads ? { workloads: this.options.workloads } : {}),
    };
    const result = referenceEvaluateSampled(pod, cluster, this.options, { numNodesToFind, startIndex: this.nextStartNodeIndex });
    this.nextStartNodeIndex = (this.nextStartNodeIndex + result.processedNodes) % Math.max(1, this.nodes.length);
    const node = result.best[0];
    if (node === undefined) return undefined;
    pod.spec.nodeName = node;
    this.pods.push(pod);
    return node;
  }
}
