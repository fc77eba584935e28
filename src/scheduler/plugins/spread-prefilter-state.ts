/**
 * podtopologyspread.preFilterState (filtering.go, v1.35): per constraint,
 * the matching pods per topology value, the global minimum, and how many
 * domains sit at each count, which keeps the minimum exact in O(1) under
 * the ±1 updates of AddPod/RemovePod. MinMatchNum is MaxInt32 when no domain
 * is eligible. The per-value maps given to `build` may be borrowed (the
 * cache's, read-only): they are copied before the first update.
 */
export class SpreadPreFilterState {
  private borrowed = false;

  constructor(
    readonly tpValueToMatchNum: Map<string, number>[],
    readonly minMatchNum: number[],
    readonly domainsAtCount: Map<number, number>[],
  ) {}

  /** `borrowed`: the maps are not this state's own (copy before writing). */
  static build(counts: Map<string, number>[], borrowed = false): SpreadPreFilterState {
    const min: number[] = [];
    const hist: Map<number, number>[] = [];
    for (const m of counts) {
      let lo = MAX_INT32;
      const h = new Map<number, number>();
      for (const n of m.values()) {
        h.set(n, (h.get(n) ?? 0) + 1);
        if (n < lo) lo = n;
      }
      min.push(lo);
      hist.push(h);
    }
    const state = new SpreadPreFilterState(counts, min, hist);
    state.borrowed = borrowed;
    return state;
  }

  /** minMatchNum: 0 when fewer domains than minDomains are eligible. */
  minFor(i: number, minDomains: number): number {
    if ((this.tpValueToMatchNum[i]?.size ?? 0) < minDomains) return 0;
    return this.minMatchNum[i] ?? 0;
  }

  /** One pod more (+1) or less (−1) in the domain `value` of constraint `i`. */
  update(i: number, value: string, delta: 1 | -1): void {
    if (this.borrowed) {
      for (let k = 0; k < this.tpValueToMatchNum.length; k++) this.tpValueToMatchNum[k] = new Map(this.tpValueToMatchNum[k]);
      this.borrowed = false;
    }
    const m = this.tpValueToMatchNum[i] as Map<string, number>;
    const old = m.get(value) ?? 0;
    const cur = old + delta;
    m.set(value, cur);
    const hist = this.domainsAtCount[i] as Map<number, number>;
    const left = (hist.get(old) ?? 0) - 1;
    if (left <= 0) hist.delete(old);
    else hist.set(old, left);
    hist.set(cur, (hist.get(cur) ?? 0) + 1);
    const min = this.minMatchNum[i] ?? 0;
    if (cur < min || (old === min && !hist.has(old))) this.minMatchNum[i] = cur;
  }

  clone(): SpreadPreFilterState {
    return new SpreadPreFilterState(
      this.tpValueToMatchNum.map((m) => new Map(m)),
      [...this.minMatchNum],
      this.domainsAtCount.map((h) => new Map(h)),
    );
  }
}

const MAX_INT32 = 2147483647;
