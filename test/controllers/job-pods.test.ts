import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JobPods } from '../../src/controllers/job/job-pods.js';
import { isPodTerminating } from '../../src/controllers/job/pods.js';
import type { Pod, PodPhase } from '../../src/model/pod.js';
import { isPodActive, isPodReady } from '../../src/model/podutil.js';

function pod(i: number): Pod {
  return {
    metadata: { namespace: 'default', name: `p${i}`, uid: `u${i}`, labels: {}, annotations: {}, ownerReferences: [], creationTimestamp: 0 },
    spec: {},
    status: {
      phase: 'Pending',
      conditions: [],
      initContainerStatuses: [],
      containerStatuses: [{ name: 'c', state: { state: 'waiting', reason: 'ContainerCreating' }, restartCount: 0, started: false, ready: false }],
    },
  } as unknown as Pod;
}

const ops = fc.array(
  fc.oneof(
    fc.constant({ op: 'add' as const }),
    fc.record({ op: fc.constant('phase' as const), which: fc.nat(30), phase: fc.constantFrom<PodPhase>('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown') }),
    fc.record({ op: fc.constant('ready' as const), which: fc.nat(30), ready: fc.boolean() }),
    fc.record({ op: fc.constantFrom('restart' as const, 'delete' as const, 'remove' as const, 'take' as const), which: fc.nat(30) }),
  ),
  { maxLength: 150 },
);

describe('JobPods', () => {
  it('keeps the counts a sync would make from scratch, and hands out each changed pod once', () => {
    fc.assert(
      fc.property(ops, (script) => {
        const jp = new JobPods();
        const all: Pod[] = [];
        let changed = new Set<Pod>();
        for (const o of script) {
          const p = 'which' in o ? all[o.which % Math.max(1, all.length)] : undefined;
          if (o.op === 'add') {
            const q = pod(all.length);
            all.push(q);
            jp.add(q);
            changed.add(q);
            continue;
          }
          if (!p) continue;
          if (o.op === 'take') {
            expect(new Set(jp.takeChanged())).toEqual(changed);
            changed = new Set();
            continue;
          }
          if (o.op === 'remove') {
            jp.remove(p);
            changed.delete(p);
            continue;
          }
          if (o.op === 'phase') p.status.phase = o.phase;
          if (o.op === 'ready') p.status.conditions = [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: 0 }];
          if (o.op === 'restart') p.status.containerStatuses[0]!.restartCount++;
          if (o.op === 'delete') p.metadata.deletionTimestamp ??= 0;
          jp.update(p);
          if (jp.has(p)) changed.add(p);
          const live = [...jp.values()];
          expect(jp.size).toBe(live.length);
          expect(jp.active).toBe(live.filter(isPodActive).length);
          expect(jp.ready).toBe(live.filter((x) => isPodActive(x) && isPodReady(x)).length);
          expect(jp.terminating).toBe(live.filter(isPodTerminating).length);
          const restarts = live
            .filter((x) => x.status.phase === 'Pending' || x.status.phase === 'Running')
            .reduce((n, x) => n + x.status.containerStatuses.reduce((m, s) => m + s.restartCount, 0), 0);
          expect(jp.restarts).toBe(restarts);
        }
      }),
      { numRuns: 300 },
    );
  });
});
