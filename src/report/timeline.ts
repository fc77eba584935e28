/**
 * The report's time axis: [0, durationS] cut into `count` equal bins. Bin k
 * covers (k*width, (k+1)*width]; a change at t lands in the bin whose end is
 * the first at or after t, so a series read at bin ends shows the state at
 * the end of each bin (t = 0 falls in bin 0).
 */
export class Timeline {
  readonly width: number;

  constructor(
    readonly durationS: number,
    readonly count: number,
  ) {
    this.width = durationS > 0 ? durationS / count : 1;
  }

  /** The bin a time falls in, clamped to the axis. */
  bin(t: number): number {
    if (!(t > 0)) return 0;
    return Math.min(this.count - 1, Math.max(0, Math.ceil(t / this.width) - 1));
  }

  /** The time at the end of bin k. */
  end(k: number): number {
    return Math.min(this.durationS, (k + 1) * this.width);
  }
}

/**
 * A count that steps up and down at instants (pods in a phase, a workload's
 * running pods), kept as per-bin deltas: O(bins) memory whatever the number
 * of changes. `values()` gives the count at the end of each bin.
 */
export class StepCount {
  private readonly deltas: Float64Array;

  constructor(private readonly timeline: Timeline) {
    this.deltas = new Float64Array(timeline.count);
  }

  add(t: number, delta: number): void {
    const k = this.timeline.bin(t);
    this.deltas[k] = (this.deltas[k] ?? 0) + delta;
  }

  values(): number[] {
    const out: number[] = [];
    let level = 0;
    for (const d of this.deltas) out.push((level += d));
    return out;
  }
}

/** A tally of instants per bin (restarts, evictions). */
export class BinCount {
  readonly counts: number[];

  constructor(private readonly timeline: Timeline) {
    this.counts = new Array<number>(timeline.count).fill(0);
  }

  add(t: number, n = 1): void {
    const k = this.timeline.bin(t);
    this.counts[k] = (this.counts[k] ?? 0) + n;
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }
}
