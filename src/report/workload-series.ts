import type { Timeline } from './timeline.js';

/** A workload's available and desired replicas at the end of each bin; null before it existed. */
export interface WorkloadSeries {
  /** `kind/name` (`kind/namespace/name` when the name repeats), as summary.json's workloads key it. */
  readonly label: string;
  readonly desired: (number | null)[];
  readonly available: (number | null)[];
}

/** One row of workloads.csv (columns assumed: time_s, kind, namespace, name, desired, available). */
export interface WorkloadSampleRow {
  readonly timeS: number;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly desired: number;
  readonly available: number;
}

/**
 * Workload series read from workloads.csv: each row is a workload's status
 * from that time on (forward-filled), each bin showing the state at its end.
 */
export class WorkloadSamples {
  private readonly series = new Map<string, { kind: string; namespace: string; name: string; desired: (number | null)[]; available: (number | null)[] }>();

  constructor(private readonly timeline: Timeline) {}

  sample(row: WorkloadSampleRow): void {
    const key = `${row.kind}/${row.namespace}/${row.name}`;
    let s = this.series.get(key);
    if (!s) {
      const n = this.timeline.count;
      s = { kind: row.kind, namespace: row.namespace, name: row.name, desired: new Array(n).fill(null), available: new Array(n).fill(null) };
      this.series.set(key, s);
    }
    const k = this.timeline.bin(row.timeS);
    s.desired[k] = row.desired;
    s.available[k] = row.available;
  }

  /** The series in first-seen order, labelled `kind/name` (with the namespace when names repeat). */
  result(): WorkloadSeries[] {
    const names = new Map<string, number>();
    for (const s of this.series.values()) names.set(s.name, (names.get(s.name) ?? 0) + 1);
    return [...this.series.values()].map((s) => ({
      label: `${s.kind.toLowerCase()}/${(names.get(s.name) ?? 0) > 1 ? `${s.namespace}/` : ''}${s.name}`,
      desired: fill(s.desired),
      available: fill(s.available),
    }));
  }
}

/** Forward fill: a bin without a sample keeps the last value. */
export function fill(values: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = [];
  let last: number | null = null;
  for (const v of values) out.push((last = v ?? last));
  return out;
}
