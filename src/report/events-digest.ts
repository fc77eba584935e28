import { BinCount, type Timeline } from './timeline.js';

/** One events.csv row. */
export interface EventRow {
  readonly timeS: number;
  readonly type: string;
  readonly reason: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly message: string;
}

/** Warning events alike in reason, object and message, folded as `kubectl get events` folds them (COUNT, FIRST SEEN, LAST SEEN). */
export interface WarningGroup {
  readonly reason: string;
  readonly object: string;
  readonly message: string;
  readonly firstS: number;
  lastS: number;
  count: number;
}

/** A node event worth a mark on the time axis. */
export interface NodeMark {
  readonly timeS: number;
  readonly node: string;
  readonly reason: string;
}

/** Distinct Warning groups kept for the table; the rest are counted. */
export const MAX_WARNING_GROUPS = 500;

/** Node events that mark a fault or a step of one (nodelifecycle, kubelet, cloud node controller). */
const FAULT_REASONS: ReadonlySet<string> = new Set(['NodeNotReady', 'RemovingNode', 'NodeNotSchedulable']);

const SCALED = /^Scaled (?:up|down) replica set (\S+) /;
const STARTED = /^Started container (.+)$/;

/**
 * What the report takes from events.csv, in one pass: container restarts and
 * evictions over time, the Warning events folded, the node fault marks, and
 * which Deployment owns which ReplicaSet (its ScalingReplicaSet events).
 *
 * A restart is a `Started` event of a container that had started before in
 * the same pod (a `Scheduled` event begins a new pod of that name). An
 * eviction is a taint manager's `Marking for deletion` or a kubelet's
 * `Evicted` event; evictions through the Eviction API (kubectl drain) make
 * no event in Kubernetes, so they show only among the pods deleted.
 */
export class EventsDigest {
  readonly restarts: BinCount;
  readonly evictions: BinCount;
  readonly warnings: WarningGroup[] = [];
  warningsNotShown = 0;
  warningTotal = 0;
  readonly marks: NodeMark[] = [];
  /** `namespace/ReplicaSet/name` -> `namespace/Deployment/name`. */
  readonly replicaSetOwner = new Map<string, string>();
  private readonly groups = new Map<string, WarningGroup>();
  private readonly started = new Map<string, Set<string>>();

  constructor(timeline: Timeline) {
    this.restarts = new BinCount(timeline);
    this.evictions = new BinCount(timeline);
  }

  event(e: EventRow): void {
    if (e.type === 'Warning') this.warning(e);
    if (e.kind === 'Pod') this.podEvent(e);
    else if (e.kind === 'Node' && FAULT_REASONS.has(e.reason)) this.marks.push({ timeS: e.timeS, node: e.name, reason: e.reason });
    else if (e.kind === 'Deployment' && e.reason === 'ScalingReplicaSet') {
      const rs = SCALED.exec(e.message)?.[1];
      if (rs !== undefined) this.replicaSetOwner.set(`${e.namespace}/ReplicaSet/${rs}`, `${e.namespace}/Deployment/${e.name}`);
    }
  }

  private podEvent(e: EventRow): void {
    const key = `${e.namespace}/${e.name}`;
    if (e.reason === 'Scheduled') this.started.delete(key);
    else if (e.reason === 'Started') {
      const container = STARTED.exec(e.message)?.[1] ?? '';
      let seen = this.started.get(key);
      if (!seen) this.started.set(key, (seen = new Set()));
      if (seen.has(container)) this.restarts.add(e.timeS);
      else seen.add(container);
    } else if ((e.reason === 'TaintManagerEviction' && e.message.startsWith('Marking for deletion')) || e.reason === 'Evicted') {
      this.evictions.add(e.timeS);
    }
  }

  private warning(e: EventRow): void {
    this.warningTotal++;
    const object = `${e.kind.toLowerCase()}/${e.name}`;
    const key = `${e.reason}\u0000${e.namespace}\u0000${object}\u0000${e.message}`;
    const group = this.groups.get(key);
    if (group) {
      group.count++;
      group.lastS = e.timeS;
    } else if (this.warnings.length < MAX_WARNING_GROUPS) {
      const g: WarningGroup = { reason: e.reason, object, message: e.message, firstS: e.timeS, lastS: e.timeS, count: 1 };
      this.groups.set(key, g);
      this.warnings.push(g);
    } else this.warningsNotShown++;
  }
}
