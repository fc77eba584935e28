import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/pod.js';
import { PodHeap } from '../../src/scheduler/pod-heap.js';
import { newQueuedPodInfo, prioritySortLess, type QueuedPodInfo } from '../../src/scheduler/queued-pod.js';

function info(name: string, priority: number, timestamp: number, seq: number): QueuedPodInfo {
  const pod = { metadata: { name }, spec: { priority } } as unknown as Pod;
  const i = newQueuedPodInfo(pod, timestamp, seq);
  i.location = 'active';
  return i;
}

type Op = { push: { priority: number; timestamp: number; key: number } } | { pop: true } | { move: number } | { back: number };

const ops = fc.array(
  fc.oneof(
    fc.record({ push: fc.record({ priority: fc.integer({ min: 0, max: 3 }), timestamp: fc.integer({ min: 0, max: 20 }), key: fc.integer({ min: 0, max: 2 }) }) }),
    fc.constant({ pop: true as const }),
    fc.record({ move: fc.nat(50) }),
    fc.record({ back: fc.nat(50) }),
  ),
  { maxLength: 120 },
) as fc.Arbitrary<Op[]>;

describe('PodHeap', () => {
  it('pops in key, then PrioritySort order, whatever order pods come in, skipping pods moved away (against a sorted list)', () => {
    fc.assert(
      fc.property(ops, (script) => {
        const heap = new PodHeap('active', prioritySortLess);
        const live: { info: QueuedPodInfo; key: number }[] = [];
        let seq = 0;
        for (const op of script) {
          if ('push' in op) {
            const i = info(`p${seq}`, op.push.priority, op.push.timestamp, seq++);
            heap.push(i, op.push.key);
            live.push({ info: i, key: op.push.key });
          } else if ('back' in op) {
            // The queue moved a pod away and straight back, as requeueing does: a new generation, seq and
            // timestamp, pushed again; its old entry is stale though its location is this heap's again.
            const i = live[op.back % Math.max(1, live.length)];
            if (i) {
              i.info.generation += 2;
              i.info.seq = seq++;
              i.info.timestamp += 1;
              heap.push(i.info, i.key);
            }
          } else if ('move' in op) {
            // The queue moved the pod elsewhere: its entry is stale.
            const victim = live.splice(op.move % Math.max(1, live.length), 1)[0];
            if (victim) {
              victim.info.location = 'unschedulable';
              victim.info.generation++;
            }
          } else {
            live.sort((a, b) => a.key - b.key || prioritySortLess(
              { priority: a.info.pod.spec.priority, timestamp: a.info.timestamp, seq: a.info.seq },
              { priority: b.info.pod.spec.priority, timestamp: b.info.timestamp, seq: b.info.seq },
            ));
            const want = live.shift();
            expect(heap.peek()?.info).toBe(want?.info);
            expect(heap.pop()).toBe(want?.info);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
