import { describe, expect, it } from 'vitest';
import { GarbageCollector } from '../../src/controllers/garbagecollector.js';
import type { Pod } from '../../src/model/pod.js';
import { initialStatus } from '../../src/kinds/table.js';
import { type ReplicaSet, type Workload } from '../../src/model/workloads.js';
import { DsWorld, podSpec } from './world-ds.js';

/** A DsWorld with the garbage collector too, and a log of workload removals. */
function world(apiLatencyMs = 0): { w: DsWorld; gone: [number, string][] } {
  const w = new DsWorld({ apiLatencyMs });
  w.cluster.watch(new GarbageCollector({ cluster: w.cluster, engine: w.engine, streams: w.streams, config: w.config }));
  const gone: [number, string][] = [];
  w.cluster.watch({ workloadRemoved: (x) => gone.push([w.t, `${x.kind}/${x.metadata.name}`]) });
  return { w, gone };
}

function replicaSet(w: DsWorld, name: string, owner?: Workload): ReplicaSet {
  return {
    kind: 'ReplicaSet',
    metadata: {
      namespace: 'default',
      name,
      uid: w.cluster.newUid(),
      labels: {},
      annotations: {},
      ownerReferences: owner ? [{ kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true }] : [],
      creationTimestamp: 0,
      generation: 0,
    },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { labels: { app: name }, annotations: {}, spec: podSpec() }, minReadySeconds: 0 },
    status: initialStatus('ReplicaSet'),
  };
}

function ownedPod(w: DsWorld, name: string, owner: Workload): Pod {
  return w.cluster.submitPod({
    namespace: 'default',
    name,
    ownerReferences: [{ kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true }],
    template: { labels: {}, annotations: {}, spec: podSpec() },
  })!;
}

describe('garbage collector', () => {
  it('deletes a removed DaemonSet\'s pods at once, gracefully, and the controller does not replace them', () => {
    const { w } = world();
    w.autoRun = { readyAfter: 0, killAfter: 5 };
    w.at(0, () => {
      w.addNode('n0');
      w.addNode('n1');
      w.createDaemonSet('agent');
    });
    w.at(50, () => w.cluster.deleteWorkload(w.cluster.workload('DaemonSet', 'default', 'agent')!));
    w.run(100);
    expect(w.log.map((l) => [l.node, l.created, l.deleting, l.removed])).toEqual([
      ['n0', 0, 50, 55],
      ['n1', 0, 50, 55],
    ]);
  });

  it('cascades through a chain of owners, each step one API latency later', () => {
    const { w, gone } = world(1000);
    const removedPods: [number, string][] = [];
    w.cluster.watch({ podDeleting: (p) => removedPods.push([w.t, p.metadata.name]) });
    w.at(0, () => {
      const top = replicaSet(w, 'top');
      w.cluster.createWorkload(top);
      const mid = replicaSet(w, 'mid', top);
      w.cluster.createWorkload(mid);
      ownedPod(w, 'p-top', top);
      ownedPod(w, 'p-mid', mid);
      ownedPod(w, 'p-other', replicaSet(w, 'unrelated'));
    });
    w.at(10, () => w.cluster.deleteWorkload(w.cluster.workload('ReplicaSet', 'default', 'top')!));
    w.run(20);
    expect(gone).toEqual([
      [10, 'ReplicaSet/top'],
      [11, 'ReplicaSet/mid'],
    ]);
    expect(removedPods).toEqual([
      [11, 'p-top'],
      [12, 'p-mid'],
    ]);
  });

  it('collects a pod created for an owner that is already gone', () => {
    const { w } = world();
    const deleted: [number, string][] = [];
    w.cluster.watch({ podDeleting: (p) => deleted.push([w.t, p.metadata.name]) });
    let rs: ReplicaSet | undefined;
    w.at(0, () => w.cluster.createWorkload((rs = replicaSet(w, 'rs'))));
    w.at(5, () => w.cluster.deleteWorkload(rs!));
    w.at(7, () => ownedPod(w, 'late', rs!));
    w.run(10);
    expect(deleted).toEqual([[7, 'late']]);
  });
});
