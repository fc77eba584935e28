import { describe, expect, it } from 'vitest';
import { finishedTime, nextBackoffRecord, NO_BACKOFF, remainingBackoff } from '../../src/controllers/job/backoff.js';
import {
  firstPendingIndexes,
  formatIntervals,
  has,
  parseIntervals,
  total,
  withIndexes,
} from '../../src/controllers/job/intervals.js';
import { matchPodFailurePolicy } from '../../src/controllers/job/pod-failure-policy.js';
import { generateNameWithIndex } from '../../src/controllers/job/pods.js';
import type { Pod } from '../../src/model/pod.js';
import type { PodFailurePolicyRule } from '../../src/model/workloads.js';

function pod(o: { name?: string; exit?: number; finishedAt?: number; conditions?: Pod['status']['conditions']; deleted?: number } = {}): Pod {
  const status: Pod['status'] = { phase: 'Failed', conditions: o.conditions ?? [], initContainerStatuses: [], containerStatuses: [] };
  if (o.exit !== undefined) {
    const finishedAt = o.finishedAt ?? 0;
    status.containerStatuses.push({
      name: 'main',
      state: { state: 'terminated', exitCode: o.exit, reason: 'Error', startedAt: 0, finishedAt },
      restartCount: 0,
      started: false,
      ready: false,
    });
  }
  return {
    metadata: {
      namespace: 'default',
      name: o.name ?? 'p',
      uid: o.name ?? 'p',
      labels: {},
      annotations: {},
      ownerReferences: [],
      creationTimestamp: 0,
      ...(o.deleted !== undefined ? { deletionTimestamp: o.deleted } : {}),
    },
    spec: { initContainers: [], containers: [] } as unknown as Pod['spec'],
    status,
  };
}

describe('completed indexes as intervals', () => {
  it.each<[string, number[], string]>([
    ['no index is the empty string', [], ''],
    ['one index stands alone', [3], '3'],
    ['two adjacent indexes are written with a comma', [3, 4], '3,4'],
    ['three or more adjacent indexes are a range', [0, 1, 2, 4], '0-2,4'],
    ['separate runs are joined by commas', [0, 2, 3, 4, 7, 8], '0,2-4,7,8'],
  ])('%s', (_, indexes, text) => {
    const oi = withIndexes([], indexes);
    expect(formatIntervals(oi)).toBe(text);
    expect(total(oi)).toBe(indexes.length);
    expect(parseIntervals(text, 100)).toEqual(oi);
  });

  it('parsing drops indexes at or above completions and merges adjacent parts', () => {
    expect(formatIntervals(parseIntervals('0-2,3,5-9', 7))).toBe('0-3,5,6');
    expect(formatIntervals(parseIntervals('x,1', 7))).toBe('1');
  });

  it('membership and merging', () => {
    const oi = withIndexes(parseIntervals('0-2,6', 10), [4, 3, 9].sort((a, b) => a - b));
    expect(formatIntervals(oi)).toBe('0-4,6,9');
    expect([0, 4, 5, 6, 8, 9].map((ix) => has(oi, ix))).toEqual([true, true, false, true, false, true]);
  });

  it('the first pending indexes skip succeeded and active ones', () => {
    expect(firstPendingIndexes(parseIntervals('0-2,4', 10), 3, 10)).toEqual([3, 5, 6]);
    expect(firstPendingIndexes(parseIntervals('1', 3), 5, 3)).toEqual([0, 2]);
  });

  it('indexed pod names are <job>-<index>- with the job name cut to fit 58 characters', () => {
    expect(generateNameWithIndex('pi', 7)).toBe('pi-7-');
    const long = 'j'.repeat(60);
    expect(generateNameWithIndex(long, 12)).toBe(`${'j'.repeat(54)}-12-`);
  });
});

describe('the pod failure back-off', () => {
  const knobs = { initialMs: 10_000, maxMs: 600_000 };

  it.each<[string, number, number]>([
    ['one failure waits 10 s from it', 1, 10_000],
    ['two failures wait 20 s', 2, 20_000],
    ['three failures wait 40 s', 3, 40_000],
    ['many failures wait the 10 min cap', 12, 600_000],
  ])('%s', (_, failures, wait) => {
    expect(remainingBackoff({ failuresAfterLastSuccess: failures, lastFailureTime: 5_000 }, knobs, 5_000)).toBe(wait);
    expect(remainingBackoff({ failuresAfterLastSuccess: failures, lastFailureTime: 5_000 }, knobs, 5_000 + wait)).toBe(0);
  });

  it('new failures add up and the latest finish is the reference', () => {
    const r = nextBackoffRecord(NO_BACKOFF, [], [pod({ exit: 1, finishedAt: 7_000 }), pod({ exit: 1, finishedAt: 3_000 })]);
    expect(r).toEqual({ failuresAfterLastSuccess: 2, lastFailureTime: 7_000 });
    expect(nextBackoffRecord(r, [], [pod({ exit: 1, finishedAt: 9_000 })])).toEqual({ failuresAfterLastSuccess: 3, lastFailureTime: 9_000 });
  });

  it('a success keeps only the failures that finished after it', () => {
    const old = { failuresAfterLastSuccess: 4, lastFailureTime: 1_000 };
    const ok = pod({ exit: 0, finishedAt: 5_000 });
    expect(nextBackoffRecord(old, [ok], [])).toEqual(NO_BACKOFF);
    expect(nextBackoffRecord(old, [ok], [pod({ exit: 1, finishedAt: 4_000 }), pod({ exit: 1, finishedAt: 6_000 })])).toEqual({
      failuresAfterLastSuccess: 1,
      lastFailureTime: 6_000,
    });
  });

  it('a pod finished when its containers did, else when Ready became False, else when its deletion was asked', () => {
    expect(finishedTime(pod({ exit: 1, finishedAt: 4_000 }))).toBe(4_000);
    const notReady = [{ type: 'Ready' as const, status: 'False' as const, lastTransitionTime: 8_000 }];
    expect(finishedTime(pod({ conditions: notReady, deleted: 9_000 }))).toBe(8_000);
    expect(finishedTime(pod({ deleted: 9_000 }))).toBe(9_000);
  });
});

describe('matching the pod failure policy', () => {
  const rules: PodFailurePolicyRule[] = [
    { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
  ];
  const disrupted = [{ type: 'DisruptionTarget' as const, status: 'True' as const, lastTransitionTime: 0 }];

  it.each<[string, Pod, ReturnType<typeof matchPodFailurePolicy>]>([
    [
      'exit code 42 fails the Job with the upstream message',
      pod({ name: 'pi-abcde', exit: 42 }),
      { countFailed: true, action: 'FailJob', failJobMessage: 'Container main for pod default/pi-abcde failed with exit code 42 matching FailJob rule at index 0' },
    ],
    ['a DisruptionTarget condition is ignored', pod({ conditions: disrupted }), { countFailed: false, action: 'Ignore' }],
    ['exit code 3 is counted by the NotIn rule', pod({ exit: 3 }), { countFailed: true, action: 'Count' }],
    ['exit code 1 matches no rule and counts', pod({ exit: 1 }), { countFailed: true }],
  ])('%s', (_, p, want) => {
    expect(matchPodFailurePolicy({ rules }, p)).toEqual(want);
  });

  it('a FailJob rule on a condition names the condition', () => {
    const r = matchPodFailurePolicy({ rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, pod({ name: 'x', conditions: disrupted }));
    expect(r.failJobMessage).toBe('Pod default/x has condition DisruptionTarget matching FailJob rule at index 0');
  });
});
