import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { podResources } from '../../src/scheduler/pod-resources.js';
import { makeNode, makePod } from './world.js';

/** NodeInfo.hasPodBelow (DefaultPreemption's shortcut past nodes with nothing to evict) against a scan of the pods. */
describe('NodeInfo.hasPodBelow', () => {
  it('says whether some pod has a lower priority, after any adds, removes and clones', () => {
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('add' as const), priority: fc.integer({ min: -2, max: 2 }) }),
      fc.record({ op: fc.constant('remove' as const), which: fc.nat() }),
      fc.record({ op: fc.constant('clone' as const) }),
      fc.record({ op: fc.constant('ask' as const), priority: fc.integer({ min: -3, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        let info = new NodeInfo(makeNode('n'));
        let serial = 0;
        for (const o of ops) {
          if (o.op === 'add') {
            const pod = makePod(`p${serial++}`, { priority: o.priority });
            info.addPod(pod, podResources(pod));
          } else if (o.op === 'remove') {
            const pods = [...info.pods];
            const pod = pods[o.which % Math.max(1, pods.length)];
            if (pod !== undefined) info.removePod(pod, podResources(pod));
          } else if (o.op === 'clone') info = info.clone();
          else expect(info.hasPodBelow(o.priority)).toBe([...info.pods].some((p) => p.spec.priority < o.priority));
        }
      }),
      { numRuns: 300 },
    );
  });
});
