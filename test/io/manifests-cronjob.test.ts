import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from '../../src/io/diagnostics.js';
import { objectDocuments } from '../../src/io/documents.js';
import { convertObjects } from '../../src/io/manifests/registry.js';
import { parseYamlFile } from '../../src/io/yaml/parse.js';
import type { WorkloadManifest } from '../../src/model/scenario.js';
import { horizonWarnings } from '../../src/sim/horizon.js';
import { neverEnding } from '../../src/sim/never-ends.js';
import { loadWith } from './helpers.js';

type CronJobManifest = Extract<WorkloadManifest, { kind: 'CronJob' }>;

/** Converts the documents of one file; `lines` are the diagnostics as printed. */
function convert(text: string, path = 'cj.yml'): { cj?: CronJobManifest; lines: string[] } {
  const parsed = parseYamlFile({ path, bytes: new TextEncoder().encode(text), text });
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const [m] = convertObjects(objectDocuments(parsed.documents, diagnostics), new Set());
  const lines = sortDiagnostics(diagnostics).map(formatDiagnostic);
  return { ...(m?.kind === 'CronJob' ? { cj: m } : {}), lines };
}

const cronJob = (spec: string, name = 'backup', restartPolicy = 'OnFailure') => `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
${spec}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: ${restartPolicy}
          containers: [{name: c, image: "busybox:1.36"}]
`;

