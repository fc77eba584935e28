import { describe, expect, it } from 'vitest';
import { computeZoneState, zoneKey } from '../../src/controllers/nodelifecycle/zones.js';
import { FaultWorld } from './world.js';

const ZONE = 'topology.kubernetes.io/zone';

/** `size` nodes per zone, one ReplicaSet pod on each; `lost` nodes partitioned at 33 s. */
function zoneWorld(zones: Record<string, number>, lost: readonly string[]) {
  const w = new FaultWorld();
  for (const [zone, size] of Object.entries(zones)) {
    for (let i = 0; i < size; i++) {
      const name = `${zone}-${i}`;
      w.addNode(name, { [ZONE]: zone });
      w.pod(`web-${name}`, name, { owner: 'ReplicaSet' });
    }
  }
  w.at(33, () => {
    for (const name of lost) w.faults.partition(w.node(name));
  });
  w.run(1200);
  return w;
}

const noExecuteAt = (w: FaultWorld, node: string) =>
  w.taintTimes(node).find(([, taints]) => taints.includes('unreachable:NoExecute'))?.[0];

describe('per-zone eviction rate limiting', () => {
  it('taints three nodes lost at once in a zone of 10 one every 10 s (nodeEvictionRate 0.1), and evicts 10 s apart', () => {
    const w = zoneWorld({ a: 10 }, ['a-2', 'a-5', 'a-7']);
    expect(['a-2', 'a-5', 'a-7'].map((n) => w.readyTimes(n)[0])).toEqual([
      [85, 'Unknown'],
      [85, 'Unknown'],
      [85, 'Unknown'],
    ]);
    expect(['a-2', 'a-5', 'a-7'].map((n) => noExecuteAt(w, n))).toEqual([90, 100, 110]);
    expect(w.deleting).toEqual([
      [390, 'web-a-2'],
      [400, 'web-a-5'],
      [410, 'web-a-7'],
    ]);
  });

  it('rate-limits each zone on its own', () => {
    const w = zoneWorld({ a: 5, b: 5 }, ['a-0', 'a-1', 'b-0', 'b-1']);
    expect(['a-0', 'a-1', 'b-0', 'b-1'].map((n) => noExecuteAt(w, n))).toEqual([90, 100, 90, 100]);
  });

  it('stops evictions in a partially disrupted small zone (3 of 4 lost: rate 0), though NoSchedule taints still come', () => {
    const w = zoneWorld({ a: 4, b: 4 }, ['a-0', 'a-1', 'a-2']);
    expect(['a-0', 'a-1', 'a-2'].map((n) => noExecuteAt(w, n))).toEqual([undefined, undefined, undefined]);
    expect(w.taintTimes('a-0')).toEqual([[85, 'unreachable:NoSchedule']]);
    expect(w.deleting).toEqual([]);
  });

  it('evicts at the normal rate from a fully disrupted zone while another zone is healthy', () => {
    const w = zoneWorld({ a: 2, b: 3 }, ['a-0', 'a-1']);
    expect(['a-0', 'a-1'].map((n) => noExecuteAt(w, n))).toEqual([90, 100]);
  });

  it('evicts nothing when every zone is fully disrupted (master disruption mode)', () => {
    const w = zoneWorld({ a: 2, b: 1 }, ['a-0', 'a-1', 'b-0']);
    expect(['a-0', 'a-1', 'b-0'].map((n) => noExecuteAt(w, n))).toEqual([undefined, undefined, undefined]);
    expect(w.readyTimes('b-0')).toEqual([[85, 'Unknown']]);
    expect(w.deleting).toEqual([]);
  });

  it('resumes tainting when a node of a fully disrupted cluster comes back', () => {
    const w = new FaultWorld();
    for (const n of ['n1', 'n2']) {
      w.addNode(n);
      w.pod(`web-${n}`, n, { owner: 'ReplicaSet' });
    }
    w.at(33, () => ['n1', 'n2'].forEach((n) => w.faults.partition(w.node(n))));
    w.at(150, () => w.faults.heal(w.node('n2')));
    w.run(1000);
    expect(w.readyTimes('n2')).toEqual([
      [85, 'Unknown'],
      [160, 'True'],
    ]);
    // The run at 160 leaves master disruption mode and queues n1 again; the
    // zone's new token bucket starts drained (SwapLimiter: the old, never
    // accepting limiter had no token), so the first taint waits 10 s.
    expect(noExecuteAt(w, 'n1')).toBe(170);
    expect(w.deleting).toEqual([[470, 'web-n1']]);
  });
});

describe('zones', () => {
  it.each([
    [{}, ''],
    [{ [ZONE]: 'a' }, ':\u0000:a'],
    [{ 'topology.kubernetes.io/region': 'r', [ZONE]: 'a' }, 'r:\u0000:a'],
    [{ 'failure-domain.beta.kubernetes.io/zone': 'b' }, ':\u0000:b'],
  ])('key %o as GetZoneKey does', (labels, key) => {
    expect(zoneKey(labels)).toBe(key);
  });

  it.each([
    [10, 0, 'Normal'],
    [10, 3, 'Normal'],
    [4, 3, 'PartialDisruption'],
    [20, 11, 'PartialDisruption'],
    [20, 10, 'Normal'],
    [2, 2, 'FullDisruption'],
    [3, 2, 'Normal'],
  ])('a zone of %i with %i not ready is %s', (size, notReady, state) => {
    expect(computeZoneState(size, notReady)).toBe(state);
  });
});
