import type { ReplicaSet, ReplicaSetStatus } from '../../model/workloads.js';

/** The status of a ReplicaSet or ReplicationController nobody has synced yet. */
export function emptyReplicaSetStatus(): ReplicaSetStatus {
  return { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 0 };
}

/** updateReplicaSetStatus's steady-state test: nothing to write. */
export function statusUnchanged(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const s = rs.status;
  return (
    s.replicas === next.replicas &&
    s.fullyLabeledReplicas === next.fullyLabeledReplicas &&
    s.readyReplicas === next.readyReplicas &&
    s.availableReplicas === next.availableReplicas &&
    rs.metadata.generation === s.observedGeneration
  );
}
