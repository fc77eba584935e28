import type { Pod } from '../../model/pod.js';
import { JOB_COMPLETION_INDEX } from './constants.js';

/**
 * Sets of completion indexes as sorted, disjoint, non-adjacent closed
 * intervals: the compressed form of `status.completedIndexes` ("1,3-5,7"),
 * as orderedIntervals in pkg/controller/job/indexed_job_utils.go.
 */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

export type OrderedIntervals = readonly Interval[];

/** getCompletionIndex: the pod's index annotation as a non-negative integer, or -1. */
export function completionIndex(pod: Pod): number {
  const i = atoi(pod.metadata.annotations[JOB_COMPLETION_INDEX]);
  return i >= 0 && Number.isSafeInteger(i) ? i : -1;
}

/** strconv.Atoi: an optionally signed decimal integer, else NaN. */
function atoi(s: string | undefined): number {
  return s !== undefined && /^[+-]?[0-9]+$/.test(s) ? Number(s) : NaN;
}

/** Number of indexes held. */
export function total(oi: OrderedIntervals): number {
  let n = 0;
  for (const iv of oi) n += iv.last - iv.first + 1;
  return n;
}

/** Whether `ix` is held (binary search). */
export function has(oi: OrderedIntervals, ix: number): boolean {
  let lo = 0;
  let hi = oi.length;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    if (oi[mid]!.last >= ix) hi = mid;
    else lo = mid + 1;
  }
  return hi < oi.length && oi[hi]!.first <= ix;
}

/** The API form: two adjacent indexes are written "3,4", three or more "3-5". */
export function formatIntervals(oi: OrderedIntervals): string {
  return oi
    .map(({ first, last }) => (last === first ? `${first}` : `${first}${last === first + 1 ? ',' : '-'}${last}`))
    .join(',');
}

/**
 * succeededIndexesFromString: parses the API form, dropping indexes at or
 * above `completions` and malformed parts as the controller does.
 */
export function parseIntervals(s: string, completions: number): OrderedIntervals {
  if (s === '') return [];
  const out: Interval[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-');
    const first = atoi(a);
    if (!Number.isInteger(first)) continue;
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      last = atoi(b);
      if (!Number.isInteger(last)) continue;
      last = Math.min(last, completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) out[out.length - 1] = { first: prev.first, last };
    else out.push({ first, last });
  }
  return out;
}

/** withOrderedIndexes: the union with `indexes`, given in increasing order. */
export function withIndexes(oi: OrderedIntervals, indexes: readonly number[]): OrderedIntervals {
  return merge(oi, indexes.map((ix) => ({ first: ix, last: ix })));
}

/** The union of two ordered interval lists. */
export function merge(a: OrderedIntervals, b: OrderedIntervals): OrderedIntervals {
  const out: Interval[] = [];
  const push = (iv: Interval): void => {
    const last = out[out.length - 1];
    if (!last || iv.first > last.last + 1) out.push(iv);
    else if (iv.last > last.last) out[out.length - 1] = { first: last.first, last: iv.last };
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) push(a[i]!.first < b[j]!.first ? a[i++]! : b[j++]!);
  while (i < a.length) push(a[i++]!);
  while (j < b.length) push(b[j++]!);
  return out;
}

/** The distinct valid completion indexes of `pods`, in increasing order. */
export function indexesOf(pods: Iterable<Pod>): number[] {
  const set = new Set<number>();
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix >= 0) set.add(ix);
  }
  return [...set].sort((x, y) => x - y);
}

/**
 * firstPendingIndexes: the first `count` indexes below `completions` not in
 * `nonPending`. Cost: O(|nonPending| + count).
 */
export function firstPendingIndexes(nonPending: OrderedIntervals, count: number, completions: number): number[] {
  const out: number[] = [];
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && out.length < count && candidate < iv.first; candidate++) out.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}
