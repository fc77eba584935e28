import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/model/workloads.js';
import { loadText, Played } from '../support/play.js';

/*
 * Indexed Jobs with backoffLimitPerIndex / maxFailedIndexes and successPolicy
 * (both GA in 1.33), played as scenarios. Defaults: binding at once, kubelet
 * containerStartLatency 1 s, the Job controller syncs 1 s after its pods
 * change (syncJobBatchPeriod), a failed index waits 10 s × 2^(failures-1)
 * from its last pod's finish before a new pod.
 */

// kubernetes/website content/en/examples/controllers/job-backoff-limit-per-index-example.yaml (CC BY 4.0).
const PER_INDEX = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-backoff-limit-per-index-example
spec:
  completions: 10
  parallelism: 3
  completionMode: Indexed  # required for the feature
  backoffLimitPerIndex: 1  # maximal number of failures per index
  maxFailedIndexes: 5      # maximal number of failed indexes before terminating the Job execution
  template:
    spec:
      restartPolicy: Never # required for the feature
      containers:
      - name: example
        image: python
        command:
        - python3
        - -c
        - |
          import os, sys
          print("Hello world")
          if int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:
            sys.exit(1)
`;

// kubernetes/website content/en/examples/controllers/job-success-policy.yaml (CC BY 4.0).
const SUCCESS = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-success
spec:
  parallelism: 10
  completions: 10
  completionMode: Indexed # Required for the success policy
  successPolicy:
    rules:
      - succeededIndexes: 0,2-3
        succeededCount: 1
  template:
    spec:
      containers:
      - name: main
        image: python
        command:          # Provided that at least one of the Pods with 0, 2, and 3 indexes has succeeded,
                          # the overall Job is a success.
          - python3
          - -c
          - |
            import os, sys
            if os.environ.get("JOB_COMPLETION_INDEX") == "2":
              sys.exit(0)
            else:
              sys.exit(1)
      restartPolicy: Never
`;

const INDEX = 'batch.kubernetes.io/job-completion-index';
/** The script's exit codes as behaviours: the pods' index label picks the failing ones. */
const failing = (container: string, indexes: number[], others: string) =>
  `  behaviors:\n${indexes
    .map((i) => `    - match: {container: ${container}, labels: {${INDEX}: "${i}"}}\n      run: {duration: 5s, exitCode: 1}`)
    .join('\n')}\n    - match: {container: ${container}}\n      run: ${others}`;

const scenario = (behaviors: string, job: string) => `metadata: {name: t}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "64", memory: 64Gi}, images: [python]}]
  registry: {latency: 0s}   # "python" is pulled with policy Always: its manifest check then costs nothing
${behaviors}
---
${job}`;

const jobOf = (p: Played, name: string): Job => {
  const w = p.workload(name);
  if (w.kind !== 'Job') throw new Error('not a Job');
  return w;
};

describe('the website example of backoffLimitPerIndex: even indexes fail', () => {
  const p = new Played(scenario(failing('example', [0, 2, 4, 6, 8], '5s'), PER_INDEX)).runTo(600);
  const job = jobOf(p, 'job-backoff-limit-per-index-example');

  it('ends as the documentation shows: 1,3,5,7,9 completed, 0,2,4,6,8 failed, 5 succeeded, 10 failed, FailedIndexes', () => {
    expect(job.status).toMatchObject({ completedIndexes: '1,3,5,7,9', failedIndexes: '0,2,4,6,8', succeeded: 5, failed: 10, active: 0 });
    expect(job.status.conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes'],
      ['Failed', 'True', 'FailedIndexes', 'Job has failed indexes'],
    ]);
    expect(p.eventsOf(job.metadata.name).at(-1)).toEqual([expect.any(Number), 'FailedIndexes', 'Job has failed indexes']);
  });

  it("gives each pod its index's failure count: index 0's retry carries 1", () => {
    const annotations = [...p.sim.cluster.pods()]
      .filter((x) => x.metadata.annotations[INDEX] === '0')
      .map((x) => x.metadata.annotations['batch.kubernetes.io/job-index-failure-count']);
    expect(annotations).toEqual(['0', '1']);
  });
});

