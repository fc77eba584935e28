import { describe, expect, it } from 'vitest';
import { setCondition } from '../../src/api/cluster.js';
import type { PodFailurePolicyRule } from '../../src/model/workloads.js';
import { JobWorld } from './world-job.js';

const reasons = (w: JobWorld) => w.jobEvents().map(([t, r]) => [t, r]);
const index = (name: string) => /^idx-(\d+)-[bcdfghjklmnpqrstvwxz2456789]{5}$/.exec(name)?.[1];

describe('Indexed Jobs', () => {
  it('name pods <job>-<index>-xxxxx with the index annotation and label, lowest pending indexes first', () => {
    const w = new JobWorld();
    const job = w.job('idx', { completionMode: 'Indexed', completions: 5, parallelism: 3 });
    w.runTo(0);
    const pods = w.podsOf(job);
    expect(pods.map((p) => index(p.metadata.name))).toEqual(['0', '1', '2']);
    for (const [i, p] of pods.entries()) {
      expect(p.metadata.annotations['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      expect(p.metadata.labels['batch.kubernetes.io/job-completion-index']).toBe(String(i));
    }
  });

  it('record succeeded indexes as intervals ("0-2,4") and replace a failed index with the same index', () => {
    const w = new JobWorld();
    const job = w.job('idx', { completionMode: 'Indexed', completions: 5, parallelism: 5 });
    w.runTo(0);
    const [p0, p1, p2, p3, p4] = w.podsOf(job);
    for (const p of [p0, p1, p2, p3, p4]) w.bind(p!);
    w.at(1, () => [p0, p1, p2, p3, p4].forEach((p) => w.run(p!)));
    // The Job syncs 1 s after its pods change (syncJobBatchPeriod): p1 succeeds at 4 so that
    // the sync at 5 records it alone, before the others finish at 6.
    w.at(4, () => w.exit(p1!, 0));
    w.runTo(5);
    expect(job.status.completedIndexes).toBe('1');
    w.at(6, () => [p0, p2, p4].forEach((p) => w.exit(p!, 0)));
    w.at(7, () => w.exit(p3!, 1));
    w.runTo(8); // the sync 1 s after p3's failure at 7 has counted everything
    expect(job.status).toMatchObject({ completedIndexes: '0-2,4', succeeded: 4, failed: 1, active: 0 });
    w.runTo(17); // 10 s back-off after the failure at 7 (measured from the failure, not the sync)
    const replacement = w.podsOf(job).at(-1)!;
    expect(w.created.map(([t]) => t)).toEqual([0, 0, 0, 0, 0, 17]);
    expect(index(replacement.metadata.name)).toBe('3');
    w.bind(replacement);
    w.at(20, () => w.run(replacement));
    w.at(25, () => w.exit(replacement, 0));
    w.runTo(30);
    // complete at 26, the sync 1 s after the replacement succeeded at 25
    expect(job.status).toMatchObject({ completedIndexes: '0-4', succeeded: 5, failed: 1, completionTime: 26_000 });
    expect(reasons(w).at(-1)).toEqual([26, 'Completed']);
  });

  it('two adjacent indexes are written "0,1"', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 1000, exitCode: () => 0 });
    const job = w.job('idx', { completionMode: 'Indexed', completions: 3, parallelism: 2 });
    w.runTo(2);
    expect(job.status.completedIndexes).toBe('0,1');
    w.runTo(10);
    expect(job.status.completedIndexes).toBe('0-2');
  });
});

describe('activeDeadlineSeconds', () => {
  // The deadline sync at 30 is a plain AddAfter (not batched); the pods, killed in 5 s, are
  // gone at 35, and the sync 1 s after that (syncJobBatchPeriod) adds Failed at 36.
  it('fails the Job at startTime + deadline with DeadlineExceeded, killing its pods; Failed at 36, 1 s after they are gone', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, killMs: 5000 });
    const job = w.job('dl', { parallelism: 2, completions: 2, activeDeadlineSeconds: 30 });
    w.runTo(29.999);
    expect(job.status).toMatchObject({ active: 2, ready: 2, conditions: [] });
    w.runTo(30);
    expect(w.conditions(job)).toEqual([['FailureTarget', 'True', 'DeadlineExceeded', 30]]);
    expect(job.status).toMatchObject({ active: 0, ready: 0, terminating: 2, failed: 2 });
    w.runTo(100);
    expect(w.conditions(job)).toEqual([
      ['FailureTarget', 'True', 'DeadlineExceeded', 30],
      ['Failed', 'True', 'DeadlineExceeded', 36],
    ]);
    expect(w.jobEvents().slice(2)).toEqual([
      [30, 'SuccessfulDelete', expect.stringMatching(/^Deleted pod: dl-/)],
      [30, 'SuccessfulDelete', expect.stringMatching(/^Deleted pod: dl-/)],
      [36, 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ]);
  });

  it('stops waiting out a pod failure back-off: the deadline comes first', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    const job = w.job('dl', { activeDeadlineSeconds: 12, backoffLimit: 6 });
    w.runTo(100);
    expect(w.created.map(([t]) => t)).toEqual([0]); // the replacement was due at 15
    expect(w.conditions(job).at(-1)).toEqual(['Failed', 'True', 'DeadlineExceeded', 12]);
  });
});

