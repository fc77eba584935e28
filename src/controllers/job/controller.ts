import { controllerUid, type Cluster, type ClusterWatcher } from '../../api/cluster.js';
import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import type { Job, Workload } from '../../model/workloads.js';
import type { ControllerContext } from '../context.js';
import { WorkQueue } from '../workqueue.js';
import { NO_BACKOFF } from './backoff.js';
import { isJobFinished } from './conditions.js';
import { SYNC_JOB_BATCH_PERIOD_MS } from './constants.js';
import type { JobSyncEnv, JobTracking } from './context.js';
import { JobPods } from './job-pods.js';
import { syncJob } from './sync.js';

/**
 * The Job controller (pkg/controller/job/job_controller.go): level-triggered
 * syncs of one Job at a time through a work queue keyed `namespace/name`.
 * A Job is synced at once when it is created or its spec changes; when any
 * of its pods is created, changes or goes, and when its own status was
 * written, one sync `syncJobBatchPeriod` (1 s) after the first such event
 * sees them all (enqueueSyncJobBatched); at its activeDeadlineSeconds; and
 * when its pod failure back-off ends, but never sooner than the batch period
 * (enqueueSyncJobWithDelay). `apiLatencyMs` comes on top of each.
 * A Job syncs at most about once a second whatever its pods do, and a sync
 * costs the pods that changed since the last one (JobPods).
 */
export class JobController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;
  private readonly env: JobSyncEnv;
  /** Per Job uid: what the tracking finalizer and the back-off store would hold. */
  private readonly tracking = new Map<string, JobTracking>();

  constructor(o: ControllerContext) {
    this.cluster = o.cluster;
    this.queue = new WorkQueue(o.engine, (key) => this.sync(key), o.config.apiLatencyMs);
    this.env = {
      cluster: o.cluster,
      podFailureBackoff: o.config.jobBackoff,
      requeueAfter: (job: Job, delayMs: Millis) => this.queue.addAfter(jobKey(job), delayMs),
      requeueAfterBatch: (job: Job, delayMs: Millis) =>
        this.queue.addAfter(jobKey(job), Math.max(delayMs, SYNC_JOB_BATCH_PERIOD_MS)),
    };
  }

  workloadAdded(w: Workload): void {
    if (w.kind === 'Job') this.queue.add(jobKey(w));
  }

  workloadUpdated(w: Workload): void {
    if (w.kind === 'Job') this.queue.add(jobKey(w));
  }

  /** The Job's own status write (same generation): updateJob enqueues it batched. */
  workloadStatusUpdated(w: Workload): void {
    if (w.kind === 'Job') this.queue.addAfter(jobKey(w), SYNC_JOB_BATCH_PERIOD_MS);
  }

  workloadRemoved(w: Workload): void {
    if (w.kind === 'Job') this.tracking.delete(w.metadata.uid);
  }

  podAdded(pod: Pod): void {
    const job = this.ownerJob(pod);
    if (!job) return;
    this.trackingOf(job).pods.add(pod);
    this.queue.addAfter(jobKey(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  podStatusChanged(pod: Pod): void {
    this.podChanged(pod);
  }

  podDeleting(pod: Pod): void {
    this.podChanged(pod);
  }

  /**
   * A pod that leaves the API before its Job counted it is kept aside and
   * counted at the next sync, as the tracking finalizer guarantees upstream.
   */
  podRemoved(pod: Pod): void {
    const job = this.ownerJob(pod);
    if (!job) return;
    const t = this.trackingOf(job);
    t.pods.remove(pod);
    if (!t.counted.delete(pod.metadata.uid) && !isJobFinished(job)) t.gone.push(pod);
    this.queue.addAfter(jobKey(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  private podChanged(pod: Pod): void {
    const job = this.ownerJob(pod);
    if (!job) return;
    this.trackingOf(job).pods.update(pod);
    this.queue.addAfter(jobKey(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  /** resolveControllerRef: the Job named by the pod's controller reference, if it still has that uid. */
  private ownerJob(pod: Pod): Job | undefined {
    const ref = pod.metadata.ownerReferences.find((r) => r.controller);
    if (!ref || ref.kind !== 'Job') return undefined;
    const w = this.cluster.workload('Job', pod.metadata.namespace, ref.name);
    return w?.kind === 'Job' && w.metadata.uid === controllerUid(pod) ? w : undefined;
  }

  private trackingOf(job: Job): JobTracking {
    let t = this.tracking.get(job.metadata.uid);
    if (!t) this.tracking.set(job.metadata.uid, (t = { pods: new JobPods(), counted: new Set(), gone: [], backoff: NO_BACKOFF, lastFailedPerIndex: new Map() }));
    return t;
  }

  private sync(key: string): void {
    const slash = key.indexOf('/');
    const w = this.cluster.workload('Job', key.slice(0, slash), key.slice(slash + 1));
    if (w?.kind !== 'Job') return;
    if (isJobFinished(w)) {
      this.trackingOf(w).backoff = NO_BACKOFF; // removeBackoffRecord
      return;
    }
    syncJob(this.env, w, this.trackingOf(w));
  }
}

function jobKey(job: Job): string {
  return `${job.metadata.namespace}/${job.metadata.name}`;
}
