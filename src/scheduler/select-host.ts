import type { Rng } from '../engine/random.js';
import type { NodePluginScores } from './framework.js';
import type { NodeInfo } from './nodeinfo.js';

/**
 * selectHost: the highest total wins; among equal totals each is equally
 * likely, as with upstream's reservoir sampling (rand.Intn(count) == 0
 * replaces). podsim draws once instead of once per tie: when `count` nodes
 * tie, one draw picks the k-th of them in node order (no draw without a tie).
 */
export function selectHost(scores: readonly NodePluginScores[], rng: Rng): string {
  const totals = Float64Array.from(scores, (s) => s.totalScore);
  const i = selectIndex(totals, scores.length, rng);
  return i < 0 ? '' : (scores[i] as NodePluginScores).name;
}

/** selectHost over a totals column aligned with `nodes`. */
export function selectHostByTotals(nodes: readonly NodeInfo[], totals: Float64Array, rng: Rng): string {
  const i = selectIndex(totals, nodes.length, rng);
  return i < 0 ? '' : (nodes[i] as NodeInfo).name;
}

/** The index selectHost picks among totals[0..n): the k-th of the highest, k drawn once when several tie; -1 when n is 0. */
export function selectIndex(totals: Float64Array, n: number, rng: Rng): number {
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