describe('CronJob manifests', () => {
  test('are defaulted as SetDefaults_CronJob: Allow, not suspended, history limits 3 and 1', () => {
    const { cj, lines } = convert(cronJob('  schedule: "0 3 * * *"'));
    expect(lines).toEqual([]);
    expect(cj!.spec).toMatchObject({ schedule: '0 3 * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj!.spec.jobTemplate.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: 6 });
    expect(cj!.spec.timeZone).toBeUndefined();
    expect(cj!.spec.startingDeadlineSeconds).toBeUndefined();
  });

  test('keep what is written: a zone, a deadline, a policy, limits, suspend', () => {
    const spec = '  schedule: "@weekly"\n  timeZone: Europe/Paris\n  startingDeadlineSeconds: 600\n  concurrencyPolicy: Forbid\n  suspend: true\n  successfulJobsHistoryLimit: 0\n  failedJobsHistoryLimit: 5';
    const { cj, lines } = convert(cronJob(spec));
    expect(lines).toEqual([]);
    expect(cj!.spec).toMatchObject({ schedule: '@weekly', timeZone: 'Europe/Paris', startingDeadlineSeconds: 600, concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5 });
  });

  test.each([
    ['every macro and @every, which ParseStandard accepts (so the API server does)', ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 90m']],
    ['names, ranges, steps and lists', ['0 9-17/2 * * MON-FRI', '*/15 * 1,15 JAN,jul ?', '5 4 * * sun']],
  ])('accept %s', (_, schedules) => {
    for (const s of schedules) expect(convert(cronJob(`  schedule: "${s}"`)).lines, s).toEqual([]);
  });

  test.each([
    ['a missing schedule', '  concurrencyPolicy: Allow', [`cj.yml:4:1: error: The CronJob "backup" is invalid: spec.schedule: Required value`]],
    ['a field out of range', '  schedule: "61 * * * *"', [`cj.yml:5:3: error: The CronJob "backup" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61`]],
    ['day 7 of the week (robfig counts 0-6)', '  schedule: "0 0 * * 7"', [`cj.yml:5:3: error: The CronJob "backup" is invalid: spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7`]],
    ['six fields', '  schedule: "0 0 0 * * *"', [`cj.yml:5:3: error: The CronJob "backup" is invalid: spec.schedule: Invalid value: "0 0 0 * * *": expected exactly 5 fields, found 6: [0 0 0 * * *]`]],
    ['CRON_TZ= in the schedule', '  schedule: "CRON_TZ=UTC * * * * *"', [`cj.yml:5:3: error: The CronJob "backup" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead`]],
    [
      'TZ= naming an unknown zone (both errors)',
      '  schedule: "TZ=Mars/Base 0 * * * *"',
      [
        `cj.yml:5:3: error: The CronJob "backup" is invalid: spec.schedule: Invalid value: "TZ=Mars/Base 0 * * * *": provided bad location Mars/Base: unknown time zone Mars/Base`,
        `cj.yml:5:3: error: The CronJob "backup" is invalid: spec.schedule: Invalid value: "TZ=Mars/Base 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead`,
      ],
    ],
    ['an unknown zone', '  schedule: "@daily"\n  timeZone: Europe/Pariss', [`cj.yml:6:3: error: The CronJob "backup" is invalid: spec.timeZone: Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss`]],
    ['a zone in the wrong case (Go opens a file of that name)', '  schedule: "@daily"\n  timeZone: europe/paris', [`cj.yml:6:3: error: The CronJob "backup" is invalid: spec.timeZone: Invalid value: "europe/paris": unknown time zone europe/paris`]],
    ['Local', '  schedule: "@daily"\n  timeZone: Local', [`cj.yml:6:3: error: The CronJob "backup" is invalid: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones`]],
    ['an empty zone', '  schedule: "@daily"\n  timeZone: ""', [`cj.yml:6:3: error: The CronJob "backup" is invalid: spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string`]],
    ['an unknown policy', '  schedule: "@daily"\n  concurrencyPolicy: Sometimes', [`cj.yml:6:3: error: The CronJob "backup" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"`]],
    ['a negative deadline', '  schedule: "@daily"\n  startingDeadlineSeconds: -1', [`cj.yml:6:3: error: The CronJob "backup" is invalid: spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0`]],
    ['a negative history limit', '  schedule: "@daily"\n  failedJobsHistoryLimit: -1', [`cj.yml:6:3: error: The CronJob "backup" is invalid: spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0`]],
  ])('refuse %s, in the API server words', (_, spec, expected) => {
    expect(convert(cronJob(spec)).lines).toEqual(expected);
  });

  test('refuse a name over 52 characters (the Job adds -<minutes>), and a Job template that restarts Always', () => {
    const name = 'n'.repeat(53);
    expect(convert(cronJob('  schedule: "@daily"', name)).lines).toEqual([
      `cj.yml:3:12: error: The CronJob "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    ]);
    expect(convert(cronJob('  schedule: "@daily"', 'backup', 'Always')).lines).toEqual([
      `cj.yml:10:11: error: The CronJob "backup" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`,
    ]);
  });

  test('refuse a selector in the Job template: the API server generates it', () => {
    const text = cronJob('  schedule: "@daily"').replace('    spec:\n      template:', '    spec:\n      selector: {matchLabels: {a: b}}\n      template:');
    expect(convert(text).lines).toEqual([`cj.yml:8:7: error: The CronJob "backup" is invalid: spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: \`selector\` will be auto-generated`]);
  });
});

describe('the Kubernetes website example (test/fixtures/website, CC BY 4.0)', () => {
  const dir = 'test/fixtures/website';
  test('batch/v1: loads as a CronJob running every minute, its Jobs restarting OnFailure', () => {
    const { cj, lines } = convert(readFileSync(`${dir}/cronjob.yaml`, 'utf8'), 'cronjob.yaml');
    expect(lines).toEqual([]);
    expect(cj).toMatchObject({ name: 'hello', namespace: 'default', spec: { schedule: '* * * * *', concurrencyPolicy: 'Allow' } });
    expect(cj!.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(cj!.spec.jobTemplate.spec.template.spec.containers.map((c) => c.image)).toEqual(['busybox:1.28']);
  });

  test('its older batch/v1beta1 form is refused as API servers since v1.25 refuse it', () => {
    expect(convert(readFileSync(`${dir}/cronjob-v1beta1.yaml`, 'utf8'), 'cronjob.yaml').lines).toEqual([
      'cronjob.yaml:1:1: error: no matches for kind "CronJob" in version "batch/v1beta1"',
    ]);
  });

  test('in a scenario without a duration it never ends: refused before the run, naming it', () => {
    const { scenario, lines } = loadWith(`${readFileSync(`${dir}/cronjob.yaml`, 'utf8')}`);
    expect(lines).toEqual([]);
    expect(neverEnding(scenario!)?.why).toBe('CronJob "hello" creates a Job on its schedule "* * * * *" for ever (suspend it, or give the scenario a duration)');
  });

  test('suspended, or on a schedule that never comes, it ends', () => {
    for (const spec of ['  schedule: "* * * * *"\n  suspend: true', '  schedule: "0 0 30 2 *"']) {
      const { scenario, lines } = loadWith(cronJob(spec));
      expect(lines).toEqual([]);
      expect(neverEnding(scenario!)).toBeUndefined();
    }
  });
});

describe('horizon warnings', () => {
  test('with a duration, a CronJob whose Jobs could never complete is a warning naming it', () => {
    const { scenario } = loadWith(cronJob('  schedule: "@hourly"'));
    expect(horizonWarnings({ ...scenario!, durationMs: 3 * 3600_000 }).map((p) => p.message)).toEqual([
      'CronJob "backup": its Jobs never complete: container c runs forever (no behaviour or podsim.io/duration annotation gives it a duration); the run ends at 3h0m0s with its pods still running',
    ]);
  });

  test('a CronJob whose schedule does not come within the run makes no Job there: no warning', () => {
    const { scenario } = loadWith(cronJob('  schedule: "@hourly"'));
    // The first hour is the first schedule time: a run of 59 minutes never reaches it, one of 61 minutes does.
    const at = (ms: number) => horizonWarnings({ ...scenario!, durationMs: ms }).map((p) => p.message);
    const start = Date.parse(scenario!.startTime);
    const firstHour = Math.ceil((start + 1) / 3600_000) * 3600_000 - start;
    expect(at(firstHour)).toEqual([]);
    expect(at(firstHour + 1)).toHaveLength(1);
  });
});
