import type { Millis } from '../../model/meta.js';
import type { Pod, PodPhase } from '../../model/pod.js';
import { isPodActive, isPodReady, readySince } from '../../model/podutil.js';

/**
 * Which pods a ReplicaSet deletes first when it scales down: `ActivePodsWithRanks.Less`
 * (pkg/controller/controller_utils.go) with PodDeletionCost (beta, on) and
 * LogarithmicScaleDown (beta, on), and `getPodsToDelete` /
 * `getPodsRankedByRelatedPodsOnSameNode` (pkg/controller/replicaset/replica_set.go).
 *
 * Timestamps are compared at the API's precision: metav1.Time serializes whole
 * seconds, so two pods created (or ready) within the same second tie on that key.
 */

/** The annotation PodDeletionCost reads (k8s.io/api/core/v1 PodDeletionCost). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** A pod with its rank: how many active related pods share its node (unassigned pods share ""). */
export interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

/** podPhaseToOrdinal: Pending < Unknown < Running (others are inactive and never ranked). */
const PHASE_ORDINAL: Partial<Record<PodPhase, number>> = { Pending: 0, Unknown: 1, Running: 2 };

const ordinal = (p: Pod) => PHASE_ORDINAL[p.status.phase] ?? 0;
const apiSeconds = (ms: Millis) => Math.floor(ms / 1000);

/**
 * GetDeletionCostFromPodAnnotations: the int32 value, 0 when absent or invalid
 * ("+1", "01", out of range are invalid).
 */
export function podDeletionCost(annotations: Readonly<Record<string, string>>): number {
  const v = annotations[POD_DELETION_COST];
  if (v === undefined || !/^(0|-?[1-9][0-9]*)$/.test(v)) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

/** maxContainerRestarts: the highest restartCount among the app containers. */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status.containerStatuses) max = Math.max(max, s.restartCount);
  return max;
}

/**
 * logarithmicRankDiff: floor(log2) of each age in nanoseconds (-1 when not
 * positive), first minus second. `t1`, `t2` are whole API seconds.
 */
export function logarithmicRankDiff(t1: number, t2: number, now: Millis): number {
  const bucket = (t: number) => {
    const ageNs = (now - t * 1000) * 1e6;
    return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
  };
  return bucket(t1) - bucket(t2);
}

/** Compares two timestamps in log2 age buckets; equal buckets fall back to the UID. */
function newerFirst(ti: number, tj: number, a: Pod, b: Pod, now: Millis): boolean {
  const diff = logarithmicRankDiff(ti, tj, now);
  if (diff === 0) return a.metadata.uid < b.metadata.uid;
  return diff < 0;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. */
export function deletesBefore(a: RankedPod, b: RankedPod, now: Millis): boolean {
  const pi = a.pod;
  const pj = b.pod;
  const ni = pi.spec.nodeName ?? '';
  const nj = pj.spec.nodeName ?? '';
  if (ni !== nj && (ni === '' || nj === '')) return ni === '';
  if (ordinal(pi) !== ordinal(pj)) return ordinal(pi) < ordinal(pj);
  const ri = isPodReady(pi);
  const rj = isPodReady(pj);
  if (ri !== rj) return !ri;
  const ci = podDeletionCost(pi.metadata.annotations);
  const cj = podDeletionCost(pj.metadata.annotations);
  if (ci !== cj) return ci < cj;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ri && rj) {
    const ti = apiSeconds(readySince(pi) ?? 0);
    const tj = apiSeconds(readySince(pj) ?? 0);
    if (ti !== tj) return newerFirst(ti, tj, pi, pj, now);
  }
  const ki = maxContainerRestarts(pi);
  const kj = maxContainerRestarts(pj);
  if (ki !== kj) return ki > kj;
  const ci2 = apiSeconds(pi.metadata.creationTimestamp);
  const cj2 = apiSeconds(pj.metadata.creationTimestamp);
  if (ci2 !== cj2) return newerFirst(ci2, cj2, pi, pj, now);
  return false;
}

/** Ranks `pods` by how many active `related` pods share their node (getPodsRankedByRelatedPodsOnSameNode). */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: Iterable<Pod>): RankedPod[] {
  const podsOnNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: podsOnNode.get(pod.spec.nodeName ?? '') ?? 0 }));
}

/**
 * getPodsToDelete: the first `diff` pods in deletion order. Sorting is stable
 * (Go's sort.Sort is not), so pods equal on every key go in list order.
 */
export function getPodsToDelete(pods: readonly Pod[], related: Iterable<Pod>, diff: number, now: Millis): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  ranked.sort((a, b) => (deletesBefore(a, b, now) ? -1 : deletesBefore(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
