import type { Millis } from '../../model/meta.js';
import type { Deployment, DeploymentStatus, WorkloadCondition } from '../../model/workloads.js';

/** Deployment condition types and reasons, verbatim (k8s.io/api/apps/v1, deployment_util.go). */
export const CONDITION = { Available: 'Available', Progressing: 'Progressing', ReplicaFailure: 'ReplicaFailure' } as const;

export const REASON = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  DeploymentPaused: 'DeploymentPaused',
  DeploymentResumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** math.MaxInt32: progressDeadlineSeconds or revisionHistoryLimit meaning "none". */
export const MAX_INT32 = 2 ** 31 - 1;

type Status = WorkloadCondition['status'];

/** NewDeploymentCondition: updated and transitioned now. */
export function newCondition(type: string, status: Status, reason: string, message: string, now: Millis): WorkloadCondition {
  return { type, status, reason, message, lastTransitionTime: now, lastUpdateTime: now };
}

export function getCondition(status: DeploymentStatus, type: string): WorkloadCondition | undefined {
  return status.conditions.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: nothing when a condition of that type already has
 * this status and reason; otherwise it replaces it (moved to the end), keeping
 * the old lastTransitionTime when the status is the same.
 */
export function setCondition(status: DeploymentStatus, c: WorkloadCondition): void {
  const current = getCondition(status, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next = current && current.status === c.status ? { ...c, lastTransitionTime: current.lastTransitionTime } : c;
  status.conditions = [...status.conditions.filter((x) => x.type !== c.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

export const hasProgressDeadline = (d: Deployment) => d.spec.progressDeadlineSeconds !== MAX_INT32;
export const hasRevisionHistoryLimit = (d: Deployment) => d.spec.revisionHistoryLimit !== MAX_INT32;

/** DeploymentComplete: every desired replica updated and available, no old one left, this generation seen. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const n = d.spec.replicas;
  return s.updatedReplicas === n && s.replicas === n && s.availableReplicas === n && s.observedGeneration >= d.metadata.generation;
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than the current status. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status;
  return (
    s.updatedReplicas > old.updatedReplicas ||
    s.replicas - s.updatedReplicas < old.replicas - old.updatedReplicas ||
    s.readyReplicas > old.readyReplicas ||
    s.availableReplicas > old.availableReplicas
  );
}

/**
 * DeploymentTimedOut: the Progressing condition was last updated more than
 * progressDeadlineSeconds ago (or already says ProgressDeadlineExceeded);
 * never after NewReplicaSetAvailable.
 */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Millis): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, CONDITION.Progressing);
  if (!c || c.reason === REASON.NewReplicaSetAvailable) return false;
  if (c.reason === REASON.ProgressDeadlineExceeded) return true;
  return (c.lastUpdateTime ?? c.lastTransitionTime) + d.spec.progressDeadlineSeconds * 1000 < now;
}
