import { scaledValue, type Deployment, type IntOrPercent, type ReplicaSet } from '../../model/workloads.js';
import { MAX_REPLICAS_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, intAnnotation, replicaCount } from './replicasets.js';

/**
 * Replica arithmetic of pkg/controller/deployment/util/deployment_util.go:
 * surge and unavailability budgets, the new ReplicaSet's next size,
 * saturation and proportional shares. Pure functions of the objects.
 */

/**
 * ResolveFenceposts: surge rounds up, unavailability down; when both come
 * to 0, unavailability is 1 (a rollout must be able to move).
 */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, desired: number): [number, number] {
  const surge = scaledValue(maxSurge, desired, true);
  const unavailable = scaledValue(maxUnavailable, desired, false);
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  const s = d.spec.strategy;
  if (s.type !== 'RollingUpdate') return 0;
  return resolveFenceposts(s.maxSurge, s.maxUnavailable, d.spec.replicas)[0];
}

/** MaxUnavailable: 0 for Recreate or 0 replicas, never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  const s = d.spec.strategy;
  if (s.type !== 'RollingUpdate' || d.spec.replicas === 0) return 0;
  return Math.min(resolveFenceposts(s.maxSurge, s.maxUnavailable, d.spec.replicas)[1], d.spec.replicas);
}

/**
 * NewRSNewReplicas: RollingUpdate scales the new ReplicaSet up by what the
 * raw maxSurge (not the fenceposts) leaves above the total, at most to the
 * desired count; Recreate goes straight to the desired count.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const s = d.spec.strategy;
  if (s.type !== 'RollingUpdate') return d.spec.replicas;
  const maxTotalPods = d.spec.replicas + scaledValue(s.maxSurge, d.spec.replicas, true);
  const currentPodCount = replicaCount(allRSs);
  if (currentPodCount >= maxTotalPods) return newRS.spec.replicas;
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, d.spec.replicas - newRS.spec.replicas);
  return newRS.spec.replicas + scaleUpCount;
}

/** IsSaturated: the new ReplicaSet holds, was sized for, and has available every desired replica. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  return rs.spec.replicas === d.spec.replicas && desired === d.spec.replicas && rs.status.availableReplicas === d.spec.replicas;
}

/** integer.RoundToInt32: halves away from zero. */
const roundToInt = (a: number) => Math.trunc(a < 0 ? a - 0.5 : a + 0.5);

/** getReplicaSetFraction: the change that keeps `rs`'s share of the deployment's maximum size. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (d.spec.replicas === 0) return -rs.spec.replicas;
  const deploymentMaxReplicas = d.spec.replicas + maxSurge(d);
  let before = intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
  if (before === undefined || before === 0) {
    before = d.status.replicas;
    if (before === 0) return 0;
  }
  return roundToInt((rs.spec.replicas * deploymentMaxReplicas) / before) - rs.spec.replicas;
}

/** GetReplicaSetProportion: `rs`'s share of `toAdd`, never beyond what is left of it. */
export function replicaSetProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rs.spec.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
