import type { Deployment, ReplicaSet } from '../../model/workloads.js';
import { deploymentComplete } from './conditions.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.js';
import { maxUnavailable, newRSNewReplicas } from './replicas.js';
import { byCreationTimestamp, filterActive, replicaCount, statusCount } from './replicasets.js';
import { allOf, type DeploymentWriter } from './sync.js';

/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go): scale the
 * new ReplicaSet up as far as maxSurge allows; if it did not move, scale the
 * old ones down as far as maxUnavailable allows, unhealthy replicas first.
 * False when the sync must be retried (a name collision).
 */
export function rolloutRolling(w: DeploymentWriter, d: Deployment, rsList: readonly ReplicaSet[]): boolean {
  const rss = getAllReplicaSetsAndSyncRevision(w, d, rsList, true);
  if (!rss?.newRS) return false;
  const newRS = rss.newRS;
  const allRSs = allOf(rss);
  if (reconcileNewReplicaSet(w, allRSs, newRS, d)) {
    w.syncRolloutStatus(d, rss);
    return true;
  }
  if (reconcileOldReplicaSets(w, allRSs, filterActive(rss.oldRSs), newRS, d)) {
    w.syncRolloutStatus(d, rss);
    return true;
  }
  if (deploymentComplete(d, d.status)) w.cleanupDeployment(rss.oldRSs, d);
  w.syncRolloutStatus(d, rss);
  return true;
}

/** reconcileNewReplicaSet: true when the new ReplicaSet was scaled. */
function reconcileNewReplicaSet(w: DeploymentWriter, allRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (newRS.spec.replicas === d.spec.replicas) return false;
  if (newRS.spec.replicas > d.spec.replicas) return w.scaleAndRecord(newRS, d.spec.replicas, d);
  return w.scaleAndRecord(newRS, newRSNewReplicas(d, allRSs, newRS), d);
}

/**
 * reconcileOldReplicaSets: at most allPods - minAvailable - newRSUnavailable
 * old replicas go, the unhealthy ones first; true when any went.
 */
function reconcileOldReplicaSets(
  w: DeploymentWriter,
  allRSs: readonly ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = d.spec.replicas - maxUnavailable(d);
  const newRSUnavailable = newRS.spec.replicas - newRS.status.availableReplicas;
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(w, oldRSs, d, maxScaledDown);
  if (cleaned === undefined) return false;
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(w, [...oldRSs, newRS], oldRSs, d);
  return cleaned + scaledDown > 0;
}

/**
 * cleanupUnhealthyReplicas: drops old replicas that are not available, oldest
 * ReplicaSet first, at most `max`. Undefined (upstream's error "when cleaning
 * up unhealthy replicas, got invalid request to scale down ...") when a
 * ReplicaSet's status still counts more available replicas than its spec asks
 * for (a scale-down its controller has not acted on yet): the count would be
 * negative, i.e. a scale-up. Upstream's reconcileOldReplicaSets swallows the
 * error and scales nothing more this sync; the ReplicaSet's next status
 * update brings the Deployment back.
 */
function cleanupUnhealthyReplicas(w: DeploymentWriter, oldRSs: ReplicaSet[], d: Deployment, max: number): number | undefined {
  oldRSs.sort(byCreationTimestamp);
  let total = 0;
  for (const rs of oldRSs) {
    if (total >= max) break;
    if (rs.spec.replicas === 0 || rs.spec.replicas === rs.status.availableReplicas) continue;
    const count = Math.min(max - total, rs.spec.replicas - rs.status.availableReplicas);
    if (count < 0) return undefined;
    w.scaleAndRecord(rs, rs.spec.replicas - count, d);
    total += count;
  }
  return total;
}

/** scaleDownOldReplicaSetsForRollingUpdate: removes what availability above minAvailable allows, oldest first. */
function scaleDownOldReplicaSetsForRollingUpdate(w: DeploymentWriter, allRSs: readonly ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = d.spec.replicas - maxUnavailable(d);
  const available = statusCount(allRSs, 'availableReplicas');
  if (available <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  const want = available - minAvailable;
  let total = 0;
  for (const rs of oldRSs) {
    if (total >= want) break;
    if (rs.spec.replicas === 0) continue;
    const count = Math.min(rs.spec.replicas, want - total);
    w.scaleAndRecord(rs, rs.spec.replicas - count, d);
    total += count;
  }
  return total;
}