describe('podFailurePolicy (restartPolicy Never)', () => {
  const rules: PodFailurePolicyRule[] = [
    { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
  ];

  it('FailJob on exit code 42 fails the Job at its next sync (6 s, 1 s after the exit at 5 s) with the upstream message', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 42 });
    const job = w.job('pfp', { backoffLimit: 6, podFailurePolicy: { rules } });
    w.runTo(100);
    const name = w.created[0]![1];
    expect(w.created).toHaveLength(1);
    const message = `Container main for pod default/${name} failed with exit code 42 matching FailJob rule at index 0`;
    expect(job.status.conditions.map((c) => [c.type, c.reason, c.message, c.lastTransitionTime])).toEqual([
      ['FailureTarget', 'PodFailurePolicy', message, 6000],
      ['Failed', 'PodFailurePolicy', message, 6000],
    ]);
    expect(w.jobEvents().at(-1)).toEqual([6, 'PodFailurePolicy', message]);
    expect(job.status.failed).toBe(1);
  });

  it('another exit code counts toward backoffLimit as usual', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    const job = w.job('pfp', { backoffLimit: 0, podFailurePolicy: { rules } });
    w.runTo(100);
    // the pod fails at 5; the sync 1 s later counts it: 1 > backoffLimit 0
    expect(w.conditions(job).at(-1)).toEqual(['Failed', 'True', 'BackoffLimitExceeded', 6]);
  });

  it('Ignore on DisruptionTarget does not count the failure; the pod is replaced after the back-off', () => {
    const w = new JobWorld();
    const k = w.kubelet({ startMs: 1000, runMs: 60_000, exitCode: () => 0 });
    const job = w.job('pfp', { backoffLimit: 0, podFailurePolicy: { rules } });
    w.runTo(0);
    const [victim] = w.podsOf(job);
    k.manual.add(victim!.metadata.name);
    // PodGC-style: DisruptionTarget, then Failed, at 5 s
    w.at(5, () => {
      setCondition(victim!, 'DisruptionTarget', 'True', 5000, 'DeletionByPodGC', 'PodGC: node no longer exists');
      setCondition(victim!, 'Ready', 'False', 5000);
      w.cluster.updatePodStatus(victim!, 'Failed', 'DeletionByPodGC');
    });
    w.runTo(100);
    expect(job.status).toMatchObject({ failed: 0 });
    // the sync at 6 waits the 9 s left of the back-off from 5: the replacement comes at 15,
    // runs at 16, succeeds at 76; the sync 1 s later completes the Job at 77
    expect(w.created.map(([t]) => t)).toEqual([0, 15]);
    expect(w.conditions(job)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 77],
      ['Complete', 'True', 'CompletionsReached', 77],
    ]);
  });

  it('replaces a terminating pod only once it is Failed (podReplacementPolicy Failed)', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, killMs: 10_000 });
    const job = w.job('pfp', { podFailurePolicy: { rules } });
    w.runTo(0);
    const [victim] = w.podsOf(job);
    w.at(5, () => w.cluster.deletePod(victim!));
    w.runTo(14.999);
    expect(w.created).toHaveLength(1);
    expect(job.status).toMatchObject({ active: 0, terminating: 1, failed: 0 });
    w.runTo(100);
    // Failed at 15 (exit 143), counted then; back-off 10 s from that finish
    expect(w.created.map(([t]) => t)).toEqual([0, 25]);
    expect(job.status).toMatchObject({ failed: 1, terminating: 0, active: 1 });
  });
});

