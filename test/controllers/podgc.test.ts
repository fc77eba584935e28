import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { PodGC } from '../../src/controllers/podgc.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { DEFAULT_CONTROL_PLANE } from '../../src/model/defaults.js';
import type { Pod, PodPhase } from '../../src/model/pod.js';
import { TAINT_NODE_OUT_OF_SERVICE } from '../../src/model/taints.js';
import { makeNode, podSpec, s } from './world-ds.js';

function makePod(name: string, nodeName?: string): Pod {
  const { nodeName: _, ...spec } = podSpec();
  return {
    metadata: { namespace: 'default', name, uid: `uid-${name}`, labels: {}, annotations: {}, ownerReferences: [], creationTimestamp: 0 },
    spec: { ...spec, ...(nodeName ? { nodeName } : {}), containers: [], initContainers: [] } as Pod['spec'],
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}

class GcWorld {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly gc: PodGC;
  readonly removed: [number, string][] = [];
  readonly transitions: [number, string, PodPhase, string][] = [];

  constructor(threshold: number) {
    const config = { ...DEFAULT_CONTROL_PLANE, terminatedPodGCThreshold: threshold };
    this.gc = new PodGC({ cluster: this.cluster, engine: this.engine, streams: new RandomStreams(1), config });
    this.cluster.watch(this.gc);
    this.cluster.watch({
      podRemoved: (p) => this.removed.push([this.engine.now / 1000, p.metadata.name]),
      podStatusChanged: (p, _old, reason) => this.transitions.push([this.engine.now / 1000, p.metadata.name, p.status.phase, reason]),
    });
  }

  at(seconds: number, f: () => void): void {
    this.engine.at(s(seconds), f);
  }

  pod(name: string): Pod {
    return this.cluster.pod('default', name)!;
  }

  finish(name: string, phase: PodPhase, reason?: string): void {
    const p = this.pod(name);
    if (reason) p.status.reason = reason;
    this.cluster.updatePodStatus(p, phase, reason ?? phase);
  }
}

describe('PodGC: terminated pods', () => {
  it('deletes the excess over the threshold at the next 20 s tick, evicted first, then oldest', () => {
    const w = new GcWorld(2);
    w.at(0, () => w.cluster.addNode(makeNode('n0', 0)));
    ['a', 'b', 'c', 'd', 'e'].forEach((name, i) => w.at(i, () => w.cluster.createPod(makePod(name, 'n0'))));
    w.at(5, () => w.finish('a', 'Succeeded'));
    w.at(6, () => w.finish('c', 'Failed', 'Evicted'));
    w.at(7, () => w.finish('b', 'Failed'));
    w.at(45, () => w.finish('d', 'Succeeded'));
    w.engine.run();
    // 7: 3 terminated > 2 -> tick at 20 deletes one: the evicted c. 45: 3 again -> tick at 60: the oldest, a.
    expect(w.removed).toEqual([
      [20, 'c'],
      [60, 'a'],
    ]);
    expect(w.gc.terminatedPods).toBe(2);
    expect(w.engine.now).toBe(60_000);
  });

  it('schedules nothing while the count stays at or under the threshold', () => {
    const w = new GcWorld(2);
    w.at(0, () => w.cluster.addNode(makeNode('n0', 0)));
    w.at(1, () => ['a', 'b'].forEach((n) => w.cluster.createPod(makePod(n, 'n0'))));
    w.at(2, () => ['a', 'b'].forEach((n) => w.finish(n, 'Succeeded')));
    w.engine.run();
    expect(w.engine.now).toBe(2000);
    expect(w.removed).toEqual([]);
  });

  it('threshold 0 disables terminated-pod GC', () => {
    const w = new GcWorld(0);
    w.at(0, () => w.cluster.addNode(makeNode('n0', 0)));
    w.at(1, () => ['a', 'b', 'c'].forEach((n) => (w.cluster.createPod(makePod(n, 'n0')), w.finish(n, 'Failed'))));
    w.engine.run();
    expect(w.removed).toEqual([]);
  });

  it('a change at a tick instant after that tick ran waits for the next tick', () => {
    const w = new GcWorld(1);
    w.at(0, () => w.cluster.addNode(makeNode('n0', 0)));
    w.at(1, () => ['a', 'b', 'c'].forEach((n) => w.cluster.createPod(makePod(n, 'n0'))));
    w.at(10, () => ['a', 'b'].forEach((n) => w.finish(n, 'Failed')));
    // Scheduled at 15, so it comes after the 20 s run (scheduled at 10), which removed a.
    w.at(15, () => w.at(20, () => w.finish('c', 'Failed')));
    w.engine.run();
    expect(w.removed).toEqual([
      [20, 'a'],
      [40, 'b'],
    ]);
  });
});

describe('PodGC: orphans', () => {
  it('fails and removes the pods of a node removed at 5 s at 60 s (first tick 20, +40 quarantine)', () => {
    const w = new GcWorld(12_500);
    w.at(0, () => {
      w.cluster.addNode(makeNode('n0', 0));
      w.cluster.createPod(makePod('a', 'n0'));
      w.cluster.updatePodStatus(w.pod('a'), 'Running', 'Started');
    });
    w.at(5, () => w.cluster.removeNode(w.cluster.node('n0')!));
    let condition: unknown;
    w.cluster.watch({ podRemoved: (p) => (condition = p.status.conditions.find((c) => c.type === 'DisruptionTarget')) });
    w.engine.run();
    expect(w.transitions).toEqual([
      [0, 'a', 'Running', 'Started'],
      [60, 'a', 'Failed', 'DeletionByPodGC'],
    ]);
    expect(w.removed).toEqual([[60, 'a']]);
    expect(condition).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
      lastTransitionTime: 60_000,
    });
    expect(w.engine.now).toBe(60_000);
  });

  it('keeps the pods when the node comes back before the quarantine ends', () => {
    const w = new GcWorld(12_500);
    w.at(0, () => {
      w.cluster.addNode(makeNode('n0', 0));
      w.cluster.createPod(makePod('a', 'n0'));
    });
    w.at(5, () => w.cluster.removeNode(w.cluster.node('n0')!));
    w.at(30, () => w.cluster.addNode(makeNode('n0', 1)));
    w.engine.run();
    expect(w.removed).toEqual([]);
  });
});

describe('PodGC: out-of-service nodes', () => {
  it('force-deletes terminating pods of a NotReady node once it has the out-of-service taint', () => {
    const w = new GcWorld(12_500);
    w.at(0, () => {
      w.cluster.addNode(makeNode('n0', 0));
      w.cluster.createPod(makePod('a', 'n0'));
      w.cluster.createPod(makePod('b', 'n0'));
      w.cluster.updatePodStatus(w.pod('a'), 'Running', 'Started');
    });
    w.at(3, () => {
      const n = w.cluster.node('n0')!;
      n.ready = 'Unknown';
      w.cluster.updateNode(n);
    });
    w.at(10, () => w.cluster.deletePod(w.pod('a')));
    w.at(25, () => {
      const n = w.cluster.node('n0')!;
      n.taints = [{ key: TAINT_NODE_OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute' }];
      w.cluster.updateNode(n);
    });
    w.engine.run();
    expect(w.removed).toEqual([[40, 'a']]);
    expect(w.transitions.at(-1)).toEqual([40, 'a', 'Failed', '']);
    expect(w.pod('b')).toBeDefined();
  });
});
