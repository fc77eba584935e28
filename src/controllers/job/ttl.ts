import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { Job, Workload } from '../../model/workloads.js';
import { WorkQueue } from '../workqueue.js';
import { jobFinishTime } from './conditions.js';
import type { ControllerContext } from '../context.js';

/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a
 * finished Job with ttlSecondsAfterFinished is deleted, with its pods
 * (propagationPolicy Foreground), at the time its Complete or Failed condition
 * was set plus the TTL. Foreground deletion removes the Job once its pods are
 * gone; a finished Job's pods are terminal, so here both go at that instant:
 * the pods first (graceful deletes, which remove terminal pods at once), then
 * the Job.
 */
export class TTLAfterFinishedController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;

  constructor(o: Pick<ControllerContext, 'cluster' | 'engine' | 'config'>) {
    this.cluster = o.cluster;
    this.queue = new WorkQueue(o.engine, (key) => this.processJob(key), o.config.apiLatencyMs);
  }

  workloadAdded(w: Workload): void {
    this.enqueue(w);
  }

  workloadUpdated(w: Workload): void {
    this.enqueue(w);
  }

  workloadStatusUpdated(w: Workload): void {
    this.enqueue(w);
  }

  private enqueue(w: Workload): void {
    if (w.kind === 'Job' && w.spec.ttlSecondsAfterFinished !== undefined && jobFinishTime(w) !== undefined) {
      this.queue.add(`${w.metadata.namespace}/${w.metadata.name}`);
    }
  }

  /** processJob: deletes the Job when its TTL has expired, else comes back when it will. */
  private processJob(key: string): void {
    const slash = key.indexOf('/');
    const w = this.cluster.workload('Job', key.slice(0, slash), key.slice(slash + 1));
    if (w?.kind !== 'Job') return;
    const expireAt = expiry(w);
    if (expireAt === undefined) return;
    const left = expireAt - this.cluster.now;
    if (left > 0) {
      this.queue.addAfter(key, left);
      return;
    }
    for (const pod of [...this.cluster.podsOwnedBy(w.metadata.uid)]) this.cluster.deletePod(pod);
    this.cluster.deleteWorkload(w);
  }
}

/** When a finished Job with a TTL expires; undefined when it needs no clean-up. */
export function expiry(job: Job): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  const finishedAt = jobFinishTime(job);
  if (ttl === undefined || finishedAt === undefined || job.metadata.deletionTimestamp !== undefined) return undefined;
  return finishedAt + ttl * 1000;
}
