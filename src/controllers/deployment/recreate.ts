import type { Cluster } from '../../api/cluster.js';
import type { Deployment, ReplicaSet } from '../../model/workloads.js';
import { deploymentComplete } from './conditions.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.js';
import { filterActive, statusCount } from './replicasets.js';
import type { DeploymentWriter } from './sync.js';

/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go): scale every
 * old ReplicaSet to 0, wait until none of their pods is left running (pods
 * still terminating count), then create the new ReplicaSet at full size.
 * False when the sync must be retried (a name collision).
 */
export function rolloutRecreate(w: DeploymentWriter, d: Deployment, rsList: readonly ReplicaSet[]): boolean {
  let rss = getAllReplicaSetsAndSyncRevision(w, d, rsList, false)!;
  let scaledDown = false;
  for (const rs of filterActive(rss.oldRSs)) scaledDown = w.scaleAndRecord(rs, 0, d) || scaledDown;
  if (scaledDown || oldPodsRunning(w.cluster, rss.newRS, rss.oldRSs, rsList)) {
    w.syncRolloutStatus(d, rss);
    return true;
  }
  if (!rss.newRS) {
    const created = getAllReplicaSetsAndSyncRevision(w, d, rsList, true);
    if (!created?.newRS) return false;
    rss = created;
  }
  w.scaleAndRecord(rss.newRS!, d.spec.replicas, d);
  if (deploymentComplete(d, d.status)) w.cleanupDeployment(rss.oldRSs, d);
  w.syncRolloutStatus(d, rss);
  return true;
}

/**
 * oldPodsRunning: an old ReplicaSet still reports replicas, or one of its pods
 * (terminating or not) is in a non-terminal phase.
 */
export function oldPodsRunning(
  cluster: Cluster,
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
  rsList: readonly ReplicaSet[],
): boolean {
  if (statusCount(oldRSs, 'replicas') > 0) return true;
  return rsList.some(
    (rs) =>
      rs !== newRS &&
      [...cluster.podsOwnedBy(rs.metadata.uid)].some((p) => p.status.phase !== 'Failed' && p.status.phase !== 'Succeeded'),
  );
}

