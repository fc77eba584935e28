import type { Rng } from '../engine/random.js';

/**
 * selectHost over a totals column aligned with `nodes`: the highest total
 * wins; among equal totals each is equally likely, as with upstream's
 * reservoir sampling (rand.Intn(count) == 0 replaces). podsim draws once
 * instead of once per tie: when `count` nodes tie, one draw picks the k-th of
 * them in node order (no draw without a tie). '' when there is no node.
 */
export function selectHostByTotals(nodes: readonly { readonly name: string }[], totals: Float64Array, rng: Rng): string {
  const i = selectIndex(totals, nodes.length, rng);
  return i < 0 ? '' : (nodes[i] as { readonly name: string }).name;
}

/** The index selectHostByTotals picks among totals[0..n): the k-th of the highest, k drawn once when several tie; -1 when n is 0. */
function selectIndex(totals: Float64Array, n: number, rng: Rng): number {
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = totals[i] as number;
    if (t > max) {
      max = t;
      count = 1;
    } else if (t === max) count++;
  }
  let k = count > 1 ? Math.floor(rng() * count) : 0;
  for (let i = 0; i < n; i++) if (totals[i] === max && k-- === 0) return i;
  return -1;
}
