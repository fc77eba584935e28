import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { Engine } from '../../engine/engine.js';
import { type CronSchedule, isCronError, parseStandard } from '../../model/cron-schedule.js';
import type { ControlPlaneConfig } from '../../model/scenario.js';
import { TimeZone } from '../../model/time-zone.js';
import type { CronJob, Job, Workload } from '../../model/workloads.js';
import { WorkQueue } from '../workqueue.js';
import { nextScheduleTimeDuration } from './schedule-times.js';
import { type CronJobSyncEnv, scheduleState, syncCronJobAndStatus } from './sync.js';

export interface CronJobControllerOptions {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly config: Pick<ControlPlaneConfig, 'apiLatencyMs'>;
  /** The scenario's startTime (RFC 3339): the wall-clock time simulated t=0 stands for. */
  readonly startTime: string;
}

type Parsed = { readonly schedule: CronSchedule; readonly zone: TimeZone } | { readonly error: string };

/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go,
 * utils.go): one work queue keyed `namespace/name`. A CronJob is synced when
 * it is created, when it changes (a changed schedule or time zone instead
 * waits for its next schedule time), when its own status is written, and
 * when any Job it controls is created, changes or goes; each sync asks to
 * come back at the next schedule time plus 100 ms (nextScheduleDelta), so a
 * Job is created 100 ms after its schedule time. Schedules are read in the
 * CronJob's spec.timeZone, else in the controller's local zone, which podsim
 * takes as UTC; wall times are the scenario's startTime plus simulated time.
 * `apiLatencyMs` comes on top of each sync.
 */
export class CronJobController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;
  private readonly env: CronJobSyncEnv;
  /** Jobs by `namespace/name` of the object their controller reference names, in creation order. */
  private readonly jobs = new Map<string, Set<Job>>();
  /** Per CronJob uid: the schedule and zone last seen (updateCronJob compares them). */
  private readonly seen = new Map<string, string>();
  private readonly parsed = new Map<string, Parsed>();

  constructor(o: CronJobControllerOptions) {
    this.cluster = o.cluster;
    this.queue = new WorkQueue(o.engine, (key) => this.sync(key), o.config.apiLatencyMs);
    this.env = {
      cluster: o.cluster,
      startWall: Date.parse(o.startTime),
      schedule: (cj) => this.scheduleOf(cj),
      jobsOf: (cj) => [...(this.jobs.get(key(cj)) ?? [])],
    };
  }

  workloadAdded(w: Workload): void {
    if (w.kind === 'CronJob') {
      this.seen.set(w.metadata.uid, scheduleKey(w));
      this.queue.add(key(w));
    } else if (w.kind === 'Job') {
      const owner = ownerKey(w);
      if (owner === undefined) return;
      let set = this.jobs.get(owner);
      if (!set) this.jobs.set(owner, (set = new Set()));
      set.add(w);
      this.enqueueOwner(w);
    }
  }

  /** updateCronJob: a new schedule or zone waits for its next time; any other change syncs now. */
  workloadUpdated(w: Workload): void {
    if (w.kind === 'Job') return this.enqueueOwner(w);
    if (w.kind !== 'CronJob') return;
    const now = scheduleKey(w);
    const changed = this.seen.get(w.metadata.uid) !== now;
    this.seen.set(w.metadata.uid, now);
    if (!changed) return this.queue.add(key(w));
    const parsed = this.scheduleOf(w);
    if ('error' in parsed) {
      this.cluster.recordEvent({ type: 'Warning', reason: 'UnParseableCronJobSchedule', kind: 'CronJob', namespace: w.metadata.namespace, name: w.metadata.name, node: '', message: `unparseable schedule for cronjob: ${w.spec.schedule}` });
      return;
    }
    const wall = this.env.startWall + this.cluster.now;
    const after = nextScheduleTimeDuration(scheduleState(this.env, w), wall, parsed.schedule);
    if (after !== undefined) this.queue.addAfter(key(w), after);
  }

  workloadStatusUpdated(w: Workload): void {
    if (w.kind === 'CronJob') this.queue.add(key(w));
    else if (w.kind === 'Job') this.enqueueOwner(w);
  }

  workloadRemoved(w: Workload): void {
    if (w.kind === 'CronJob') {
      this.seen.delete(w.metadata.uid);
      this.queue.add(key(w));
    } else if (w.kind === 'Job') {
      const owner = ownerKey(w);
      if (owner === undefined) return;
      this.jobs.get(owner)?.delete(w);
      this.enqueueOwner(w);
    }
  }

  /** resolveControllerRef: the CronJob the Job's controller reference names, if it still has that uid. */
  private enqueueOwner(job: Job): void {
    const ref = job.metadata.ownerReferences.find((r) => r.controller);
    if (!ref || ref.kind !== 'CronJob') return;
    const cj = this.cluster.workload('CronJob', job.metadata.namespace, ref.name);
    if (cj?.metadata.uid === ref.uid) this.queue.add(key(cj));
  }

  private scheduleOf(cj: CronJob): Parsed {
    const k = scheduleKey(cj);
    let p = this.parsed.get(k);
    if (!p) {
      const zone = TimeZone.load(cj.spec.timeZone ?? 'UTC');
      if ('error' in zone) p = zone;
      else {
        const schedule = parseStandard(cj.spec.schedule, zone);
        p = isCronError(schedule) ? schedule : { schedule, zone };
      }
      this.parsed.set(k, p);
    }
    return p;
  }

  private sync(k: string): void {
    const slash = k.indexOf('/');
    const cj = this.cluster.workload('CronJob', k.slice(0, slash), k.slice(slash + 1));
    if (cj?.kind !== 'CronJob') return;
    const after = syncCronJobAndStatus(this.env, cj);
    if (after !== undefined) this.queue.addAfter(k, after);
  }
}

function key(w: Workload): string {
  return `${w.metadata.namespace}/${w.metadata.name}`;
}

/** getJobsToBeReconciled matches a Job to a CronJob by its controller reference's name alone. */
function ownerKey(job: Job): string | undefined {
  const ref = job.metadata.ownerReferences.find((r) => r.controller);
  return ref === undefined ? undefined : `${job.metadata.namespace}/${ref.name}`;
}

function scheduleKey(cj: CronJob): string {
  return `${cj.spec.timeZone ?? ''}\u0000${cj.spec.schedule}`;
}

/** The status of a CronJob nobody has synced yet. */
export function emptyCronJobStatus(): CronJob['status'] {
  return { active: [] };
}
