import { describe, expect, it } from 'vitest';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from '../../src/io/diagnostics.js';
import { objectDocuments } from '../../src/io/documents.js';
import { jobConverter } from '../../src/io/manifests/job.js';
import { parseYamlFile } from '../../src/io/yaml/parse.js';
import type { WorkloadManifest } from '../../src/model/scenario.js';
import type { JobSpec } from '../../src/model/workloads.js';

/** Converts one Job document; `lines` are its diagnostics as printed. */
function load(yaml: string): { job?: WorkloadManifest & { kind: 'Job' }; lines: string[] } {
  const text = `apiVersion: batch/v1\nkind: Job\n${yaml}`;
  const parsed = parseYamlFile({ path: 'j.yml', bytes: new TextEncoder().encode(text), text });
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const [obj] = objectDocuments(parsed.documents, diagnostics);
  const job = jobConverter.convert(obj!) as (WorkloadManifest & { kind: 'Job' }) | undefined;
  return { ...(job ? { job } : {}), lines: sortDiagnostics(diagnostics).map(formatDiagnostic) };
}

const pod = (restartPolicy = 'Never', extra = '') =>
  `  template:\n    metadata: {labels: {app: pi}}\n    spec:\n      restartPolicy: ${restartPolicy}\n      containers: [{name: main, image: "perl:5.34"}]\n${extra}`;

describe('Job defaults (SetDefaults_Job)', () => {
  it.each<[string, string, Partial<JobSpec>]>([
    ['completions and parallelism unset: 1 and 1', '', { completions: 1, parallelism: 1 }],
    ['parallelism alone: a work queue (completions unset)', '  parallelism: 3\n', { parallelism: 3 }],
    ['completions alone: parallelism 1', '  completions: 5\n', { completions: 5, parallelism: 1 }],
  ])('%s', (_, extra, want) => {
    const { job, lines } = load(`metadata: {name: pi}\nspec:\n${extra}${pod()}`);
    expect(lines).toEqual([]);
    expect(job!.spec).toMatchObject(want);
    if (want.completions === undefined) expect(job!.spec.completions).toBeUndefined();
  });

  it('backoffLimit 6, NonIndexed, not suspended, TerminatingOrFailed, the template labels on the Job', () => {
    const { job } = load(`metadata: {name: pi}\nspec:\n${pod('OnFailure')}`);
    expect(job!.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: {},
    });
    expect(job!.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(job!.labels).toEqual({ app: 'pi' });
  });

  it('with a podFailurePolicy: podReplacementPolicy Failed and a condition pattern status True', () => {
    const { job, lines } = load(
      `metadata: {name: pi, labels: {team: a}}\nspec:\n  podFailurePolicy:\n    rules:\n      - {action: FailJob, onExitCodes: {containerName: main, operator: In, values: [42]}}\n      - {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}\n${pod()}`,
    );
    expect(lines).toEqual([]);
    expect(job!.labels).toEqual({ team: 'a' });
    expect(job!.spec.podReplacementPolicy).toBe('Failed');
    expect(job!.spec.podFailurePolicy).toEqual({
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      ],
    });
  });

  it('keeps what is written: Indexed, deadline, TTL, suspend', () => {
    const { job, lines } = load(
      `metadata: {name: idx}\nspec:\n  completions: 4\n  parallelism: 2\n  completionMode: Indexed\n  backoffLimit: 0\n  activeDeadlineSeconds: 60\n  ttlSecondsAfterFinished: 0\n  suspend: true\n${pod()}`,
    );
    expect(lines).toEqual([]);
    expect(job!.spec).toMatchObject({
      completions: 4,
      parallelism: 2,
      completionMode: 'Indexed',
      backoffLimit: 0,
      activeDeadlineSeconds: 60,
      ttlSecondsAfterFinished: 0,
      suspend: true,
    });
  });
});

