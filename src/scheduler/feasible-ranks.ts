import type { NodeInfo } from './nodeinfo.js';

/**
 * One equivalence class's feasible nodes in node-list order ("ranks"), each
 * with its total score, summarised per block of BLOCK ranks (the best total
 * and how many ranks share it). A search that would visit most nodes finds
 * its window of feasible nodes by binary search and the best total of the
 * window, its ties and the k-th tie by walking blocks, not nodes.
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
  private blockMax = new Float64Array(0);
  private blockTies = new Int32Array(0);
  /** bestOf's answer. */
  private runMax = -Infinity;
  private runTies = 0;

  /** Ranks of the feasible positions of `verdictNull` (true: the node passes), totals from `base`. */
  rebuild(all: readonly NodeInfo[], passes: (position: number) => boolean, base: Float64Array): void {
    const n = all.length;
    if (this.rankOf.length !== n) {
      this.rankOf = new Int32Array(n);
      this.positions = new Int32Array(n);
      this.totals = new Float64Array(n);
      this.blockMax = new Float64Array(Math.ceil(n / BLOCK) + 1);
      this.blockTies = new Int32Array(Math.ceil(n / BLOCK) + 1);
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
    for (let b = 0; b * BLOCK < count; b++) this.summarise(b);
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

  /** Sets a rank's total; its block's summary follows (worked out again only when its only best total drops). */
  setTotal(rank: number, total: number): void {
    const old = this.totals[rank] as number;
    if (old === total) return;
    this.totals[rank] = total;
    const block = Math.trunc(rank / BLOCK);
    const max = this.blockMax[block] as number;
    if (total > max) {
      this.blockMax[block] = total;
      this.blockTies[block] = 1;
    } else if (total === max) this.blockTies[block] = (this.blockTies[block] as number) + 1;
    else if (old === max) {
      if ((this.blockTies[block] as number) > 1) this.blockTies[block] = (this.blockTies[block] as number) - 1;
      else this.summarise(block);
    }
  }

  /** The best total over `len` ranks from `from` (wrapping), and how many ranks have it. */
  best(from: number, len: number): { max: number; ties: number } {
    let max = -Infinity;
    let ties = 0;
    for (let r = from, left = len; left > 0; ) {
      const hi = this.runEnd(r, left);
      let m: number;
      let t: number;
      if (this.wholeBlock(r, hi)) {
        m = this.blockMax[r / BLOCK] as number;
        t = this.blockTies[r / BLOCK] as number;
      } else {
        this.bestOf(r, hi);
        m = this.runMax;
        t = this.runTies;
      }
      if (m > max) {
        max = m;
        ties = t;
      } else if (m === max) ties += t;
      left -= hi - r;
      r = hi === this.count ? 0 : hi;
    }
    return { max, ties };
  }

  /** The rank of the k-th (from 0) rank with total `max` among `len` ranks from `from`, in rank order; -1 if there is none. */
  kth(from: number, len: number, max: number, k: number): number {
    let skip = k;
    for (let r = from, left = len; left > 0; ) {
      const hi = this.runEnd(r, left);
      // A whole block is passed over by its summary when the k-th is not in it; any other run is scanned.
      const block = r / BLOCK;
      const passed = this.wholeBlock(r, hi) && (this.blockMax[block] !== max || (this.blockTies[block] as number) <= skip);
      if (passed) {
        if (this.blockMax[block] === max) skip -= this.blockTies[block] as number;
      } else {
        for (let i = r; i < hi; i++) if (this.totals[i] === max && skip-- === 0) return i;
      }
      left -= hi - r;
      r = hi === this.count ? 0 : hi;
    }
    return -1;
  }

  /** The end of the run from rank `r` that stays in r's block and takes at most `left` ranks. */
  private runEnd(r: number, left: number): number {
    const blockEnd = Math.min((Math.trunc(r / BLOCK) + 1) * BLOCK, this.count);
    return Math.min(blockEnd, r + left);
  }

  /** Whether the run [r, hi) is a whole block (its summary then stands for it). */
  private wholeBlock(r: number, hi: number): boolean {
    return r % BLOCK === 0 && hi === Math.min(r + BLOCK, this.count);
  }

  private summarise(block: number): void {
    const lo = block * BLOCK;
    this.bestOf(lo, Math.min(lo + BLOCK, this.count));
    this.blockMax[block] = this.runMax;
    this.blockTies[block] = this.runTies;
  }

  /** The best total of ranks [lo, hi) and how many have it, into runMax and runTies (no object per call). */
  private bestOf(lo: number, hi: number): void {
    let max = -Infinity;
    let ties = 0;
    for (let i = lo; i < hi; i++) {
      const t = this.totals[i] as number;
      if (t > max) {
        max = t;
        ties = 1;
      } else if (t === max) ties++;
    }
    this.runMax = max;
    this.runTies = ties;
  }
}

/** Ranks per summarised block. */
const BLOCK = 64;
