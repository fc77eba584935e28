import { matchesLabelSelector } from '../../model/labels.js';
import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import { isPodAvailable, isPodReady, readySince } from '../../model/podutil.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../model/workloads.js';

/**
 * calculateStatus (pkg/controller/replicaset/replica_set_utils.go): the status
 * from the active pods alone, recomputed from scratch. `observedGeneration`
 * is the object's generation (updateReplicaSetStatus sets it on write).
 */
export function calculateStatus(rs: ReplicaSet, activePods: readonly Pod[], now: Millis): ReplicaSetStatus {
  const templateLabels = { matchLabels: rs.spec.template.labels };
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    if (matchesLabelSelector(templateLabels, pod.metadata.labels)) fullyLabeled++;
    if (!isPodReady(pod)) continue;
    ready++;
    if (isPodAvailable(pod, rs.spec.minReadySeconds, now)) available++;
  }
  return {
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation,
  };
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

/**
 * When the next ready pod becomes available (Ready for minReadySeconds), if
 * one is still waiting: the controller resyncs then, so availability shows
 * at that instant (upstream requeues minReadySeconds + 1 s after the pod
 * turned Ready, to absorb clock skew podsim does not have).
 */
export function nextAvailableAt(pods: readonly Pod[], minReadySeconds: number, now: Millis): Millis | undefined {
  if (minReadySeconds === 0) return undefined;
  let next: Millis | undefined;
  for (const pod of pods) {
    const since = readySince(pod);
    if (since === undefined) continue;
    const at = since + minReadySeconds * 1000;
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}
