import { describe, expect, it } from 'vitest';
import {
  deletesBefore,
  getPodsToDelete,
  logarithmicRankDiff,
  podDeletionCost,
  type RankedPod,
} from '../../src/controllers/replicaset/ranking.js';
import { slowStartBatch } from '../../src/controllers/replicaset/slow-start.js';
import type { Millis } from '../../src/model/meta.js';
import type { Pod, PodPhase } from '../../src/model/pod.js';

interface Spec {
  uid?: string;
  node?: string;
  phase?: PodPhase;
  readyAt?: Millis;
  cost?: string;
  restarts?: number;
  created?: Millis;
}

function pod(s: Spec): Pod {
  return {
    metadata: {
      namespace: 'default',
      name: s.uid ?? 'p',
      uid: s.uid ?? 'uid-p',
      labels: {},
      annotations: s.cost !== undefined ? { 'controller.kubernetes.io/pod-deletion-cost': s.cost } : {},
      ownerReferences: [],
      creationTimestamp: s.created ?? 0,
    },
    spec: { ...(s.node !== undefined ? { nodeName: s.node } : {}) } as Pod['spec'],
    status: {
      phase: s.phase ?? 'Running',
      conditions: s.readyAt !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: s.readyAt }] : [],
      initContainerStatuses: [],
      containerStatuses: [
        { name: 'app', state: { state: 'running', startedAt: 0 }, restartCount: s.restarts ?? 0, started: true, ready: true },
      ],
    },
  };
}

const NOW = 1_000_000; // 1000 s
const ranked = (s: Spec, rank = 0): RankedPod => ({ pod: pod(s), rank });

describe('ActivePodsWithRanks.Less (deletesBefore)', () => {
  const base: Spec = { node: 'n1', phase: 'Running', readyAt: 100_000, created: 50_000 };
  it.each<[string, RankedPod, RankedPod]>([
    ['an unassigned pod goes before an assigned one', ranked({ ...base, node: undefined }), ranked(base)],
    ['Pending goes before Running', ranked({ ...base, phase: 'Pending' }), ranked(base)],
    ['Pending goes before Unknown', ranked({ ...base, phase: 'Pending' }), ranked({ ...base, phase: 'Unknown' })],
    ['Unknown goes before Running', ranked({ ...base, phase: 'Unknown' }), ranked(base)],
    ['not ready goes before ready', ranked({ ...base, readyAt: undefined }), ranked(base)],
    ['a lower deletion cost goes first', ranked({ ...base, cost: '-5' }), ranked({ ...base, cost: '10' })],
    ['an invalid deletion cost counts as 0', ranked({ ...base, cost: '+1' }), ranked({ ...base, cost: '1' })],
    ['more co-located related pods go first', ranked(base, 3), ranked(base, 1)],
    // ages 100 s (2^36.5 ns) and 900 s (2^39.7 ns): different log2 buckets
    ['ready more recently goes first', ranked({ ...base, readyAt: 900_000 }), ranked({ ...base, readyAt: 100_000 })],
    ['more restarts go first', ranked({ ...base, restarts: 3 }), ranked({ ...base, restarts: 1 })],
    ['newer creation goes first', ranked({ ...base, created: 900_000 }), ranked({ ...base, created: 100_000 })],
    [
      'ready times in one log2 bucket fall back to the UID',
      // ages 300 s and 280 s: both floor(log2(ns)) = 38
      ranked({ ...base, uid: 'a', readyAt: 700_000 }),
      ranked({ ...base, uid: 'b', readyAt: 720_000 }),
    ],
    [
      'the deletion cost outranks co-location',
      ranked({ ...base, cost: '1' }, 5),
      ranked({ ...base, cost: '2' }, 1),
    ],
    ['readiness outranks restarts', ranked({ ...base, readyAt: undefined }), ranked({ ...base, restarts: 9 })],
  ])('%s', (_name, first, second) => {
    expect(deletesBefore(first, second, NOW)).toBe(true);
    expect(deletesBefore(second, first, NOW)).toBe(false);
  });

  it('ready times within the same second tie, so the UID does not decide', () => {
    const a = ranked({ ...base, uid: 'a', readyAt: 700_100 });
    const b = ranked({ ...base, uid: 'b', readyAt: 700_900 });
    expect(deletesBefore(a, b, NOW)).toBe(false);
    expect(deletesBefore(b, a, NOW)).toBe(false);
  });
});

describe('logarithmicRankDiff', () => {
  it.each<[string, number, number, number]>([
    ['ages 1 s and 2 s are one bucket apart (2^29.9 and 2^30.9 ns)', 999, 998, -1],
    ['a timestamp at now has bucket -1', 1000, 999, -30],
    ['equal ages are in the same bucket', 500, 500, 0],
  ])('%s', (_name, t1, t2, expected) => {
    expect(logarithmicRankDiff(t1, t2, NOW)).toBe(expected);
  });
});

describe('podDeletionCost', () => {
  it.each<[string, string | undefined, number]>([
    ['absent is 0', undefined, 0],
    ['a positive value', '100', 100],
    ['a negative value', '-100', -100],
    ['zero', '0', 0],
    ['a leading plus sign is invalid', '+1', 0],
    ['a leading zero is invalid', '01', 0],
    ['beyond int32 is invalid', '2147483648', 0],
    ['the int32 minimum', '-2147483648', -2147483648],
  ])('%s', (_name, value, expected) => {
    const ann: Record<string, string> = value === undefined ? {} : { 'controller.kubernetes.io/pod-deletion-cost': value };
    expect(podDeletionCost(ann)).toBe(expected);
  });
});

describe('getPodsToDelete', () => {
  it('picks victims in rank order, counting related pods on the same node', () => {
    const running = { phase: 'Running' as const, readyAt: 100_000, created: 50_000 };
    const pods = [
      pod({ ...running, uid: 'ready-alone', node: 'n1' }),
      pod({ ...running, uid: 'ready-crowded', node: 'n2' }),
      pod({ uid: 'pending', node: 'n1', phase: 'Pending' }),
      pod({ uid: 'unassigned', phase: 'Pending' }),
      pod({ ...running, uid: 'not-ready', node: 'n1', readyAt: undefined }),
    ];
    const related = [...pods, pod({ ...running, uid: 'sibling', node: 'n2' }), pod({ ...running, uid: 'sib2', node: 'n2' }), pod({ ...running, uid: 'sib3', node: 'n2' })];
    const victims = getPodsToDelete(pods, related, 4, NOW).map((p) => p.metadata.uid);
    expect(victims).toEqual(['unassigned', 'pending', 'not-ready', 'ready-crowded']);
  });

  it('takes every pod without sorting when all go', () => {
    const pods = [pod({ uid: 'a' }), pod({ uid: 'b' })];
    expect(getPodsToDelete(pods, [], 2, NOW)).toEqual(pods);
  });
});

describe('slowStartBatch', () => {
  it.each<[string, number, number[], number, number[]]>([
    ['creates all in batches 1, 2, 4, 3', 10, [], 10, [1, 2, 4, 3]],
    ['a single pod is one batch', 1, [], 1, [1]],
    ['nothing to do calls nothing', 0, [], 0, []],
    ['a failure in batch 2 skips the rest after the batch', 10, [2], 2, [1, 2]],
    ['a failure in the first call stops at once', 5, [1], 0, [1]],
  ])('%s', (_name, count, failOn, successes, batches) => {
    let calls = 0;
    const ok = slowStartBatch(count, 1, () => !failOn.includes(++calls));
    expect(ok).toBe(successes);
    expect(calls).toBe(batches.reduce((a, b) => a + b, 0));
  });
});
