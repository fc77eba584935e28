import type { TimeZone } from '../../model/time-zone.js';
import type { CronJob, Job } from '../../model/workloads.js';
import { emptyJobStatus } from '../job/status.js';

/** batchv1.CronJobScheduledTimestampAnnotation (feature CronJobsScheduledAnnotation, on by default since v1.28). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>` (getTimeHashInMinutes). */
export function jobName(cj: CronJob, scheduledWall: number): string {
  return `${cj.metadata.name}-${Math.trunc(scheduledWall / 60_000)}`;
}

/**
 * getJobFromTemplate2 (pkg/controller/cronjob/utils.go), as the API server
 * then stores it: the template's labels (SetDefaults_Job: none, the pod
 * template's) and annotations plus the scheduled time in the CronJob's
 * zone (RFC 3339), the CronJob as controller owner, a copy of the Job spec.
 */
export function jobFromTemplate(cj: CronJob, scheduledWall: number, zone: TimeZone, uid: string): Job {
  const { jobTemplate } = cj.spec;
  const labels = Object.keys(jobTemplate.labels).length > 0 ? { ...jobTemplate.labels } : { ...jobTemplate.spec.template.labels };
  return {
    kind: 'Job',
    metadata: {
      namespace: cj.metadata.namespace,
      name: jobName(cj, scheduledWall),
      uid,
      labels,
      annotations: { ...jobTemplate.annotations, [SCHEDULED_TIMESTAMP_ANNOTATION]: formatRFC3339(scheduledWall, zone) },
      ownerReferences: [{ kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }],
      creationTimestamp: 0,
      generation: 0,
    },
    spec: structuredClone(jobTemplate.spec),
    status: emptyJobStatus(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Go's time.RFC3339 in a zone: `2026-01-01T02:00:00+01:00`, `Z` for a zero offset. */
export function formatRFC3339(wall: number, zone: TimeZone): string {
  const w = zone.wall(wall);
  const offset = Math.round(zone.offsetAt(wall) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const suffix = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${suffix}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z of a UTC time: `Thu, 01 Jan 2026 01:00:00 +0000` (the MissSchedule message). */
export function formatRFC1123Z(wall: number): string {
  const d = new Date(wall);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} +0000`;
}