describe('pods deleted from under a Job (eviction, drain)', () => {
  it('without a podFailurePolicy count as failed at the next sync (1 s after the deletion, still terminating) and are replaced 10 s after the deletion', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, killMs: 30_000 });
    const job = w.job('ev', { backoffLimit: 6 });
    w.runTo(0);
    const [victim] = w.podsOf(job);
    w.at(5, () => w.cluster.deletePod(victim!));
    w.runTo(6); // the sync batched 1 s after the deletion request
    expect(job.status).toMatchObject({ active: 0, terminating: 1, failed: 1 });
    w.runTo(100);
    expect(w.created.map(([t]) => t)).toEqual([0, 15]);
    expect(job.status).toMatchObject({ failed: 1, active: 1, terminating: 0 });
  });

  it('a pod removed before it reached a terminal phase is counted as failed once', () => {
    const w = new JobWorld();
    const job = w.job('gone', { podFailurePolicy: { rules: [] }, backoffLimit: 6 });
    w.runTo(0);
    const [victim] = w.podsOf(job);
    w.bind(victim!);
    w.at(1, () => w.run(victim!));
    w.at(5, () => w.cluster.removePod(victim!)); // force-deleted: gone while Running
    w.runTo(100);
    expect(job.status).toMatchObject({ failed: 1, active: 1 });
    expect(w.created.map(([t]) => t)).toEqual([0, 15]);
  });

  it('an unscheduled pod deleted by its owner is gone at once and counted once', () => {
    const w = new JobWorld();
    const job = w.job('unsched', { backoffLimit: 6 });
    w.runTo(0);
    const [victim] = w.podsOf(job);
    w.at(5, () => w.cluster.deletePod(victim!)); // never bound: removed at once
    w.runTo(100);
    expect(job.status).toMatchObject({ failed: 1, active: 1 });
    expect(w.created.map(([t]) => t)).toEqual([0, 15]);
  });
});

describe('suspend', () => {
  it('deletes the active pods (not counted as failures), then resumes with a new startTime', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, killMs: 2000 });
    const job = w.job('sus', { parallelism: 2, completions: 4, activeDeadlineSeconds: 100 });
    w.at(10, () => {
      job.spec.suspend = true;
      w.cluster.updateWorkload(job);
    });
    w.runTo(20);
    expect(w.podsOf(job)).toEqual([]);
    expect(job.status).toMatchObject({ active: 0, failed: 0, terminating: 0, startTime: 0 });
    expect(w.conditions(job)).toEqual([['Suspended', 'True', 'JobSuspended', 10]]);
    w.at(50, () => {
      job.spec.suspend = false;
      w.cluster.updateWorkload(job);
    });
    w.runTo(50);
    expect(w.conditions(job)).toEqual([['Suspended', 'False', 'JobResumed', 50]]);
    expect(job.status).toMatchObject({ active: 2, startTime: 50_000 });
    expect(reasons(w)).toEqual([
      [0, 'SuccessfulCreate'],
      [0, 'SuccessfulCreate'],
      [10, 'SuccessfulDelete'],
      [10, 'SuccessfulDelete'],
      [10, 'Suspended'],
      [50, 'SuccessfulCreate'],
      [50, 'SuccessfulCreate'],
      [50, 'Resumed'],
    ]);
  });

  it('a Job created suspended gets no pods and no startTime until resumed', () => {
    const w = new JobWorld();
    const job = w.job('sus', { suspend: true });
    w.runTo(30);
    expect(w.created).toEqual([]);
    expect(job.status.startTime).toBeUndefined();
    expect(w.conditions(job)).toEqual([['Suspended', 'True', 'JobSuspended', 0]]);
  });
});

describe('ttlSecondsAfterFinished', () => {
  it('deletes a finished Job and its pods at finish + ttl', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 0 });
    const job = w.job('ttl', { ttlSecondsAfterFinished: 100 });
    // the pod succeeds at 5; the sync 1 s later completes the Job at 6; deleted at 6 + 100
    w.runTo(105.999);
    expect(job.status.completionTime).toBe(6000);
    expect(w.cluster.workload('Job', 'default', 'ttl')).toBe(job);
    expect(w.podsOf(job)).toHaveLength(1);
    w.runTo(106);
    expect(w.cluster.workload('Job', 'default', 'ttl')).toBeUndefined();
    expect(w.cluster.podCount).toBe(0);
  });

  it('counts from the Failed condition for a failed Job, and leaves Jobs without a TTL alone', () => {
    const w = new JobWorld();
    w.kubelet({ startMs: 1000, runMs: 4000, exitCode: () => 1 });
    w.job('ttl', { ttlSecondsAfterFinished: 0, backoffLimit: 0 });
    w.job('keep', { backoffLimit: 0 });
    w.runTo(1000);
    expect(w.cluster.workload('Job', 'default', 'ttl')).toBeUndefined();
    expect(w.cluster.workload('Job', 'default', 'keep')).toBeDefined();
    expect([...w.cluster.pods()].map((p) => p.metadata.name)).toEqual([expect.stringMatching(/^keep-/)]);
  });
});