describe('Job validation, in the API server words', () => {
  const P = 'error: The Job "pi" is invalid: ';
  it.each<[string, string, string[]]>([
    [
      'restartPolicy Always',
      `spec:\n${pod('Always')}`,
      [`j.yml:8:7: ${P}spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`],
    ],
    [
      'restartPolicy left to its default (Always)',
      `spec:\n  template:\n    spec:\n      containers: [{name: main, image: "perl:5.34"}]\n`,
      [`j.yml:6:5: ${P}spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`],
    ],
    [
      'a negative backoffLimit',
      `spec:\n  backoffLimit: -1\n${pod()}`,
      [`j.yml:5:3: ${P}spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0`],
    ],
    [
      'negative parallelism, completions, deadline and TTL',
      `spec:\n  parallelism: -1\n  completions: -2\n  activeDeadlineSeconds: -3\n  ttlSecondsAfterFinished: -4\n${pod()}`,
      [
        `j.yml:5:3: ${P}spec.parallelism: Invalid value: -1: must be greater than or equal to 0`,
        `j.yml:6:3: ${P}spec.completions: Invalid value: -2: must be greater than or equal to 0`,
        `j.yml:7:3: ${P}spec.activeDeadlineSeconds: Invalid value: -3: must be greater than or equal to 0`,
        `j.yml:8:3: ${P}spec.ttlSecondsAfterFinished: Invalid value: -4: must be greater than or equal to 0`,
      ],
    ],
    [
      'a podFailurePolicy with OnFailure',
      `spec:\n  podFailurePolicy:\n    rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]\n${pod('OnFailure')}`,
      [`j.yml:10:7: ${P}spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified`],
    ],
    [
      'Indexed without completions',
      `spec:\n  completionMode: Indexed\n  parallelism: 2\n${pod()}`,
      [`j.yml:4:1: ${P}spec.completions: Required value: when completion mode is Indexed`],
    ],
    [
      'an unknown completionMode',
      `spec:\n  completionMode: Ordered\n${pod()}`,
      [`j.yml:5:3: ${P}spec.completionMode: Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"`],
    ],
    [
      'podReplacementPolicy TerminatingOrFailed with a podFailurePolicy',
      `spec:\n  podReplacementPolicy: TerminatingOrFailed\n  podFailurePolicy:\n    rules: [{action: Count, onExitCodes: {operator: NotIn, values: [0]}}]\n${pod()}`,
      [`j.yml:5:3: ${P}spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"`],
    ],
    [
      'fields podsim does not simulate',
      `spec:\n  completionMode: Indexed\n  completions: 2\n  managedBy: example.com/ctl\n${pod()}`,
      [`j.yml:7:3: ${P}spec.managedBy: podsim does not simulate managedBy yet`],
    ],
  ])('%s', (_, yaml, want) => {
    expect(load(`metadata: {name: pi}\n${yaml}`).lines).toEqual(want);
  });

  it('an Indexed Job whose last hostname is not a DNS label', () => {
    const name = 'j'.repeat(62);
    const { lines } = load(`metadata: {name: ${name}}\nspec:\n  completionMode: Indexed\n  completions: 10\n${pod()}`);
    expect(lines).toEqual([
      `j.yml:3:12: error: The Job "${name}" is invalid: metadata.name: Invalid value: "${name}": will not able to create pod with invalid DNS label: ${name}-9`,
    ]);
  });

  it('pod failure policy rules, each problem at its field', () => {
    const rules = [
      '      - {action: FailJob, onExitCodes: {containerName: nope, operator: In, values: [0, 3, 3, 1]}}',
      '      - {action: Retry, onPodConditions: [{type: DisruptionTarget, status: Maybe}]}',
      '      - {action: FailIndex, onExitCodes: {operator: In, values: [1]}, onPodConditions: [{type: Ready}]}',
      '      - {onExitCodes: {values: []}}',
      '      - {action: Ignore}',
      '      - {action: Count, onExitCodes: {operator: NotIn}}',
    ].join('\n');
    const { lines } = load(`metadata: {name: pi}\nspec:\n  podFailurePolicy:\n    rules:\n${rules}\n${pod()}`);
    const r = (i: number) => `${P}spec.podFailurePolicy.rules[${i}]`;
    expect(lines).toEqual([
      `j.yml:7:41: ${r(0)}.onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template`,
      `j.yml:7:76: ${r(0)}.onExitCodes.values: Invalid value: [0,3,3,1]: must be ordered`,
      `j.yml:7:85: ${r(0)}.onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator`,
      `j.yml:7:91: ${r(0)}.onExitCodes.values[2]: Duplicate value: 3`,
      `j.yml:8:10: ${r(1)}.action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"`,
      `j.yml:8:68: ${r(1)}.onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"`,
      `j.yml:9:9: ${r(2)}: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported`,
      `j.yml:9:10: ${r(2)}.action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set`,
      `j.yml:10:9: ${r(3)}.action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]`,
      `j.yml:10:10: ${r(3)}.onExitCodes.operator: Required value: valid values: ["In" "NotIn"]`,
      `j.yml:10:24: ${r(3)}.onExitCodes.values: Invalid value: []: at least one value is required`,
      `j.yml:11:9: ${r(4)}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required`,
      `j.yml:12:25: ${r(5)}.onExitCodes.values: Invalid value: null: at least one value is required`,
    ]);
  });
});
