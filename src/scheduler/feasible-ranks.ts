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
  /** bestIn's best total (a field, with bestTies). */
  private found = -Infinity;
  /** fold's tie count (a field: fold runs for every pod). */
  private folded = 0;
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
   * (blockFollows).
   */
  setTotal(rank: number, total: number): void {
    const old = this.totals[rank] as number;
    if (old === total) return;
    this.totals[rank] = total;
    const s = rank >> SUB_SHIFT;
    const max = this.subMax[s] as number;
    const ties = this.subTies[s] as number;
    if (total > max) {
      this.subMax[s] = total;
      this.subTies[s] = 1;
    } else if (total === max) this.subTies[s] = ties + 1;
    else if (old === max) {
      if (ties > 1) this.subTies[s] = ties - 1;
      else this.summariseSub(s);
    } else return;
    this.blockFollows(s >> (BLOCK_SHIFT - SUB_SHIFT), max, ties, this.subMax[s] as number, this.subTies[s] as number);
  }

  /**
   * One of block `b`'s sub-blocks went from best total `oldMax` with
   * `oldTies` ties to `newMax` with `newTies`: the block's summary follows,
   * worked out from all its sub-blocks again only when its best total had
   * ties in that sub-block alone and they dropped.
   */
  private blockFollows(b: number, oldMax: number, oldTies: number, newMax: number, newTies: number): void {
    const max = this.blockMax[b] as number;
    if (newMax > max) {
      this.blockMax[b] = newMax;
      this.blockTies[b] = newTies;
      return;
    }
    let ties = this.blockTies[b] as number;
    if (oldMax === max) ties -= oldTies;
    if (newMax === max) ties += newTies;
    if (ties > 0) this.blockTies[b] = ties;
    else this.summariseBlock(b);
  }

  /** The best total over `len` ranks from `from` (wrapping); how many ranks have it goes into bestTies. */
  best(from: number, len: number): number {
    // The window is one run of ranks, or two when it wraps past the last.
    const end = from + len;
    const count = this.count;
    this.bestIn(from, end < count ? end : count, -Infinity, 0);
    if (end > count) this.bestIn(0, end - count, this.found, this.bestTies);
    return this.found;
  }

  /**
   * The best total and its ties over ranks [lo, hi), carried on from `max`
   * and `ties`, into `found` and bestTies: single ranks up to the first
   * sub-block boundary, sub-blocks up to the first block boundary, whole
   * blocks, then sub-blocks and single ranks again to `hi`.
   */
  private bestIn(lo: number, hi: number, max: number, ties: number): void {
    const subsFrom = Math.min(hi, (lo + SUB_MASK) & ~SUB_MASK);
    const subsTo = hi & ~SUB_MASK;
    const blocksFrom = Math.max(subsFrom, Math.min(subsTo, (subsFrom + BLOCK_MASK) & ~BLOCK_MASK));
    const blocksTo = Math.max(blocksFrom, hi & ~BLOCK_MASK);
    let m = this.fold(this.totals, ONES, lo, subsFrom, 0, max, ties);
    m = this.fold(this.subMax, this.subTies, subsFrom, blocksFrom, SUB_SHIFT, m, this.folded);
    m = this.fold(this.blockMax, this.blockTies, blocksFrom, blocksTo, BLOCK_SHIFT, m, this.folded);
    m = this.fold(this.subMax, this.subTies, blocksTo, Math.max(blocksTo, subsTo), SUB_SHIFT, m, this.folded);
    this.found = this.fold(this.totals, ONES, Math.max(blocksTo, subsTo), hi, 0, m, this.folded);
    this.bestTies = this.folded;
  }

  /**
   * Folds the summaries `r >> shift`, for r from `from` to `to` in steps of
   * `1 << shift`, into the best total `max` with `n` ties: returns the best
   * total, its ties in `folded` (ties[i] of each summary; ONES: one each).
   */
  private fold(maxes: Float64Array, ties: Int32Array, from: number, to: number, shift: number, max: number, n: number): number {
    for (let r = from; r < to; r += 1 << shift) {
      const i = r >> shift;
      const m = maxes[i] as number;
      const t = ties === ONES ? 1 : (ties[i] as number);
      if (m > max) {
        max = m;
        n = t;
      } else if (m === max) n += t;
    }
    this.folded = n;
    return max;
  }

  /** The rank of the k-th (from 0) rank with total `max` among `len` ranks from `from`, in rank order; -1 if there is none. */
  kth(from: number, len: number, max: number, k: number): number {
    const end = from + len;
    const count = this.count;
    let rank = this.kthIn(from, end < count ? end : count, max, k);
    if (rank < 0 && end > count) rank = this.kthIn(0, end - count, max, -rank - 1);
    return rank < 0 ? -1 : rank;
  }

  /**
   * The k-th rank with total `max` in [lo, hi), walked as bestIn walks,
   * entering a block or sub-block only when it holds the k-th; when there is
   * none, -1 - (ties left to skip).
   */
  private kthIn(lo: number, hi: number, max: number, k: number): number {
    const totals = this.totals;
    let skip = k;
    let r = lo;
    const subsFrom = Math.min(hi, (r + SUB_MASK) & ~SUB_MASK);
    for (; r < subsFrom; r++) if (totals[r] === max && skip-- === 0) return r;
    const subsTo = hi & ~SUB_MASK;
    const blocksFrom = Math.max(r, Math.min(subsTo, (r + BLOCK_MASK) & ~BLOCK_MASK));
    let found = this.kthInSubs(r, blocksFrom, max, skip);
    if (found >= 0) return found;
    skip = -found - 1;
    r = blocksFrom;
    const blocksTo = Math.max(r, hi & ~BLOCK_MASK);
    for (; r < blocksTo; r += BLOCK) {
      if (this.blockMax[r >> BLOCK_SHIFT] !== max) continue;
      const t = this.blockTies[r >> BLOCK_SHIFT] as number;
      // The block holds it: its sub-blocks do.
      if (t > skip) return this.kthInSubs(r, r + BLOCK, max, skip);
      skip -= t;
    }
    found = this.kthInSubs(r, Math.max(r, subsTo), max, skip);
    if (found >= 0) return found;
    skip = -found - 1;
    for (r = Math.max(r, subsTo); r < hi; r++) if (totals[r] === max && skip-- === 0) return r;
    return -1 - skip;
  }

  /** kthIn over the whole sub-blocks from rank `from` to `to`: the rank, or -1 - (ties left to skip). */
  private kthInSubs(from: number, to: number, max: number, skip: number): number {
    for (let r = from; r < to; r += SUB) {
      if (this.subMax[r >> SUB_SHIFT] !== max) continue;
      const t = this.subTies[r >> SUB_SHIFT] as number;
      if (t > skip) return this.kthInSub(r, max, skip);
      skip -= t;
    }
    return -1 - skip;
  }

  /** The `skip`-th (from 0) rank with total `max` in the whole sub-block starting at rank `r`, which holds it. */
  private kthInSub(r: number, max: number, skip: number): number {
    const totals = this.totals;
    for (let i = r; ; i++) if (totals[i] === max && skip-- === 0) return i;
  }

  private summariseSub(s: number): void {
    const lo = s << SUB_SHIFT;
    this.subMax[s] = this.fold(this.totals, ONES, lo, Math.min(lo + SUB, this.count), 0, -Infinity, 0);
    this.subTies[s] = this.folded;
  }

  /** From its sub-blocks (the last one may be short). */
  private summariseBlock(b: number): void {
    const lo = b << BLOCK_SHIFT;
    this.blockMax[b] = this.fold(this.subMax, this.subTies, lo, Math.min(lo + BLOCK, this.count), SUB_SHIFT, -Infinity, 0);
    this.blockTies[b] = this.folded;
  }
}

/** fold's tie counts for single ranks: one each (never read). */
const ONES = new Int32Array(0);

/** Ranks per sub-block and per block (powers of two), their shifts and masks. */
const SUB_SHIFT = 3;
const SUB = 1 << SUB_SHIFT;
const SUB_MASK = SUB - 1;
const BLOCK_SHIFT = 6;
const BLOCK = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK - 1;
