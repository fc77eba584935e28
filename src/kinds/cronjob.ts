import { CronJobController, emptyCronJobStatus } from '../controllers/cronjob/controller.js';
import { cronJobConverter } from '../io/manifests/cronjob.js';
import { isCronError, parseStandard } from '../model/cron-schedule.js';
import { DEFAULT_START_TIME } from '../model/defaults.js';
import { TimeZone } from '../model/time-zone.js';
import type { CronJob } from '../model/workloads.js';
import type { KindEntry } from './entry.js';

/** batch/v1 CronJob (pkg/controller/cronjob): Jobs on a schedule, read against the scenario's startTime. */
export const cronJobKind: KindEntry<CronJob> = {
  kind: 'CronJob',
  converter: cronJobConverter,
  initialStatus: emptyCronJobStatus,
  controllers: (ctx) => [new CronJobController({ ...ctx, startTime: ctx.startTime ?? DEFAULT_START_TIME })],
  scalable: false,
  neverEnds: (m, runs) =>
    m.spec.suspend || !scheduleComes(m.spec.schedule, m.spec.timeZone, runs.startTime)
      ? undefined
      : `creates a Job on its schedule ${JSON.stringify(m.spec.schedule)} for ever (suspend it, or give the scenario a duration)`,
  owns: 'Jobs',
  podTemplatePath: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The schedule has a time after the start (robfig finds none within five years for `0 0 30 2 *`). */
function scheduleComes(schedule: string, timeZone: string | undefined, startTime: string): boolean {
  const zone = TimeZone.load(timeZone ?? 'UTC');
  const parsed = 'error' in zone ? zone : parseStandard(schedule, zone);
  return !isCronError(parsed) && parsed.next(Date.parse(startTime)) !== undefined;
}
