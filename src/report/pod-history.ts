import { PHASES, type PodPhase } from '../model/pod.js';
import { StepCount, type Timeline } from './timeline.js';

/** Upper bounds (seconds) of the latency histogram's buckets; a last bucket takes the rest. */
export const LATENCY_BOUNDS = [0, 1, 2, 5, 10, 30, 60, 120, 300, 600] as const;

/** What a pod's row in pods.csv tells the report. */
export interface PodRow {
  readonly namespace: string;
  readonly name: string;
  readonly ownerKind: string;
  readonly ownerName: string;
  readonly createdS: number;
  readonly scheduledS: number | undefined;
  readonly runningS: number | undefined;
  /** When its deletion was requested: from then on no controller counts it, nor does the report. */
  readonly deletedS: number | undefined;
  readonly finishedS: number | undefined;
}

/** One transitions.csv row. */
export interface TransitionRow {
  readonly timeS: number;
  readonly namespace: string;
  readonly name: string;
  /** undefined on a pod's first row (its creation). */
  readonly from: PodPhase | undefined;
  readonly to: PodPhase;
}

/**
 * Pods by phase over time, and each controller's Running pods over time,
 * from pods.csv then transitions.csv (both in pod creation order, so the
 * k-th creation of a name in transitions.csv is the k-th row of that name in
 * pods.csv, which matters for names reused, as a StatefulSet's are).
 *
 * A pod counts in its phase from its creation until its deletion is
 * requested (`deleted_s`, when controllers stop counting it); phase changes
 * after that are not counted. Memory: a few numbers per pod.
 */
export class PodHistory {
  readonly phases: Record<PodPhase, StepCount>;
  /** Running pods by controller, `namespace/Kind/name`. */
  readonly runningByOwner = new Map<string, StepCount>();
  readonly scheduling: number[] = new Array<number>(LATENCY_BOUNDS.length + 1).fill(0);
  readonly startup: number[] = new Array<number>(LATENCY_BOUNDS.length + 1).fill(0);
  /** Pods deleted before they finished, by deletion time (replaced, scaled down, evicted, preempted). */
  readonly deletedBeforeEnd: { readonly timeS: number; readonly key: string }[] = [];
  private readonly instances = new Map<string, number[]>();
  private readonly created = new Map<string, number>();
  private readonly deleted: (number | undefined)[] = [];
  private readonly owner: (string | undefined)[] = [];
  private readonly phase: (PodPhase | undefined)[] = [];

  constructor(private readonly timeline: Timeline) {
    this.phases = Object.fromEntries(PHASES.map((p) => [p, new StepCount(timeline)])) as Record<PodPhase, StepCount>;
  }

  pod(row: PodRow): void {
    const id = this.deleted.length;
    const key = `${row.namespace}/${row.name}`;
    const list = this.instances.get(key);
    if (list) list.push(id);
    else this.instances.set(key, [id]);
    this.deleted.push(row.deletedS);
    this.owner.push(row.ownerKind === '' ? undefined : `${row.namespace}/${row.ownerKind}/${row.ownerName}`);
    this.phase.push(undefined);
    if (row.scheduledS !== undefined) this.scheduling[bucket(row.scheduledS - row.createdS)]! += 1;
    if (row.runningS !== undefined) this.startup[bucket(row.runningS - row.createdS)]! += 1;
    if (row.deletedS !== undefined && (row.finishedS === undefined || row.finishedS >= row.deletedS)) {
      this.deletedBeforeEnd.push({ timeS: row.deletedS, key });
    }
  }

  transition(row: TransitionRow): void {
    const key = `${row.namespace}/${row.name}`;
    let seen = this.created.get(key) ?? 0;
    if (row.from === undefined) this.created.set(key, ++seen);
    const id = this.instances.get(key)?.[seen - 1];
    if (id === undefined) return; // a pod pods.csv does not list: a trace cut short
    const deleted = this.deleted[id];
    if (deleted !== undefined && row.timeS > deleted) return;
    const before = this.phase[id];
    if (before !== undefined) this.move(id, before, row.timeS, -1);
    this.phase[id] = row.to;
    this.move(id, row.to, row.timeS, +1);
  }

  /** Takes every deleted pod out of its phase at its deletion: call once, after the last transition. */
  finish(): void {
    for (let id = 0; id < this.deleted.length; id++) {
      const deleted = this.deleted[id];
      const phase = this.phase[id];
      if (deleted !== undefined && phase !== undefined) this.move(id, phase, deleted, -1);
    }
  }

  private move(id: number, phase: PodPhase, t: number, delta: number): void {
    this.phases[phase].add(t, delta);
    const owner = this.owner[id];
    if (owner === undefined || phase !== 'Running') return;
    let running = this.runningByOwner.get(owner);
    if (!running) this.runningByOwner.set(owner, (running = new StepCount(this.timeline)));
    running.add(t, delta);
  }
}

/** The latency histogram bucket of a duration in seconds. */
export function bucket(s: number): number {
  const i = LATENCY_BOUNDS.findIndex((b) => s <= b);
  return i === -1 ? LATENCY_BOUNDS.length : i;
}
