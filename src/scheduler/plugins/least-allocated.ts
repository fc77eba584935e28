import { MAX_NODE_SCORE } from '../framework.js';

/** A resource the NodeResourcesFit scorer looks at, with its weight (config.ResourceSpec). */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** The default scoring resources (apis/config/v1/defaults.go): cpu and memory, weight 1 each. */
export const DEFAULT_SCORING_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/**
 * leastRequestedScore: the free fraction of a resource after placing the
 * pod, scaled to 0..100 with integer division; 0 when over capacity.
 */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * leastResourceScorer: the weighted mean (integer division) of the
 * per-resource scores, skipping resources the node does not offer
 * (allocatable 0). `requested[i]` already includes the incoming pod.
 */
export function leastAllocatedScore(
  requested: readonly number[],
  allocatable: readonly number[],
  resources: readonly ResourceSpec[],
): number {
  let nodeScore = 0;
  let weightSum = 0;
  resources.forEach((resource, i) => {
    const capacity = allocatable[i] ?? 0;
    if (capacity === 0) return;
    nodeScore += leastRequestedScore(requested[i] ?? 0, capacity) * resource.weight;
    weightSum += resource.weight;
  });
  return weightSum === 0 ? 0 : Math.floor(nodeScore / weightSum);
}
