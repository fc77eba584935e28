import type { Cluster } from '../../api/cluster.js';
import type { Pod } from '../../model/pod.js';
import { scaledValue, type PodDisruptionBudget } from '../../model/workloads.js';

/** What getExpectedPodCount works out, or why it could not. */
export type ExpectedPods =
  | { readonly expectedCount: number; readonly desiredHealthy: number; readonly unmanagedPods: readonly string[] }
  | { readonly error: string };

/**
 * getExpectedPodCount (pkg/controller/disruption/disruption.go):
 * maxUnavailable (a number or a percentage of the pods' controllers'
 * scale, rounded up): desiredHealthy = scale - maxUnavailable, at least 0;
 * minAvailable as a number: desiredHealthy = minAvailable against the pods
 * that match; as a percentage: of the scale, rounded up. Neither: 0 of 0.
 */
export function expectedPodCount(cluster: Cluster, pdb: PodDisruptionBudget, pods: readonly Pod[]): ExpectedPods {
  const { maxUnavailable, minAvailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    const scale = expectedScale(cluster, pods);
    if ('error' in scale) return scale;
    const desiredHealthy = Math.max(0, scale.expectedCount - scaledValue(maxUnavailable, scale.expectedCount, true));
    return { ...scale, desiredHealthy };
  }
  if (minAvailable === undefined) return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
  if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
  const scale = expectedScale(cluster, pods);
  if ('error' in scale) return scale;
  return { ...scale, desiredHealthy: scaledValue(minAvailable, scale.expectedCount, true) };
}

/**
 * getExpectedScale: the sum of the scale of the pods' controllers, each
 * counted once: a Deployment's replicas for the pods of its ReplicaSets, a
 * ReplicaSet's, ReplicationController's or StatefulSet's own otherwise
 * (the finders getPodReplicaSet, getPodReplicationController,
 * getPodStatefulSet). A pod without a
 * controller is unmanaged (and left out); one whose controller has no scale
 * (a Job, a DaemonSet) is an error.
 */
function expectedScale(cluster: Cluster, pods: readonly Pod[]): { expectedCount: number; unmanagedPods: string[] } | { error: string } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = pod.metadata.ownerReferences.find((r) => r.controller);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = controllerScale(cluster, pod.metadata.namespace, ref.kind, ref.name, ref.uid);
    if (found === undefined) return { error: `found no controllers for pod ${JSON.stringify(pod.metadata.name)}` };
    scales.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const n of scales.values()) expectedCount += n;
  return { expectedCount, unmanagedPods };
}

/** The finders: the controller (or, for a Deployment's ReplicaSet, the Deployment) and its spec.replicas; undefined for a kind without a finder. */
function controllerScale(cluster: Cluster, namespace: string, kind: string, name: string, uid: string): { uid: string; scale: number } | undefined {
  if (kind !== 'ReplicaSet' && kind !== 'ReplicationController' && kind !== 'Deployment' && kind !== 'StatefulSet') return undefined;
  const w = cluster.workload(kind, namespace, name);
  if (!w || w.metadata.uid !== uid || !('replicas' in w.spec)) return undefined;
  const owner = w.metadata.ownerReferences.find((r) => r.controller);
  if (kind === 'ReplicaSet' && owner?.kind === 'Deployment') {
    const d = cluster.workload('Deployment', namespace, owner.name);
    return d?.kind === 'Deployment' && d.metadata.uid === owner.uid ? { uid: d.metadata.uid, scale: d.spec.replicas } : undefined;
  }
  return { uid: w.metadata.uid, scale: w.spec.replicas };
}
