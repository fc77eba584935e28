import type { NodeInfo } from './nodeinfo.js';

/**
 * One equivalence class's feasible nodes in node-list order ("ranks"), each
 * with its total score, summarised at two levels (the best total and how
 * many ranks share it): per SUB ranks, and per BLOCK ranks. A search that
 * would visit most nodes finds its window of feasible nodes by binary search,
 * and the best total of the window, its ties and the k-th tie by walking
 * blocks, then sub-blocks, then single ranks only at the window's two ends.
 */
export class FeasibleRanks {
  /** Ranks are valid for the class's verdicts as of the last rebuild. */
  valid = false;
  count = 0;
  /** rank -> position in the node list, and the NodeInfo there. */
  positions = new Int32Array(0);
  nodes: NodeInfo[] = [];
  /** position -> rank, -1 when the node is not feasible. */
  rankOf = new Int32Array(0);
  totals = new Float64Array(0);
  /** How many ranks have the total `best` last returned (a field: best runs for every pod). */
  bestTies = 0;
  private subMax = new Float64Array(0);
  private subTies = new Int32Array(0);
  private blockMax = new Float64Array(0);
  private blockTies = new Int32Array(0);

  /** Ranks of the feasible positions of `verdictNull` (true: the node passes), totals from `base`. */
  rebuild(all: readonly NodeInfo[], passes: (position: number) => boolean, base: Float64Array): void {
    const n = all.length;
    if (this.rankOf.length !== n) {
      this.rankOf = new Int32Array(n);
      this.positions = new Int32Array(n);
      this.totals = new Float64Array(n);
      this.subMax = new Float64Array((n >> SUB_SHIFT) + 1);
      this.subTies = new Int32Array((n >> SUB_SHIFT) + 1);
      this.blockMax = new Float64Array((n >> BLOCK_SHIFT) + 1);
      this.blockTies = new Int32Array((n >> BLOCK_SHIFT) + 1);
    }
    const nodes: NodeInfo[] = [];
    let count = 0;
    for (let p = 0; p < n; p++) {
      if (!passes(p)) {
        this.rankOf[p] = -1;
        continue;
      }
      this.rankOf[p] = count;
      this.positions[count] = p;
      this.totals[count] = base[p] as number;
      nodes.push(all[p] as NodeInfo);
      count++;
    }
    this.nodes = nodes;
    this.count = count;
    for (let s = 0; s << SUB_SHIFT < count; s++) this.summariseSub(s);
    for (let b = 0; b << BLOCK_SHIFT < count; b++) this.summariseBlock(b);
    this.valid = true;
  }

