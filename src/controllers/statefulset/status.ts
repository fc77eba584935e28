import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import type { StatefulSet, StatefulSetStatus } from '../../model/workloads.js';
import { isRunningAndAvailable, isRunningAndReady, isTerminating, podRevision } from './pods.js';

/** The status of a StatefulSet nobody has synced yet. */
export function emptyStatefulSetStatus(): StatefulSetStatus {
  return {
    observedGeneration: 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: '',
    updateRevision: '',
    collisionCount: 0,
  };
}

/**
 * updateStatus / computeReplicaStatus (stateful_set_control.go): over the
 * pods given (every pod in the API counts as created), the ready and
 * available ones, and among those not terminating, the pods at the current
 * and at the update revision.
 */
export function countReplicas(status: StatefulSetStatus, pods: Iterable<Pod>, minReadySeconds: number, now: Millis): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const pod of pods) {
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas++;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas++;
    }
    if (!isTerminating(pod)) {
      const revision = podRevision(pod);
      if (revision === status.currentRevision) status.currentReplicas++;
      if (revision === status.updateRevision) status.updatedReplicas++;
    }
  }
}

/** completeRollingUpdate: a RollingUpdate whose pods are all updated and ready makes the update revision current. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  if (set.spec.updateStrategy.type === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: whether `next` differs from what the set holds. */
export function inconsistentStatus(set: StatefulSet, next: StatefulSetStatus): boolean {
  const s = set.status;
  return (
    next.observedGeneration > s.observedGeneration ||
    next.replicas !== s.replicas ||
    next.currentReplicas !== s.currentReplicas ||
    next.readyReplicas !== s.readyReplicas ||
    next.updatedReplicas !== s.updatedReplicas ||
    next.availableReplicas !== s.availableReplicas ||
    next.currentRevision !== s.currentRevision ||
    next.updateRevision !== s.updateRevision
  );
}