describe('a failing index, retried after its back-off, then failed', () => {
  // completions 2, parallelism 2, backoffLimitPerIndex 1; index 0 always exits 1 after 5 s, index 1 exits 0.
  // 0: both pods created; started 1; exit 6 (0 Failed, 1 Succeeded).
  // 7: the sync sees them; index 0 (failure count 0 < 1) is retried once its back-off is over: 6 + 10 = 16.
  // 16: index 0's second pod (failure count 1); started 17, exits 22.
  // 23: the sync finds index 0 failed (count 1 >= 1): with index 1 succeeded every index is done: FailedIndexes.
  const job = `apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  completions: 2
  parallelism: 2
  completionMode: Indexed
  backoffLimitPerIndex: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: example, image: python}]
`;
  const p = new Played(scenario(failing('example', [0], '5s'), job)).runTo(100);
  const j = jobOf(p, 'pi');

  it('creates index 0 again at 16 s, and fails the Job at 23 s', () => {
    expect(p.eventsOf('pi').map(([t, r, m]) => [t, r, m.replace(/-[a-z0-9]{5}$/, '')])).toEqual([
      [0, 'SuccessfulCreate', 'Created pod: pi-0'],
      [0, 'SuccessfulCreate', 'Created pod: pi-1'],
      [16, 'SuccessfulCreate', 'Created pod: pi-0'],
      [23, 'FailedIndexes', 'Job has failed indexes'],
    ]);
    expect(j.status).toMatchObject({ completedIndexes: '1', failedIndexes: '0', succeeded: 1, failed: 2 });
    expect(j.status.conditions.map((c) => [c.type, c.reason, c.lastTransitionTime / 1000])).toEqual([
      ['FailureTarget', 'FailedIndexes', 23],
      ['Failed', 'FailedIndexes', 23],
    ]);
  });
});

