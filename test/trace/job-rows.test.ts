import { describe, expect, it } from 'vitest';
import { WorkloadTracker } from '../../src/io/trace/workloads.js';
import type { Job, JobSpec, JobStatus, WorkloadCondition } from '../../src/model/workloads.js';

const condition = (type: string, reason: string, at: number): WorkloadCondition => ({ type, status: 'True', reason, message: '', lastTransitionTime: at });

function job(name: string, spec: Partial<JobSpec>, status: Partial<JobStatus>): Job {
  return {
    kind: 'Job',
    metadata: { name, namespace: 'default', uid: name, generation: 1, labels: {}, annotations: {}, ownerReferences: [], creationTimestamp: 0 },
    spec: { parallelism: 1, completionMode: 'NonIndexed', backoffLimit: 6, suspend: false, podReplacementPolicy: 'TerminatingOrFailed', ...spec } as JobSpec,
    status: { active: 0, succeeded: 0, failed: 0, ready: 0, terminating: 0, completedIndexes: '', conditions: [], ...status },
  } as unknown as Job;
}

describe('WorkloadTracker.jobRows: kubectl get jobs columns (printers.go printJob)', () => {
  it('COMPLETIONS, STATUS, and DURATION to completion, to the Failed condition, or to the end while running', () => {
    const t = new WorkloadTracker();
    t.observe(job('done', { completions: 6 }, { succeeded: 6, failed: 1, startTime: 0, completionTime: 906_000, conditions: [condition('Complete', 'CompletionsReached', 906_000)] }), 0);
    t.observe(job('nightly', {}, { failed: 7, startTime: 10_000, conditions: [condition('FailureTarget', 'BackoffLimitExceeded', 60_000), condition('Failed', 'BackoffLimitExceeded', 60_000)] }), 0);
    t.observe(job('queue', { parallelism: 3 }, { succeeded: 0, active: 3, startTime: 0 }), 0);
    t.observe(job('single', {}, { startTime: 0 }), 0);
    expect(t.jobRows(1_510_000).map((r) => [r.name, r.completions, r.status, r.reason, r.durationS])).toEqual([
      ['done', '6/6', 'Complete', 'CompletionsReached', 906],
      ['nightly', '0/1', 'Failed', 'BackoffLimitExceeded', 50],
      ['queue', '0/1 of 3', 'Running', '', 1510],
      ['single', '0/1', 'Running', '', 1510],
    ]);
  });
});
