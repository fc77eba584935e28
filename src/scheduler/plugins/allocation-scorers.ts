import type { ResourceSpec, UtilizationShapePoint } from '../../model/scheduler-config.js';
import { MAX_NODE_SCORE } from '../framework.js';
import { leastRequestedScore } from './least-allocated.js';

/** A resourceAllocationScorer's scoring function: requested[i] already includes the pod; allocatable 0 = not offered. */
export type AllocationScorer = (requested: ArrayLike<number>, allocatable: ArrayLike<number>) => number;

/** config.MaxCustomPriorityScore: shape scores are 0..10, scaled to 0..100. */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;

/** leastResourceScorer: weighted mean of the free shares, integer division. */
export function leastAllocatedScorer(resources: readonly ResourceSpec[]): AllocationScorer {
  return weightedMean(resources, leastRequestedScore);
}

/** mostResourceScorer: weighted mean of the used shares (capped at capacity), integer division. */
export function mostAllocatedScorer(resources: readonly ResourceSpec[]): AllocationScorer {
  return weightedMean(resources, mostRequestedScore);
}

/** mostRequestedScore: requested over capacity scaled to 0..100; requests above capacity count as full. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.floor((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

function weightedMean(resources: readonly ResourceSpec[], f: (req: number, cap: number) => number): AllocationScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < resources.length; i++) {
      const cap = allocatable[i] ?? 0;
      if (cap === 0) continue;
      const w = resources[i]?.weight ?? 1;
      nodeScore += f(requested[i] ?? 0, cap) * w;
      weightSum += w;
    }
    return weightSum === 0 ? 0 : Math.floor(nodeScore / weightSum);
  };
}

/**
 * helper.BuildBrokenLinearFunction: the shape's score below its first
 * point, after its last, and linear in between (Go integer division,
 * truncating toward zero).
 */
export function brokenLinear(shape: readonly { utilization: number; score: number }[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const cur = shape[i] as { utilization: number; score: number };
      if (p <= cur.utilization) {
        if (i === 0) return cur.score;
        const prev = shape[i - 1] as { utilization: number; score: number };
        return prev.score + Math.trunc(((cur.score - prev.score) * (p - prev.utilization)) / (cur.utilization - prev.utilization));
      }
    }
    return shape[shape.length - 1]?.score ?? 0;
  };
}

/**
 * requestedToCapacityRatioScorer: utilization (requested×100/capacity,
 * integer division; 100 when over capacity) through the shape (scores ×10);
 * resources scoring 0 are left out of the mean, which is rounded.
 */
export function requestedToCapacityRatioScorer(
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): AllocationScorer {
  const f = brokenLinear(shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE) })));
  const resourceScore = (req: number, cap: number) => (cap === 0 || req > cap ? f(100) : f(Math.floor((req * 100) / cap)));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < resources.length; i++) {
      const cap = allocatable[i] ?? 0;
      if (cap === 0) continue;
      const w = resources[i]?.weight ?? 1;
      const s = resourceScore(requested[i] ?? 0, cap);
      if (s > 0) {
        nodeScore += s * w;
        weightSum += w;
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

/**
 * balancedResourceScorer: (1 − std of the requested/allocatable fractions,
 * each capped at 1) × 100, truncated; with two resources std = |f1 − f2| / 2,
 * with fewer it is 0.
 */
export const balancedResourceScorer: AllocationScorer = (requested, allocatable) => {
  let count = 0;
  let total = 0;
  let f0 = 0;
  let f1 = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i] ?? 0;
    if (cap === 0) continue;
    const f = Math.min(1, (requested[i] ?? 0) / cap);
    total += f;
    if (count === 0) f0 = f;
    else if (count === 1) f1 = f;
    count++;
  }
  let std = 0;
  if (count === 2) std = Math.abs((f0 - f1) / 2);
  else if (count > 2) {
    const mean = total / count;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      const cap = allocatable[i] ?? 0;
      if (cap === 0) continue;
      const f = Math.min(1, (requested[i] ?? 0) / cap);
      sum += (f - mean) * (f - mean);
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
};