// kubernetes/website content/en/examples/controllers/job-backoff-limit-per-index-failindex.yaml (CC BY 4.0).
const FAIL_INDEX = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-backoff-limit-per-index-failindex
spec:
  completions: 4
  parallelism: 2
  completionMode: Indexed
  backoffLimitPerIndex: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/python:3
        command:
          # The script:
          # - fails the Pod with index 0 with exit code 1, which results in one retry;
          # - fails the Pod with index 1 with exit code 42 which results
          #   in failing the index without retry.
          # - succeeds Pods with any other index.
          - python3
          - -c
          - |
            import os, sys
            index = int(os.environ.get("JOB_COMPLETION_INDEX"))
            if index == 0:
              sys.exit(1)
            elif index == 1:
              sys.exit(42)
            else:
              sys.exit(0)
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailIndex
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
`;

describe('the website example of a FailIndex rule', () => {
  it('fails index 1 at its first exit 42, retries index 0 once: as documented, 0,1 failed, 2,3 completed, 3 failures', () => {
    const rules = `  behaviors:
    - match: {container: main, labels: {${INDEX}: "0"}}
      run: {duration: 5s, exitCode: 1}
    - match: {container: main, labels: {${INDEX}: "1"}}
      run: {duration: 5s, exitCode: 42}
    - match: {container: main}
      run: 5s`;
    const p = new Played(scenario(rules, FAIL_INDEX)).runTo(300);
    const job = jobOf(p, 'job-backoff-limit-per-index-failindex');
    expect(job.status).toMatchObject({ failedIndexes: '0,1', completedIndexes: '2,3', failed: 3, succeeded: 2 });
    expect(job.status.conditions.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'FailedIndexes'],
      ['Failed', 'FailedIndexes'],
    ]);
    const index1 = [...p.sim.cluster.pods()].filter((x) => x.metadata.annotations[INDEX] === '1');
    expect(index1).toHaveLength(1);
  });
});

describe('maxFailedIndexes', () => {
  it('fails the Job once more indexes failed than allowed: MaxFailedIndexesExceeded, the active pods deleted', () => {
    const job = PER_INDEX.replace('maxFailedIndexes: 5 ', 'maxFailedIndexes: 1 ');
    const p = new Played(scenario(failing('example', [0, 2, 4, 6, 8], '1m'), job)).runTo(900);
    const j = jobOf(p, 'job-backoff-limit-per-index-example');
    expect(j.status.conditions.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes'],
      ['Failed', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes'],
    ]);
    expect(j.status.failedIndexes).toBe('0,2');
  });
});

describe('the website example of successPolicy', () => {
  it('as written, every pod ends at 6 s: the sync at 7 s counts 9 failures past backoffLimit 6 first (syncJob checks it before the success policy)', () => {
    const p = new Played(scenario(failing('main', [0, 1, 3, 4, 5, 6, 7, 8, 9], '5s'), SUCCESS)).runTo(120);
    const job = jobOf(p, 'job-success');
    expect(job.status.conditions.map((c) => [c.type, c.reason, c.lastTransitionTime / 1000])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 7],
      ['Failed', 'BackoffLimitExceeded', 7],
    ]);
  });

  it('with index 2 done first (3 s): the rule is met at 5 s, the others are deleted, and the Job completes at 6 s', () => {
    // Index 2 exits 0 at 4; the sync at 5 meets rule 0 and deletes the 9 running pods (grace 30 s);
    // they exit 1 on their own at 6. Counted neither way: a Job meeting its success criteria removes the
    // tracking finalizers of its unfinished pods uncounted (trackJobStatusAndRemoveFinalizers). The Job's status write at 5 brings a sync at 6,
    // which runs after those exits (scheduled at 1, before it): none is terminating: Complete at 6.
    const rules = `  behaviors:
    - match: {container: main, labels: {${INDEX}: "2"}}
      run: 3s
    - match: {container: main}
      run: {duration: 5s, exitCode: 1}`;
    const p = new Played(scenario(rules, SUCCESS)).runTo(120);
    const job = jobOf(p, 'job-success');
    expect(job.status.conditions.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime / 1000])).toEqual([
      ['SuccessCriteriaMet', 'True', 'SuccessPolicy', 'Matched rules at index 0', 5],
      ['Complete', 'True', 'SuccessPolicy', 'Matched rules at index 0', 6],
    ]);
    expect(job.status).toMatchObject({ completedIndexes: '2', succeeded: 1, failed: 0, active: 0 });
    expect(p.eventsOf('job-success').filter(([, r]) => r === 'SuccessfulDelete')).toHaveLength(9);
    expect(p.eventsOf('job-success').at(-1)).toEqual([6, 'Completed', 'Job completed']);
  });
});

describe('successPolicy terminates the pods still running', () => {
  it('deletes the active pods when the rule is met; the Job completes once they are gone', () => {
    const rules = `  behaviors:
    - match: {container: main, labels: {${INDEX}: "2"}}
      run: 5s
    - match: {container: main}
      run: forever`;
    const p = new Played(scenario(rules, SUCCESS)).runTo(120);
    const job = jobOf(p, 'job-success');
    // Met at 7: 9 pods deleted (SuccessfulDelete), killed after their 30 s grace period (37); Complete at the sync 1 s later.
    expect(p.eventsOf('job-success').filter(([, r]) => r === 'SuccessfulDelete')).toHaveLength(9);
    expect(job.status.conditions.map((c) => [c.type, c.reason, c.lastTransitionTime / 1000])).toEqual([
      ['SuccessCriteriaMet', 'SuccessPolicy', 7],
      ['Complete', 'SuccessPolicy', 38],
    ]);
  });
});

describe('validation', () => {
  const job = (spec: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: python}]
`;
  const errors = (spec: string) =>
    loadText(scenario('', job(spec)))
      .lines.filter((l) => l.includes('error'))
      .map((l) => l.replace(/^s\.yml:\d+:\d+: error: The Job "j" is invalid: /, ''));

  it('backoffLimitPerIndex and maxFailedIndexes need an Indexed Job; maxFailedIndexes needs backoffLimitPerIndex', () => {
    expect(errors('  backoffLimitPerIndex: 1\n  maxFailedIndexes: 1')).toEqual([
      'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
      'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode',
    ]);
    expect(errors('  completionMode: Indexed\n  completions: 3\n  maxFailedIndexes: 4')).toEqual([
      'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified',
      'spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions',
    ]);
  });

  it('successPolicy rules as validateSuccessPolicyRule checks them', () => {
    expect(errors('  completionMode: Indexed\n  completions: 3\n  successPolicy: {rules: [{succeededIndexes: "0,2-5"}, {succeededCount: 4}, {}]}')).toEqual([
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0,2-5": error parsing succeededIndexes: too large index: "5"',
      'spec.successPolicy.rules[1].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of specified completions)',
      'spec.successPolicy.rules[2]: Required value: at least one of succeededCount or succeededIndexes must be specified',
    ]);
    expect(errors('  successPolicy: {rules: [{succeededCount: 1}]}')).toEqual([
      'spec.successPolicy: Invalid value: {...}: requires indexed completion mode',
    ]);
  });

  it('defaults backoffLimit to MaxInt32 with backoffLimitPerIndex', () => {
    const { scenario: s } = loadText(scenario('', job('  completionMode: Indexed\n  completions: 3\n  backoffLimitPerIndex: 0')));
    const m = s!.objects.find((o) => o.kind === 'Job');
    expect(m?.kind === 'Job' && m.spec.backoffLimit).toBe(2147483647);
  });
});
