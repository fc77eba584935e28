import { isCronError, parseStandard } from '../../model/cron-schedule.js';
import type { WorkloadManifest } from '../../model/scenario.js';
import { TimeZone } from '../../model/time-zone.js';
import type { ConcurrencyPolicy, CronJobSpec, JobTemplateSpec } from '../../model/workloads.js';
import type { ObjectDocument } from '../documents.js';
import { fieldMessage } from '../field-errors.js';
import { readDefaultedEnum, readIntAtLeast } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readJobSpecAt } from './job.js';
import { readLabelSelector } from './labels.js';
import type { KindConverter } from './registry.js';
import { jsonBadValue, readTemplateMetadata, readWorkloadMeta, workloadIdentity } from './replicaset.js';

/**
 * CronJob (batch/v1), defaulted as SetDefaults_CronJob
 * (pkg/apis/batch/v1/defaults.go: concurrencyPolicy Allow, suspend false,
 * successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1) and validated as
 * ValidateCronJobCreate (pkg/apis/batch/validation/validation.go): the
 * schedule must parse (cron.ParseStandard, so `@every 1h` is accepted) and
 * hold no `TZ` (TZ= and CRON_TZ= belong in spec.timeZone), the time zone
 * must load, the name leaves room for the Jobs' `-<minutes>` suffix, and
 * the job template is validated as a Job's spec whose selector is generated.
 */

const CONCURRENCY_POLICIES: readonly ConcurrencyPolicy[] = ['Allow', 'Forbid', 'Replace'];
/** DNS1035LabelMaxLength - 11: a Job is named `<cronjob>-<minutes since the epoch>`. */
const MAX_NAME_LENGTH = 52;
/** validTimeZoneCharacters, per part of the name. */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateScheduleFormat on create (a TZ in the schedule is refused). */
function readSchedule(f: Field): string {
  const schedule = f.string();
  if (schedule === undefined || schedule === '') {
    if (schedule !== undefined || !f.present) f.required();
    return '';
  }
  const parsed = parseStandard(schedule);
  if (isCronError(parsed)) f.invalid(schedule, parsed.error);
  if (schedule.includes('TZ')) f.invalid(schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  return schedule;
}

/** validateTimeZone. */
function readTimeZone(f: Field): string | undefined {
  if (!f.present) return undefined;
  const tz = f.string();
  if (tz === undefined) return undefined;
  if (tz === '') {
    f.invalid(tz, 'timeZone must be nil or non-empty string');
    return undefined;
  }
  if (tz.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part))) {
    f.invalid(tz, `unknown time zone ${tz}`);
    return undefined;
  }
  let ok = true;
  if (tz.toLowerCase() === 'local') {
    f.invalid(tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
    ok = false;
  }
  const loaded = tz === 'Local' ? undefined : TimeZone.load(tz);
  if (loaded !== undefined && 'error' in loaded) {
    f.invalid(tz, loaded.error);
    ok = false;
  }
  return ok ? tz : undefined;
}

/** ValidateJobTemplateSpec: the Job spec, with a selector the API server generates. */
function readJobTemplate(f: Field): JobTemplateSpec {
  const { labels, annotations } = readTemplateMetadata(f.child('metadata'));
  const spec = f.child('spec');
  const selector = spec.child('selector');
  if (selector.present) {
    const body = `Invalid value: ${jsonBadValue(readLabelSelector(selector))}: \`selector\` will be auto-generated`;
    selector.report('error', 'field-invalid', fieldMessage(selector.path, body));
  }
  const manual = spec.child('manualSelector');
  if (manual.boolean() === true) manual.unsupported(true, ['nil', 'false']);
  return { labels, annotations, spec: readJobSpecAt(spec) };
}

function readCronJobSpec(spec: Field): CronJobSpec {
  const schedule = readSchedule(spec.child('schedule'));
  const timeZone = readTimeZone(spec.child('timeZone'));
  const startingDeadlineSeconds = readIntAtLeast(spec.child('startingDeadlineSeconds'), 0);
  return {
    schedule,
    ...(timeZone !== undefined ? { timeZone } : {}),
    ...(startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds } : {}),
    concurrencyPolicy: readDefaultedEnum(spec.child('concurrencyPolicy'), CONCURRENCY_POLICIES, 'Allow'),
    suspend: spec.child('suspend').boolean() ?? false,
    successfulJobsHistoryLimit: readIntAtLeast(spec.child('successfulJobsHistoryLimit'), 0) ?? 3,
    failedJobsHistoryLimit: readIntAtLeast(spec.child('failedJobsHistoryLimit'), 0) ?? 1,
    jobTemplate: readJobTemplate(spec.child('jobTemplate')),
  };
}

function convertCronJob(obj: ObjectDocument): WorkloadManifest {
  const { root, meta } = readWorkloadMeta(obj);
  const spec = readCronJobSpec(root.child('spec'));
  if (meta.name.length > MAX_NAME_LENGTH) root.child('metadata').child('name').invalid(meta.name, `must be no more than ${MAX_NAME_LENGTH} characters`);
  return { kind: 'CronJob', ...workloadIdentity(obj, meta), spec };
}

export const cronJobConverter: KindConverter = { kind: 'CronJob', apiVersions: ['batch/v1'], convert: convertCronJob };
