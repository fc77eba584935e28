import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_PLUGINS, newQueuedPodInfo, type QueuedPodInfo } from '../../src/scheduler/queued-pod.js';
import { UnschedulablePods } from '../../src/scheduler/unschedulable-pods.js';
import { makePod } from './world.js';

/**
 * UnschedulablePods.candidates is what moveAllOnEvent offers an event to:
 * it must be exactly the pods, in arrival order, that a scan of every pod
 * would find rejected by one of the event's plugins (or by none), whatever
 * the order of arrivals, re-arrivals and removals.
 */

const PLUGINS = ['A', 'B', 'C', 'D'];
const pluginSet = fc.subarray(PLUGINS).map((l) => (l.length === 0 ? NO_PLUGINS : new Set(l)));

const opArb = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('add' as const), pod: fc.nat({ max: 7 }), unschedulable: pluginSet, pending: pluginSet }), weight: 3 },
  fc.record({ op: fc.constant('delete' as const), pod: fc.nat({ max: 7 }) }),
  fc.record({ op: fc.constant('ask' as const), plugins: fc.option(fc.subarray(PLUGINS), { nil: undefined }) }),
);

describe('UnschedulablePods', () => {
  it('offers an event the pods a scan would, in the order they came', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60, size: 'medium' }), (ops) => {
        const pods = Array.from({ length: 8 }, (_, i) => newQueuedPodInfo(makePod(`p${i}`), 0, i));
        const u = new UnschedulablePods();
        for (const o of ops) {
          if (o.op === 'add') {
            const info = pods[o.pod] as QueuedPodInfo;
            // A pod's plugin sets change only while it is out (in flight).
            u.delete(info);
            info.unschedulablePlugins = o.unschedulable;
            info.pendingPlugins = o.pending;
            u.add(info);
          } else if (o.op === 'delete') u.delete(pods[o.pod] as QueuedPodInfo);
          else {
            const plugins = o.plugins === undefined ? undefined : new Set(o.plugins);
            const scan = [...u.values()].filter((info) => {
              if (plugins === undefined) return true;
              const rejectors = [...info.unschedulablePlugins, ...info.pendingPlugins];
              return rejectors.length === 0 || rejectors.some((p) => plugins.has(p));
            });
            expect(u.candidates(plugins).map((i) => i.pod.metadata.name)).toEqual(scan.map((i) => i.pod.metadata.name));
          }
        }
        expect(u.size).toBe([...u.values()].length);
      }),
      { numRuns: 300 },
    );
  });
});
