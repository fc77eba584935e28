import { goQuote } from '../../model/goquote.js';
import type { Millis } from '../../model/meta.js';
import type { Deployment, DeploymentStatus, ReplicaSet, WorkloadCondition } from '../../model/workloads.js';
import {
  CONDITION,
  REASON,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  removeCondition,
  setCondition,
} from './conditions.js';
import { maxUnavailable } from './replicas.js';
import { replicaCount, statusCount } from './replicasets.js';

/** The status of a Deployment nobody has synced yet. */
export function emptyDeploymentStatus(): DeploymentStatus {
  return { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, observedGeneration: 0, conditions: [] };
}

/**
 * calculateStatus (pkg/controller/deployment/sync.go): counts from the
 * ReplicaSets' statuses (the ReplicaSet controller's view of the pods), the
 * conditions carried over, and Available set from the minimum availability.
 */
export function calculateStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: Millis): DeploymentStatus {
  const available = statusCount(allRSs, 'availableReplicas');
  const status: DeploymentStatus = {
    replicas: statusCount(allRSs, 'replicas'),
    updatedReplicas: newRS ? newRS.status.replicas : 0,
    readyReplicas: statusCount(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicaCount(allRSs) - available),
    observedGeneration: d.metadata.generation,
    conditions: [...d.status.conditions],
    ...(d.status.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  const c =
    available >= d.spec.replicas - maxUnavailable(d)
      ? newCondition(CONDITION.Available, 'True', REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', now)
      : newCondition(CONDITION.Available, 'False', REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now);
  setCondition(status, c);
  return status;
}

/** The subject of the Progressing messages: the new ReplicaSet, else the Deployment. */
const subject = (d: Deployment, newRS: ReplicaSet | undefined) =>
  newRS ? `ReplicaSet ${goQuote(newRS.metadata.name)}` : `Deployment ${goQuote(d.metadata.name)}`;

/**
 * syncRolloutStatus's new status: calculateStatus plus the Progressing
 * condition, estimated only while a rollout with a deadline is unfinished:
 * NewReplicaSetAvailable when complete, ReplicaSetUpdated (lastUpdateTime
 * now) on any progress, ProgressDeadlineExceeded past the deadline.
 */
export function rolloutStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: Millis): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, CONDITION.Progressing);
  const current = getCondition(d.status, CONDITION.Progressing);
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === REASON.NewReplicaSetAvailable;
  if (!hasProgressDeadline(d) || isComplete) return status;
  const who = subject(d, newRS);
  if (deploymentComplete(d, status)) {
    setCondition(status, newCondition(CONDITION.Progressing, 'True', REASON.NewReplicaSetAvailable, `${who} has successfully progressed.`, now));
  } else if (deploymentProgressing(d, status)) {
    let c: WorkloadCondition = newCondition(CONDITION.Progressing, 'True', REASON.ReplicaSetUpdated, `${who} is progressing.`, now);
    if (current) {
      if (current.status === 'True') c = { ...c, lastTransitionTime: current.lastTransitionTime };
      removeCondition(status, CONDITION.Progressing);
    }
    setCondition(status, c);
  } else if (deploymentTimedOut(d, status, now)) {
    setCondition(status, newCondition(CONDITION.Progressing, 'False', REASON.ProgressDeadlineExceeded, `${who} has timed out progressing.`, now));
  }
  return status;
}

function conditionEqual(a: WorkloadCondition, b: WorkloadCondition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.lastTransitionTime === b.lastTransitionTime &&
    a.lastUpdateTime === b.lastUpdateTime
  );
}

/** reflect.DeepEqual of two statuses. */
export function statusEqual(a: DeploymentStatus, b: DeploymentStatus): boolean {
  return (
    a.replicas === b.replicas &&
    a.updatedReplicas === b.updatedReplicas &&
    a.readyReplicas === b.readyReplicas &&
    a.availableReplicas === b.availableReplicas &&
    a.unavailableReplicas === b.unavailableReplicas &&
    a.observedGeneration === b.observedGeneration &&
    a.collisionCount === b.collisionCount &&
    a.conditions.length === b.conditions.length &&
    a.conditions.every((c, i) => conditionEqual(c, b.conditions[i]!))
  );
}

/**
 * requeueStuckDeployment: when to check an unfinished rollout for its
 * deadline, in ms from now: lastUpdateTime + progressDeadlineSeconds + 1 s
 * (AddAfter's margin), or 0 when less than a second is left: then upstream
 * requeues it rate-limited (enqueueRateLimited), again at every sync until
 * the rollout completes or times out. Undefined: no check needed.
 */
export function stuckRequeueDelay(d: Deployment, newStatus: DeploymentStatus, now: Millis): Millis | undefined {
  const current = getCondition(d.status, CONDITION.Progressing);
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, newStatus) || current.reason === REASON.ProgressDeadlineExceeded) return undefined;
  const after = (current.lastUpdateTime ?? current.lastTransitionTime) + d.spec.progressDeadlineSeconds * 1000 - now;
  return after < 1000 ? 0 : after + 1000;
}
