import type { Cluster } from '../../api/cluster.js';
import type { Millis } from '../../model/meta.js';
import type { Deployment, ReplicaSet } from '../../model/workloads.js';
import { CONDITION, REASON, getCondition, hasProgressDeadline, hasRevisionHistoryLimit, newCondition, setCondition } from './conditions.js';
import { maxSurge, replicaSetProportion } from './replicas.js';
import {
  DESIRED_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  filterActive,
  findActiveOrLatest,
  intAnnotation,
  replicaCount,
  replicasAnnotations,
  setAnnotations,
} from './replicasets.js';
import { isSaturated } from './replicas.js';
import { calculateStatus, rolloutStatus, statusEqual, stuckRequeueDelay } from './status.js';

export const SCALING_REPLICA_SET = 'ScalingReplicaSet';

/** The ReplicaSets of one sync: the new one (if any) and every old one, oldest first. */
export interface ReplicaSets {
  readonly newRS: ReplicaSet | undefined;
  readonly oldRSs: ReplicaSet[];
}

export const allOf = ({ newRS, oldRSs }: ReplicaSets): ReplicaSet[] => (newRS ? [...oldRSs, newRS] : [...oldRSs]);

/**
 * The Deployment controller's writes and the steps shared by its strategies
 * (pkg/controller/deployment/sync.go): scaling a ReplicaSet with its event,
 * proportional scaling, history cleanup and status updates. Every write goes
 * through the cluster, which tells the watchers.
 */
export class DeploymentWriter {
  constructor(
    readonly cluster: Cluster,
    /** AddAfter on the controller's queue; AddRateLimited for a delay of 0. */
    private readonly requeueAfter: (d: Deployment, delayMs: Millis) => void,
  ) {}

  get now(): Millis {
    return this.cluster.now;
  }

  /** The ScalingReplicaSet event, on the Deployment. */
  recordScaling(d: Deployment, message: string): void {
    const { namespace, name } = d.metadata;
    this.cluster.recordEvent({ type: 'Normal', reason: SCALING_REPLICA_SET, kind: 'Deployment', namespace, name, node: '', message });
  }

  /** scaleReplicaSetAndRecordEvent: true when the size changed. */
  scaleAndRecord(rs: ReplicaSet, newScale: number, d: Deployment): boolean {
    return rs.spec.replicas !== newScale && this.scaleReplicaSet(rs, newScale, d);
  }

  /** scaleReplicaSet: new size and replicas annotations in one update; the event only when the size changed. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment): boolean {
    const oldScale = rs.spec.replicas;
    const annotations = replicasAnnotations(rs, d.spec.replicas, d.spec.replicas + maxSurge(d));
    if (oldScale === newScale && !annotations) return false;
    rs.spec.replicas = newScale;
    if (annotations) setAnnotations(rs, annotations);
    this.cluster.updateWorkload(rs);
    if (oldScale === newScale) return false;
    const op = oldScale < newScale ? 'up' : 'down';
    this.recordScaling(d, `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return true;
  }

  /**
   * scale: a scaling event or a paused Deployment. One active (or the latest)
   * ReplicaSet takes the whole count; a saturated new one leaves the old at 0;
   * otherwise (RollingUpdate) the difference to replicas + maxSurge is shared
   * in proportion, the leftover going to the largest.
   */
  scale(d: Deployment, { newRS, oldRSs }: ReplicaSets): void {
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (activeOrLatest.spec.replicas !== d.spec.replicas) this.scaleAndRecord(activeOrLatest, d.spec.replicas, d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) this.scaleAndRecord(old, 0, d);
      return;
    }
    if (d.spec.strategy.type !== 'RollingUpdate') return;
    const active = filterActive(newRS ? [...oldRSs, newRS] : oldRSs);
    const allowedSize = d.spec.replicas > 0 ? d.spec.replicas + maxSurge(d) : 0;
    const toAdd = allowedSize - replicaCount(active);
    if (toAdd > 0) active.sort(bySizeNewer);
    else if (toAdd < 0) active.sort(bySizeOlder);
    let added = 0;
    const sizes = active.map((rs) => {
      if (toAdd === 0) return rs.spec.replicas;
      const proportion = replicaSetProportion(rs, d, toAdd, added);
      added += proportion;
      return rs.spec.replicas + proportion;
    });
    if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
    active.forEach((rs, i) => this.scaleReplicaSet(rs, sizes[i]!, d));
  }

  /**
   * cleanupDeployment: beyond revisionHistoryLimit, delete the oldest-revision
   * ReplicaSets that are fully scaled down and observed so.
   */
  cleanupDeployment(oldRSs: readonly ReplicaSet[], d: Deployment): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
    const diff = cleanable.length - d.spec.revisionHistoryLimit;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      if (rs.status.replicas !== 0 || rs.spec.replicas !== 0 || rs.metadata.generation > rs.status.observedGeneration) continue;
      this.cluster.deleteWorkload(rs);
    }
  }

  /** isScalingEvent: an active ReplicaSet was sized for another replica count. */
  isScalingEvent(d: Deployment, rss: ReplicaSets): boolean {
    return filterActive(allOf(rss)).some((rs) => {
      const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
      return desired !== undefined && desired !== d.spec.replicas;
    });
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed, unless timed out. */
  checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const c = getCondition(d.status, CONDITION.Progressing);
    if (c?.reason === REASON.ProgressDeadlineExceeded) return;
    const pausedCondExists = c?.reason === REASON.DeploymentPaused;
    if (d.spec.paused && !pausedCondExists) {
      setCondition(d.status, newCondition(CONDITION.Progressing, 'Unknown', REASON.DeploymentPaused, 'Deployment is paused', this.now));
    } else if (!d.spec.paused && pausedCondExists) {
      setCondition(d.status, newCondition(CONDITION.Progressing, 'Unknown', REASON.DeploymentResumed, 'Deployment is resumed', this.now));
    } else return;
    this.cluster.updateWorkloadStatus(d);
  }

  /** SetDeploymentRevision: the Deployment's revision annotation; true when it changed. */
  setDeploymentRevision(d: Deployment, rev: string | undefined): boolean {
    if (rev === undefined || d.metadata.annotations[REVISION_ANNOTATION] === rev) return false;
    setAnnotations(d, { ...d.metadata.annotations, [REVISION_ANNOTATION]: rev });
    return true;
  }

  /** syncDeploymentStatus: write the recomputed status when it differs. */
  syncDeploymentStatus(d: Deployment, rss: ReplicaSets): void {
    this.writeStatus(d, calculateStatus(allOf(rss), rss.newRS, d, this.now));
  }

  /** syncRolloutStatus: write the status with its Progressing estimate, or schedule the deadline check. */
  syncRolloutStatus(d: Deployment, rss: ReplicaSets): void {
    const next = rolloutStatus(allOf(rss), rss.newRS, d, this.now);
    if (this.writeStatus(d, next)) return;
    const delay = stuckRequeueDelay(d, next, this.now);
    if (delay !== undefined) this.requeueAfter(d, delay);
  }

  private writeStatus(d: Deployment, next: Deployment['status']): boolean {
    if (statusEqual(d.status, next)) return false;
    d.status = next;
    this.cluster.updateWorkloadStatus(d);
    return true;
  }
}
