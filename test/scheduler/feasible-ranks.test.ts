import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { FeasibleRanks } from '../../src/scheduler/feasible-ranks.js';

/** The window's totals in rank order, wrapping (what best and kth summarise). */
function windowTotals(totals: readonly number[], from: number, len: number): number[] {
  return Array.from({ length: len }, (_, i) => totals[(from + i) % totals.length] as number);
}

describe('FeasibleRanks', () => {
  it('best, its ties and the k-th tie of any window match a scan of the ranks, after any total changes', () => {
    const scenario = fc.record({
      // Few distinct totals, so ties are common; up to 400 nodes (several blocks of ranks), one in ten infeasible.
      n: fc.integer({ min: 1, max: 400 }),
      totals: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 400, maxLength: 400 }),
      feasible: fc.array(fc.integer({ min: 0, max: 9 }).map((x) => x > 0), { minLength: 400, maxLength: 400 }),
      updates: fc.array(fc.tuple(fc.nat({ max: 400 }), fc.integer({ min: 0, max: 5 })), { maxLength: 60 }),
      windows: fc.array(fc.tuple(fc.nat({ max: 400 }), fc.nat({ max: 400 }), fc.nat({ max: 400 })), { minLength: 1, maxLength: 10 }),
    });
    fc.assert(
      fc.property(scenario, ({ n, totals: all, feasible, updates, windows }) => {
        const totals = all.slice(0, n);
        const nodes = Array.from({ length: n }, (_, i) => ({ name: `n${i}` }) as NodeInfo);
        const ranks = new FeasibleRanks();
        ranks.rebuild(nodes, (p) => feasible[p] === true, Float64Array.from(totals));
        const ranked = totals.filter((_, p) => feasible[p] === true);
        expect(ranks.count).toBe(ranked.length);
        if (ranked.length === 0) return;
        for (const [rank, total] of updates) {
          const r = rank % ranked.length;
          ranks.setTotal(r, total);
          ranked[r] = total;
        }
        for (const [a, b, c] of windows) {
          const from = a % ranked.length;
          const len = 1 + (b % ranked.length);
          const w = windowTotals(ranked, from, len);
          const max = Math.max(...w);
          const ties = w.filter((t) => t === max).length;
          expect(ranks.best(from, len)).toBe(max);
          expect(ranks.bestTies).toBe(ties);
          const k = c % ties;
          let seen = -1;
          const i = w.findIndex((t) => t === max && ++seen === k);
          expect(ranks.kth(from, len, max, k)).toBe((from + i) % ranked.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});