  /** The first rank whose position is at or after `position` (0 past the last: the search wraps). */
  rankAtOrAfter(position: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.positions[mid] as number) < position) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.count ? 0 : lo;
  }

  /**
   * Sets a rank's total. Its sub-block's summary follows (worked out again
   * only when its only best total drops), and when that changed, its block's
   * (from the block's sub-blocks).
   */
  setTotal(rank: number, total: number): void {
    const old = this.totals[rank] as number;
    if (old === total) return;
    this.totals[rank] = total;
    const s = rank >> SUB_SHIFT;
    const max = this.subMax[s] as number;
    if (total > max) {
      this.subMax[s] = total;
      this.subTies[s] = 1;
    } else if (total === max) this.subTies[s] = (this.subTies[s] as number) + 1;
    else if (old === max) {
      if ((this.subTies[s] as number) > 1) this.subTies[s] = (this.subTies[s] as number) - 1;
      else this.summariseSub(s);
    } else return;
    this.summariseBlock(s >> (BLOCK_SHIFT - SUB_SHIFT));
  }

  /** The best total over `len` ranks from `from` (wrapping); how many ranks have it goes into bestTies. */
  best(from: number, len: number): number {
    const count = this.count;
    let max = -Infinity;
    let ties = 0;
    for (let r = from, left = len; left > 0; ) {
      let m: number;
      let t: number;
      let step: number;
      if ((r & BLOCK_MASK) === 0 && left >= BLOCK && r + BLOCK <= count) {
        m = this.blockMax[r >> BLOCK_SHIFT] as number;
        t = this.blockTies[r >> BLOCK_SHIFT] as number;
        step = BLOCK;
      } else if ((r & SUB_MASK) === 0 && left >= SUB && r + SUB <= count) {
        m = this.subMax[r >> SUB_SHIFT] as number;
        t = this.subTies[r >> SUB_SHIFT] as number;
        step = SUB;
      } else {
        m = this.totals[r] as number;
        t = 1;
        step = 1;
      }
      if (m > max) {
        max = m;
        ties = t;
      } else if (m === max) ties += t;
      left -= step;
      r += step;
      if (r === count) r = 0;
    }
    this.bestTies = ties;
    return max;
  }

  /** The rank of the k-th (from 0) rank with total `max` among `len` ranks from `from`, in rank order; -1 if there is none. */
  kth(from: number, len: number, max: number, k: number): number {
    const count = this.count;
    let skip = k;
    for (let r = from, left = len; left > 0; ) {
      let step = 1;
      // A whole block or sub-block is passed over by its summary when the k-th is not in it, else entered.
      if ((r & BLOCK_MASK) === 0 && left >= BLOCK && r + BLOCK <= count && !this.holds(this.blockMax, this.blockTies, r >> BLOCK_SHIFT, max, skip)) {
        if (this.blockMax[r >> BLOCK_SHIFT] === max) skip -= this.blockTies[r >> BLOCK_SHIFT] as number;
        step = BLOCK;
      } else if ((r & SUB_MASK) === 0 && left >= SUB && r + SUB <= count) {
        if (this.holds(this.subMax, this.subTies, r >> SUB_SHIFT, max, skip)) {
          for (let i = r; i < r + SUB; i++) if (this.totals[i] === max && skip-- === 0) return i;
        }
        if (this.subMax[r >> SUB_SHIFT] === max) skip -= this.subTies[r >> SUB_SHIFT] as number;
        step = SUB;
      } else if (this.totals[r] === max && skip-- === 0) return r;
      left -= step;
      r += step;
      if (r === count) r = 0;
    }
    return -1;
  }

  /** Whether summary `i` has the k-th tie of `max` after `skip` earlier ones. */
  private holds(maxes: Float64Array, ties: Int32Array, i: number, max: number, skip: number): boolean {
    return maxes[i] === max && (ties[i] as number) > skip;
  }

  private summariseSub(s: number): void {
    const lo = s << SUB_SHIFT;
    const hi = Math.min(lo + SUB, this.count);
    let max = -Infinity;
    let ties = 0;
    for (let i = lo; i < hi; i++) {
      const t = this.totals[i] as number;
      if (t > max) {
        max = t;
        ties = 1;
      } else if (t === max) ties++;
    }
    this.subMax[s] = max;
    this.subTies[s] = ties;
  }

  private summariseBlock(b: number): void {
    const lo = b << (BLOCK_SHIFT - SUB_SHIFT);
    const hi = Math.min(lo + BLOCK / SUB, (this.count + SUB - 1) >> SUB_SHIFT);
    let max = -Infinity;
    let ties = 0;
    for (let s = lo; s < hi; s++) {
      const m = this.subMax[s] as number;
      if (m > max) {
        max = m;
        ties = this.subTies[s] as number;
      } else if (m === max) ties += this.subTies[s] as number;
    }
    this.blockMax[b] = max;
    this.blockTies[b] = ties;
  }
}

/** Ranks per sub-block and per block (powers of two), their shifts and masks. */
const SUB_SHIFT = 3;
const SUB = 1 << SUB_SHIFT;
const SUB_MASK = SUB - 1;
const BLOCK_SHIFT = 6;
const BLOCK = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK - 1;
