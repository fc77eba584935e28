import type { ReplicaSet, ReplicaSetStatus } from '../../model/workloads.js';

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
