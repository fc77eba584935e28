import type { RandomStreams, Rng } from '../engine/random.js';
import type { Pod } from '../model/pod.js';

/** What a container's run draws: its length, and whether it fails. */
export type DrawPurpose = 'durations' | 'exits';

/**
 * The random stream a container draws from: one per purpose, workload and
 * container name, `durations/<namespace>/<Kind>/<owner>/<container>` (the
 * pod's controller: a Job, a ReplicaSet...; a bare pod is its own,
 * `Pod/<name>`). So the k-th run of a workload's container draws the same
 * numbers whatever else the cluster holds: two sweep grid points with the
 * same seed give each workload the same lengths and outcomes in the order
 * its containers start (common random numbers), where one shared stream
 * would hand them out in the cluster-wide start order, which capacity
 * changes. One stream per workload and container: memory grows with
 * workloads, not pods.
 */
export function workloadDraws(streams: RandomStreams): (purpose: DrawPurpose, pod: Pod, container: string) => Rng {
  return (purpose, pod, container) => {
    const owner = pod.metadata.ownerReferences.find((r) => r.controller);
    const who = owner === undefined ? `Pod/${pod.metadata.name}` : `${owner.kind}/${owner.name}`;
    return streams.stream(`${purpose}/${pod.metadata.namespace}/${who}/${container}`);
  };
}
