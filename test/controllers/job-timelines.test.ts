import { describe, expect, it } from 'vitest';
import { JobWorld } from './world-job.js';

/** `[time s, reason]` of the Job's events. */
const reasons = (w: JobWorld) => w.jobEvents().map(([t, r]) => [t, r]);

describe('worked example 3: OnFailure, backoffLimit 2', () => {
  // One pod, start 1 s, runs 5 s, exits 1; the kubelet restarts at once, then after 10 s.
  // The Job controller syncs 1 s after its pods change (syncJobBatchPeriod), so it sees
  // the second restart (22 s) at 23 s, and a pod gone at T at T + 1.
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

  it('fails the Job when the second restart (22 s) makes the sum reach backoffLimit: FailureTarget and the delete at 23 s (the sync batched 1 s after the restart), Failed at 24 s (1 s after the killed pod went, at 23 s)', () => {
    const { w, job } = play(0);
    w.runTo(60);
    expect(w.created).toHaveLength(1);
    const name = w.created[0]![1];
    expect(w.jobEvents()).toEqual([
      [0, 'SuccessfulCreate', `Created pod: ${name}`],
      [23, 'SuccessfulDelete', `Deleted pod: ${name}`],
      [24, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(w.conditions(job)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 23],
      ['Failed', 'True', 'BackoffLimitExceeded', 24],
    ]);
    expect(job.status).toMatchObject({ active: 0, failed: 1, succeeded: 0, terminating: 0, ready: 0 });
    expect(w.podsOf(job)).toEqual([]);
  });

  it('sets Failed only once the killed pod has terminated (FailureTarget at 23 s; with a 30 s kill the pod goes at 53 s, Failed at the sync 1 s later, 54 s)', () => {
    const { w, job } = play(30_000);
    w.runTo(53);
    expect(w.conditions(job)).toEqual([['FailureTarget', 'True', 'BackoffLimitExceeded', 23]]);
    expect(job.status).toMatchObject({ active: 0, terminating: 1, failed: 1 });
    w.runTo(60);
    expect(w.conditions(job)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 23],
      ['Failed', 'True', 'BackoffLimitExceeded', 54],
    ]);
    expect(reasons(w).at(-1)).toEqual([54, 'BackoffLimitExceeded']);
  });
});

describe('worked example 4: Never, backoffLimit 1', () => {
  // The sync batched 1 s after pod 1 fails (5 s) counts it at 6 s and waits out the rest of
  // the 10 s back-off, measured from the failure: 9 s, so pod 2 still comes at 15 s.
  it('creates pod 2 at 15 s, 10 s after pod 1 failed, and fails at 21 s (the sync 1 s after pod 2 failed at 20 s) without a third pod', () => {
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
      [21, 'BackoffLimitExceeded'],
    ]);
    expect(w.conditions(job)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 21],
      ['Failed', 'True', 'BackoffLimitExceeded', 21],
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
    // failures at 5, 20 (15 + 5) and 45 (40 + 5), each counted by the sync 1 s later; the
    // back-off runs from the failure, so creations keep their times; Failed at 46 (45 + 1)
    expect(w.created.map(([t]) => t)).toEqual([0, 15, 40]);
    expect(reasons(w)).toEqual([
      [0, 'SuccessfulCreate'],
      [15, 'SuccessfulCreate'],
      [40, 'SuccessfulCreate'],
      [46, 'BackoffLimitExceeded'],
    ]);
    expect(job.status).toMatchObject({ failed: 3, active: 0 });
  });

  it('the default backoffLimit 6 ends at the 7th failure, the waits doubling up to 320 s', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    w.job('six', { backoffLimit: 6 });
    w.runTo(10_000);
    // each pod fails 5 s after creation; waits 10, 20, 40, 80, 160, 320 from each failure;
    // the 7th fails at 665 and the sync 1 s later (syncJobBatchPeriod) fails the Job at 666
    expect(w.created.map(([t]) => t)).toEqual([0, 15, 40, 85, 170, 335, 660]);
    expect(reasons(w).at(-1)).toEqual([666, 'BackoffLimitExceeded']);
  });
});

describe('parallelism 2, completions 5', () => {
  // Each wave's successes are counted, and the next wave created, by the sync 1 s after
  // them (syncJobBatchPeriod): successes at 11, 23 and 35; waves at 12 and 24; done at 36.
  it('runs 2, 2 then 1 pods of 11 s each, each wave 1 s after the last, and completes at 36 s', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 10_000, exitCode: () => 0 });
    const job = w.job('par', { parallelism: 2, completions: 5 });
    w.runTo(12); // the sync 1 s after the successes at 11
    expect(job.status).toMatchObject({ active: 2, succeeded: 2, ready: 0 });
    w.runTo(14); // the new pods run at 13; the sync 1 s later counts them ready
    expect(job.status).toMatchObject({ active: 2, succeeded: 2, ready: 2 });
    w.runTo(100);
    expect(w.created.map(([t]) => t)).toEqual([0, 0, 12, 12, 24]);
    expect(reasons(w).slice(-1)).toEqual([[36, 'Completed']]);
    expect(w.jobEvents().at(-1)).toEqual([36, 'Completed', 'Job completed']);
    expect(w.conditions(job)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 36],
      ['Complete', 'True', 'CompletionsReached', 36],
    ]);
    expect(job.status.conditions[1]!.message).toBe('Reached expected number of succeeded pods');
    expect(job.status).toMatchObject({ active: 0, succeeded: 5, failed: 0, ready: 0, terminating: 0, startTime: 0, completionTime: 36_000 });
  });

  it('with completions unset (a work queue) completes when one pod succeeded and none is active', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000 });
    const job = w.job('queue', { parallelism: 3, completions: undefined });
    w.runTo(0);
    const [a, b, c] = w.podsOf(job);
    // a finishes at 11, b at 30, c fails at 40: no pod is replaced once one succeeded;
    // complete at 41, the sync 1 s after the last pod finished
    w.at(11, () => w.exit(a!, 0));
    w.at(30, () => w.exit(b!, 0));
    w.at(40, () => w.exit(c!, 1));
    w.runTo(100);
    expect(a!.status.phase).toBe('Succeeded');
    expect(w.created).toHaveLength(3);
    expect(w.conditions(job)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 41],
      ['Complete', 'True', 'CompletionsReached', 41],
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

  it('share their controller reference and, for a NonIndexed Job, their spec and labels; an Indexed Job\'s pods share the spec too', () => {
    const w = new JobWorld();
    const plain = w.job('pi', { parallelism: 3, completions: 3 });
    const indexed = w.job('idx', { parallelism: 3, completions: 3, completionMode: 'Indexed' });
    const other = w.job('other', { parallelism: 1, completions: 1 });
    w.runTo(0);
    const [a, b, c] = w.podsOf(plain);
    expect(b!.metadata.ownerReferences).toBe(a!.metadata.ownerReferences);
    expect(b!.metadata.labels).toBe(a!.metadata.labels);
    expect(c!.spec.containers).toBe(a!.spec.containers);
    const [i0, i1] = w.podsOf(indexed);
    expect(i1!.metadata.ownerReferences).toBe(i0!.metadata.ownerReferences);
    expect(i0!.metadata.labels['batch.kubernetes.io/job-completion-index']).toBe('0');
    expect(i1!.metadata.labels['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(i1!.spec.containers).toBe(i0!.spec.containers);
    const [o] = w.podsOf(other);
    expect(o!.metadata.ownerReferences).toEqual([{ kind: 'Job', name: 'other', uid: other.metadata.uid, controller: true }]);
    expect(o!.metadata.labels['job-name']).toBe('other');
  });
});
