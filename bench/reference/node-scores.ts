import { matchesNodeSelectorTerms } from '../../src/model/labels.js';
import { normalizeImage } from '../../src/model/images.js';
import type { Pod } from '../../src/model/pod.js';
import { tolerated } from './node-filters.js';
import { nonZeroRequestedOnNode, nonZeroRequests, requestedOnNode, requests, type RefNode } from './snapshot.js';

/**
 * The score plugins that look at one node at a time, each returning the
 * normalized scores (0..100) of the feasible nodes in order, or undefined
 * when upstream's PreScore returns Skip.
 */

const MAX = 100;

/** helper.DefaultNormalizeScore: scale to the maximum (integer division); `reverse` flips. */
export function defaultNormalize(raw: readonly number[], reverse: boolean): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map((s) => (reverse ? MAX : s));
  return raw.map((s) => {
    const scaled = Math.trunc((MAX * s) / max);
    return reverse ? MAX - scaled : scaled;
  });
}

/** TaintToleration: untolerated PreferNoSchedule taints, counted against tolerations with effect PreferNoSchedule or none; fewer is better. */
export function taintTolerationScores(pod: Pod, feasible: readonly RefNode[]): number[] {
  const tolerations = pod.spec.tolerations.filter((t) => t.effect === undefined || t.effect === 'PreferNoSchedule');
  const raw = feasible.map((n) => n.node.taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerated(tolerations, t)).length);
  return defaultNormalize(raw, true);
}

/** NodeAffinity: the sum of the weights of matching preferred terms (weight-0 and empty terms ignored). */
export function nodeAffinityScores(pod: Pod, feasible: readonly RefNode[]): number[] | undefined {
  const preferred = pod.spec.affinity?.nodeAffinity?.preferred;
  if (preferred === undefined) return undefined;
  const terms = preferred.filter(
    (p) => p.weight !== 0 && ((p.preference.matchExpressions ?? []).length > 0 || (p.preference.matchFields ?? []).length > 0),
  );
  const raw = feasible.map((n) => terms.reduce((sum, p) => (matchesNodeSelectorTerms([p.preference], n.node) ? sum + p.weight : sum), 0));
  return defaultNormalize(raw, false);
}

/** leastRequestedScore: ((capacity - requested) x 100) / capacity, 0 when over capacity. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX) / capacity);
}

/**
 * NodeResourcesFit score, LeastAllocated over cpu and memory (weight 1
 * each), on non-zero requests (100m / 200Mi for containers naming none) on
 * both the node and the pod side.
 */
export function leastAllocatedScores(pod: Pod, feasible: readonly RefNode[]): number[] {
  const want = nonZeroRequests(pod);
  return feasible.map((n) => {
    const used = nonZeroRequestedOnNode(n);
    let sum = 0;
    let weights = 0;
    for (const name of ['cpu', 'memory'] as const) {
      const capacity = n.node.allocatable[name] ?? 0;
      if (capacity === 0) continue;
      sum += leastRequested(used[name] + (want[name] ?? 0), capacity);
      weights += 1;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  });
}

/**
 * NodeResourcesBalancedAllocation on real requests: (1 - std of the
 * requested fractions of cpu and memory) x 100, truncated. Skips pods that
 * request neither (best effort, kubernetes #129138).
 */
export function balancedAllocationScores(pod: Pod, feasible: readonly RefNode[]): number[] | undefined {
  const want = requests(pod);
  if ((want.cpu ?? 0) === 0 && (want.memory ?? 0) === 0) return undefined;
  return feasible.map((n) => {
    const used = requestedOnNode(n);
    const fractions: number[] = [];
    for (const name of ['cpu', 'memory'] as const) {
      const capacity = n.node.allocatable[name] ?? 0;
      if (capacity === 0) continue;
      fractions.push(Math.min(1, ((used[name] ?? 0) + (want[name] ?? 0)) / capacity));
    }
    let std = 0;
    if (fractions.length === 2) std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
    else if (fractions.length > 2) {
      const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
      std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) * (f - mean), 0) / fractions.length);
    }
    return Math.trunc((1 - std) * MAX);
  });
}

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/**
 * ImageLocality: for each (init and app) container whose image the node
 * holds, size x (nodes holding it / all nodes), summed, clamped to
 * [23Mi, 1000Mi x containers] and scaled to 0..100.
 */
export function imageLocalityScores(
  pod: Pod,
  feasible: readonly RefNode[],
  nodes: readonly RefNode[],
  sizes: ReadonlyMap<string, number>,
): number[] {
  const containers = [...pod.spec.initContainers, ...pod.spec.containers];
  const holders = (image: string) => nodes.filter((n) => n.node.images.some((i) => normalizeImage(i) === image)).length;
  const maxThreshold = MAX_CONTAINER_THRESHOLD * containers.length;
  return feasible.map((n) => {
    let sum = 0;
    for (const c of containers) {
      const image = normalizeImage(c.image);
      if (!n.node.images.some((i) => normalizeImage(i) === image)) continue;
      sum += Math.trunc((sizes.get(image) ?? 0) * (holders(image) / nodes.length));
    }
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
    return Math.trunc((MAX * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  });
}
