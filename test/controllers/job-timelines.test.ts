import { describe, expect, it } from 'vitest';
import { JobWorld } from './world-job.js';

/** `[time s, reason]` of the Job's events. */
const reasons = (w: JobWorld) => w.jobEvents().map(([t, r]) => [t, r]);

describe('worked example 3: OnFailure, backoffLimit 2', () => {
  // One pod, start 1 s, runs 5 s, exits 1; the kubelet restarts at once, then after 10 s.
  function play(killMs: number) {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 5000, exitCode: () => 1, killMs });
    const job = w.job('ex3', { restartPolicy: 'OnFailure', backoffLimit: 2 });
    return { w, job };
  }

  it('keeps the Job running while the restarts sum to 1 (at 6 s, and through 21 s)', () => {
    const { w, job } = play(0);
    w.runTo(21);
    const [p] = w.podsOf(job);
    expect(p!.status.containerStatuses[0]!.restartCount).toBe(1);
    expect(job.status).toMatchObject({ active: 1, failed: 0, startTime: 0, conditions: [] });
  });

  it('fails the Job at 22 s when the second restart makes the sum reach backoffLimit, killing its pod', () => {
    const { w, job } = play(0);
    w.runTo(60);
    expect(w.created).toHaveLength(1);
    const name = w.created[0]![1];
    expect(w.jobEvents()).toEqual([
      [0, 'SuccessfulCreate', `Created pod: ${name}`],
      [22, 'SuccessfulDelete', `Deleted pod: ${name}`],
      [22, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(w.conditions(job)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 22],
      ['Failed', 'True', 'BackoffLimitExceeded', 22],
    ]);
    expect(job.status).toMatchObject({ active: 0, failed: 1, succeeded: 0, terminating: 0, ready: 0 });
    expect(w.podsOf(job)).toEqual([]);
  });

  it('sets Failed only once the killed pod has terminated (FailureTarget at 22 s, Failed at 52 s with a 30 s kill)', () => {
    const { w, job } = play(30_000);
    w.runTo(51);
    expect(w.conditions(job)).toEqual([['FailureTarget', 'True', 'BackoffLimitExceeded', 22]]);
    expect(job.status).toMatchObject({ active: 0, terminating: 1, failed: 1 });
    w.runTo(60);
    expect(w.conditions(job)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 22],
      ['Failed', 'True', 'BackoffLimitExceeded', 52],
    ]);
    expect(reasons(w).at(-1)).toEqual([52, 'BackoffLimitExceeded']);
  });
});

describe('worked example 4: Never, backoffLimit 1', () => {
  it('creates pod 2 at 15 s, 10 s after pod 1 failed, and fails at 20 s without a third pod', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    const job = w.job('ex4', { backoffLimit: 1 });
    w.runTo(14.999);
    expect(w.created.map(([t]) => t)).toEqual([0]);
    expect(job.status).toMatchObject({ active: 0, failed: 1 });
    w.runTo(100);
    expect(w.created.map(([t]) => t)).toEqual([0, 15]);
    expect(reasons(w)).toEqual([
      [0, 'SuccessfulCreate'],
      [15, 'SuccessfulCreate'],
      [20, 'BackoffLimitExceeded'],
    ]);
    expect(w.conditions(job)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 20],
      ['Failed', 'True', 'BackoffLimitExceeded', 20],
    ]);
    expect(job.status).toMatchObject({ active: 0, failed: 2, succeeded: 0, startTime: 0 });
    expect(job.status.completionTime).toBeUndefined();
  });

  it('keeps failed pods (PodGC removes them), so pods.csv shows both', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    const job = w.job('ex4', { backoffLimit: 1 });
    w.runTo(100);
    expect(w.podsOf(job).map((p) => p.status.phase)).toEqual(['Failed', 'Failed']);
  });
});

describe('backoffLimit 2 with pods that always fail (Never)', () => {
  it('creates exactly 3 pods: at 0 s, 10 s after the first failure and 20 s after the second, then fails', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    const job = w.job('always-fails', { backoffLimit: 2 });
    w.runTo(1000);
    // failures at 5, 20 (15 + 5) and 45 (40 + 5)
    expect(w.created.map(([t]) => t)).toEqual([0, 15, 40]);
    expect(reasons(w)).toEqual([
      [0, 'SuccessfulCreate'],
      [15, 'SuccessfulCreate'],
      [40, 'SuccessfulCreate'],
      [45, 'BackoffLimitExceeded'],
    ]);
    expect(job.status).toMatchObject({ failed: 3, active: 0 });
  });

  it('the default backoffLimit 6 ends at the 7th failure, the waits doubling up to 320 s', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    w.job('six', { backoffLimit: 6 });
    w.runTo(10_000);
    // each pod fails 5 s after creation; waits 10, 20, 40, 80, 160, 320
    expect(w.created.map(([t]) => t)).toEqual([0, 15, 40, 85, 170, 335, 660]);
    expect(reasons(w).at(-1)).toEqual([665, 'BackoffLimitExceeded']);
  });
});

describe('parallelism 2, completions 5', () => {
  it('runs 2, 2 then 1 pods of 11 s each and completes at 33 s', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 10_000, exitCode: () => 0 });
    const job = w.job('par', { parallelism: 2, completions: 5 });
    w.runTo(11);
    expect(job.status).toMatchObject({ active: 2, succeeded: 2, ready: 0 });
    w.runTo(12);
    expect(job.status).toMatchObject({ active: 2, succeeded: 2, ready: 2 });
    w.runTo(100);
    expect(w.created.map(([t]) => t)).toEqual([0, 0, 11, 11, 22]);
    expect(reasons(w).slice(-1)).toEqual([[33, 'Completed']]);
    expect(w.jobEvents().at(-1)).toEqual([33, 'Completed', 'Job completed']);
    expect(w.conditions(job)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 33],
      ['Complete', 'True', 'CompletionsReached', 33],
    ]);
    expect(job.status.conditions[1]!.message).toBe('Reached expected number of succeeded pods');
    expect(job.status).toMatchObject({ active: 0, succeeded: 5, failed: 0, ready: 0, terminating: 0, startTime: 0, completionTime: 33_000 });
  });

  it('with completions unset (a work queue) completes when one pod succeeded and none is active', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000 });
    const job = w.job('queue', { parallelism: 3, completions: undefined });
    w.runTo(0);
    const [a, b, c] = w.podsOf(job);
    // a finishes at 11, b at 30, c fails at 40: no pod is replaced once one succeeded
    w.at(11, () => w.exit(a!, 0));
    w.at(30, () => w.exit(b!, 0));
    w.at(40, () => w.exit(c!, 1));
    w.runTo(100);
    expect(a!.status.phase).toBe('Succeeded');
    expect(w.created).toHaveLength(3);
    expect(w.conditions(job)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 40],
      ['Complete', 'True', 'CompletionsReached', 40],
    ]);
    expect(job.status).toMatchObject({ succeeded: 2, failed: 1, active: 0 });
  });
});

describe('pods a Job creates', () => {
  it('are owned by the Job and labelled with its uid and name, named <job>-xxxxx', () => {
    const w = new JobWorld();
    const job = w.job('pi');
    w.runTo(0);
    const [p] = w.podsOf(job);
    const uid = job.metadata.uid;
    expect(p!.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p!.metadata.ownerReferences).toEqual([{ kind: 'Job', name: 'pi', uid, controller: true }]);
    expect(p!.metadata.labels).toEqual({
      app: 'batch',
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
  });
});
