import type { Millis } from '../../model/meta.js';
import type { ContainerStatus, Pod, PodPhase, TerminatedState } from '../../model/pod.js';
import { podRestarts } from '../../model/podutil.js';
import type { Field } from './csv-file.js';
import { timeField } from './format.js';
import type { NodeRow } from './node-usage.js';

export const PODS_HEADER = [
  'namespace',
  'name',
  'owner_kind',
  'owner_name',
  'node',
  'created_s',
  'scheduled_s',
  'running_s',
  'finished_s',
  'deleted_s',
  'final_phase',
  'reason',
  'restarts',
  'exit_code',
  'scheduling_attempts',
] as const;

/**
 * What the trace remembers of one pod while it lives (its row is built from
 * it at the end). Every field is set at creation, so that records share one
 * shape and keep their fields in the object.
 */
export interface PodRecord {
  /** The live object; cleared once the row is built. */
  pod: Pod | undefined;
  readonly created: Millis;
  scheduled: Millis | undefined;
  running: Millis | undefined;
  finished: Millis | undefined;
  deleted: Millis | undefined;
  /** The reason given with the last phase change ('' for none). */
  phaseReason: string;
  failedScheduling: number;
  scheduledEvents: number;
  /** The row of the node its requests are charged to, while bound and not terminal. */
  charged: NodeRow | undefined;
  /** Its place in creation order (set by PodsCsv.add). */
  index: number;
}

/**
 * How a pod ended, for the printed summary: deleted before it finished (an
 * eviction, a preemption, or its controller or a user: a rolling update, a
 * scale-down), or else its final phase.
 */
export type PodEnding = PodPhase | 'Evicted' | 'Preempted' | 'Deleted';

/** The facts of a pod at its end that the summary counts. */
export interface PodOutcome {
  readonly phase: PodPhase;
  readonly restarts: number;
  readonly evicted: boolean;
  readonly unschedulable: boolean;
  /** How it ended (PodEnding); the phase when not given. */
  readonly ending?: PodEnding;
  /** It had at least one FailedScheduling. */
  readonly failedScheduling?: boolean;
}

export function newRecord(pod: Pod): PodRecord {
  return {
    pod,
    created: pod.metadata.creationTimestamp,
    scheduled: undefined,
    running: undefined,
    finished: undefined,
    deleted: undefined,
    phaseReason: '',
    failedScheduling: 0,
    scheduledEvents: 0,
    charged: undefined,
    index: 0,
  };
}

/** Times the scheduler tried the pod: its FailedScheduling events plus its Scheduled one. */
export function schedulingAttempts(r: PodRecord): number {
  return r.failedScheduling + r.scheduledEvents;
}

/** The pod's outcome and pods.csv row, from the record and the pod's final status. */
export function finalRow(r: PodRecord, pod: Pod): { row: Field[]; outcome: PodOutcome } {
  const owner = pod.metadata.ownerReferences.find((o) => o.controller);
  const restarts = podRestarts(pod);
  const exit = lastTermination(pod);
  const row: Field[] = [
    pod.metadata.namespace,
    pod.metadata.name,
    owner?.kind,
    owner?.name,
    pod.spec.nodeName,
    timeField(r.created),
    timeField(r.scheduled),
    timeField(r.running),
    timeField(r.finished),
    timeField(r.deleted),
    pod.status.phase,
    pod.status.reason ?? r.phaseReason,
    String(restarts),
    exit === undefined ? undefined : String(exit.exitCode),
    String(schedulingAttempts(r)),
  ];
  const evicted = isEvicted(pod);
  const deletedEarly = r.deleted !== undefined && (r.finished === undefined || r.finished >= r.deleted);
  const outcome: PodOutcome = {
    phase: pod.status.phase,
    restarts,
    evicted,
    unschedulable: r.failedScheduling > 0 && r.scheduled === undefined,
    ending: !deletedEarly ? pod.status.phase : evicted ? 'Evicted' : isPreempted(pod) ? 'Preempted' : 'Deleted',
    failedScheduling: r.failedScheduling > 0,
  };
  return { row, outcome };
}

/** Reasons of the DisruptionTarget condition that mean an eviction (taint manager, Eviction API, kubelet). */
const EVICTION_REASONS: ReadonlySet<string> = new Set(['DeletionByTaintManager', 'EvictionByEvictionAPI', 'TerminationByKubelet']);

/** Evicted: status.reason Evicted (kubelet pressure) or a DisruptionTarget condition of an eviction. */
export function isEvicted(pod: Pod): boolean {
  return (
    pod.status.reason === 'Evicted' ||
    pod.status.conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && EVICTION_REASONS.has(c.reason ?? ''))
  );
}

/** Preempted: the DisruptionTarget condition kube-scheduler sets on a victim (PodReasonPreemptionByScheduler). */
function isPreempted(pod: Pod): boolean {
  return pod.status.conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

/**
 * The latest termination of any container (init or app; current state or
 * lastState), by finishedAt; on a tie the later container in spec order
 * (init containers first) wins.
 */
export function lastTermination(pod: Pod): TerminatedState | undefined {
  let last: TerminatedState | undefined;
  const consider = (t: TerminatedState | undefined): void => {
    if (t !== undefined && (last === undefined || t.finishedAt >= last.finishedAt)) last = t;
  };
  const visit = (statuses: readonly ContainerStatus[]): void => {
    for (const s of statuses) {
      consider(s.lastTerminationState);
      consider(s.state.state === 'terminated' ? s.state : undefined);
    }
  };
  visit(pod.status.initContainerStatuses);
  visit(pod.status.containerStatuses);
  return last;
}
