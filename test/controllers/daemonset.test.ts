import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/pod.js';
import type { DaemonSet } from '../../src/model/workloads.js';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../../src/model/taints.js';
import { DsWorld } from './world-ds.js';

const node = (p: Pod) => p.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0];

/** Three workers, one tainted dedicated=gpu (tolerated), one tainted other (not), one outside the selector. */
function mixedCluster(w: DsWorld): void {
  w.addNode('n0', { labels: { role: 'worker' } });
  w.addNode('n1', { labels: { role: 'worker' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  w.addNode('n2', { labels: { role: 'worker' }, taints: [{ key: 'other', value: 'x', effect: 'NoSchedule' }] });
  w.addNode('n3', { labels: { role: 'infra' } });
  w.addNode('n4', {
    labels: { role: 'worker' },
    unschedulable: true,
    taints: [{ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' }],
  });
  w.addNode('n5', { labels: { role: 'worker' }, ready: 'False', taints: [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' }] });
}

const tolerateGpu = [{ key: 'dedicated', operator: 'Equal' as const, value: 'gpu', effect: 'NoSchedule' as const }];

describe('DaemonSet controller: placement', () => {
  it('creates one unbound pod per eligible node at t=0, pinned by matchFields', () => {
    const w = new DsWorld();
    w.at(0, () => {
      mixedCluster(w);
      w.createDaemonSet('agent', { nodeSelector: { role: 'worker' }, tolerations: tolerateGpu });
    });
    w.run(1);
    const ds = w.cluster.workload('DaemonSet', 'default', 'agent')!;
    const pods = w.pods(ds as DaemonSet);
    expect(pods.map(node)).toEqual(['n0', 'n1', 'n4', 'n5']);
    for (const p of pods) {
      expect(p.spec.nodeName).toBeUndefined();
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid, controller: true }]);
      expect(p.metadata.labels['controller-revision-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
      expect(p.metadata.creationTimestamp).toBe(0);
    }
    expect(w.eventsOf('SuccessfulCreate')).toEqual(pods.map((p) => ({ t: 0, message: `Created pod: ${p.metadata.name}` })));
    expect(ds.status).toEqual({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberMisscheduled: 0,
      numberReady: 0,
      numberAvailable: 0,
      numberUnavailable: 4,
      updatedNumberScheduled: 4,
      observedGeneration: 1,
    });
  });

  it('adds the daemon tolerations before admission, so DefaultTolerationSeconds adds none', () => {
    const w = new DsWorld();
    w.at(0, () => {
      w.addNode('n0');
      w.createDaemonSet('agent', {
        tolerations: [{ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      });
    });
    w.run(0);
    const [pod] = w.pods(w.cluster.workload('DaemonSet', 'default', 'agent') as DaemonSet);
    expect(pod?.spec.tolerations).toEqual([
      { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
      { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
      { key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
      { key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
      { key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
      { key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('gives a node that joins at 30 s its pod at 30 s, and none to a node outside the selector', () => {
    const w = new DsWorld();
    w.at(0, () => {
      w.addNode('n0', { labels: { role: 'worker' } });
      w.createDaemonSet('agent', { nodeSelector: { role: 'worker' } });
    });
    w.at(30, () => {
      w.addNode('n1', { labels: { role: 'worker' } });
      w.addNode('n2', { labels: { role: 'infra' } });
    });
    w.run(60);
    expect(w.log.map((l) => [l.node, l.created])).toEqual([
      ['n0', 0],
      ['n1', 30],
    ]);
    expect(w.cluster.workload('DaemonSet', 'default', 'agent')?.status).toMatchObject({ desiredNumberScheduled: 2 });
  });

  it('deletes the pod of a node that stops matching and recreates it when it matches again', () => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 0, killAfter: 5 };
    w.at(0, () => {
      w.addNode('n0', { labels: { role: 'worker' } });
      w.createDaemonSet('agent', { nodeSelector: { role: 'worker' } });
    });
    const relabel = (role: string) => () => {
      const n = w.cluster.node('n0')!;
      n.labels = { role };
      w.cluster.updateNode(n);
    };
    w.at(10, relabel('infra'));
    w.at(20, relabel('worker'));
    w.run(60);
    expect(w.log).toEqual([
      { name: w.log[0]!.name, node: 'n0', created: 0, deleting: 10, removed: 15 },
      { name: w.log[1]!.name, node: 'n0', created: 20 },
    ]);
    const ds = w.cluster.workload('DaemonSet', 'default', 'agent')!;
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 1, numberReady: 1, numberMisscheduled: 0 });
  });

  it.each([
    ['NoSchedule', false],
    ['NoExecute', true],
  ] as const)('an untolerated %s taint added later deletes the running pod: %s', (effect, deleted) => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 0, killAfter: 5 };
    w.at(0, () => {
      w.addNode('n0');
      w.createDaemonSet('agent');
    });
    w.at(10, () => {
      const n = w.cluster.node('n0')!;
      n.taints = [{ key: 'maintenance', effect }];
      w.cluster.updateNode(n);
    });
    w.run(60);
    expect(w.log.length).toBe(1);
    expect(w.log[0]!.deleting).toBe(deleted ? 10 : undefined);
    const ds = w.cluster.workload('DaemonSet', 'default', 'agent')!;
    // A pod kept on a node it should not start on is misscheduled.
    expect(ds.status).toMatchObject(deleted ? { desiredNumberScheduled: 0, numberMisscheduled: 0 } : { desiredNumberScheduled: 0, numberMisscheduled: 1 });
  });

  it('does not recreate the pod of a removed node (PodGC collects it)', () => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 0, killAfter: 5 };
    w.at(0, () => {
      w.addNode('n0');
      w.addNode('n1');
      w.createDaemonSet('agent');
    });
    w.at(10, () => w.cluster.removeNode(w.cluster.node('n1')!));
    // PodGC's part, by hand: the orphan is removed at 60 s.
    w.at(60, () => w.cluster.removePod(w.cluster.pod('default', w.log[1]!.name)!));
    w.run(100);
    expect(w.log.map((l) => l.node)).toEqual(['n0', 'n1']);
    expect(w.cluster.workload('DaemonSet', 'default', 'agent')?.status).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
    });
  });

  it('deletes an unbound pod whose node is gone', () => {
    const w = new DsWorld();
    w.at(0, () => {
      w.addNode('n0');
      w.createDaemonSet('agent');
    });
    w.at(5, () => w.cluster.removeNode(w.cluster.node('n0')!));
    // Any later sync notices it; a pod event of another node triggers one here.
    w.at(7, () => w.addNode('n1'));
    w.run(10);
    expect(w.log.map((l) => [l.node, l.created, l.deleting])).toEqual([
      ['n0', 0, 7],
      ['n1', 7, undefined],
    ]);
  });
});

describe('DaemonSet controller: failed daemon pods', () => {
  it('deletes a failed pod at once, then recreates after 1 s, 2 s, 4 s of back-off', () => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 0, killAfter: 0, fail: true };
    w.at(0, () => {
      w.addNode('n0');
      w.createDaemonSet('agent');
    });
    w.run(7.5);
    expect(w.log.map((l) => l.created)).toEqual([0, 0, 1, 3, 7]);
    const failed = w.eventsOf('FailedDaemonPod');
    expect(failed.map((e) => e.t)).toEqual([0, 1, 3, 7]);
    expect(failed[0]!.message).toBe(`Found failed daemon pod default/${w.log[0]!.name} on node n0, will try to kill it`);
    expect(w.events.find((e) => e.reason === 'FailedDaemonPod')).toMatchObject({ type: 'Warning', kind: 'DaemonSet', name: 'agent' });
  });

  it('starts the back-off over for a pod that failed long after the last one', () => {
    const w = new DsWorld();
    w.at(0, () => {
      w.addNode('n0');
      w.createDaemonSet('agent');
    });
    const failCurrent = () => {
      const pod = w.cluster.pod('default', w.log[w.log.length - 1]!.name)!;
      w.fail(pod, 'n0');
    };
    w.at(10, failCurrent);
    w.at(20, failCurrent);
    w.run(30);
    // 10: no entry yet, deleted at once; 20: 10 s since the last update is past the 1 s delay.
    expect(w.log.map((l) => l.created)).toEqual([0, 10, 20]);
  });
});

describe('DaemonSet controller: updates', () => {
  const newImage = (w: DsWorld) => () => {
    const ds = w.cluster.workload('DaemonSet', 'default', 'agent') as DaemonSet;
    const t = ds.spec.template;
    ds.spec.template = { ...t, spec: { ...t.spec, containers: [{ ...t.spec.containers[0]!, image: 'agent:2' }] } };
    w.cluster.updateWorkload(ds);
  };

  it('rolls one node at a time with maxUnavailable 1: delete, wait for the kill, create, wait for Ready', () => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 5, killAfter: 2 };
    w.at(0, () => {
      for (const n of ['n0', 'n1', 'n2']) w.addNode(n);
      w.createDaemonSet('agent');
    });
    w.at(100, newImage(w));
    w.run(200);
    expect(w.log.map((l) => [l.node, l.created, l.deleting, l.removed])).toEqual([
      ['n0', 0, 100, 102],
      ['n1', 0, 107, 109],
      ['n2', 0, 114, 116],
      ['n0', 102, undefined, undefined],
      ['n1', 109, undefined, undefined],
      ['n2', 116, undefined, undefined],
    ]);
    const ds = w.cluster.workload('DaemonSet', 'default', 'agent')!;
    expect(ds.status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    expect(w.eventsOf('SuccessfulDelete').map((e) => e.t)).toEqual([100, 107, 114]);
  });

  it('with maxSurge 1 and maxUnavailable 0 creates the new pod first and deletes the old once it is available', () => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 5, killAfter: 2 };
    w.at(0, () => {
      for (const n of ['n0', 'n1']) w.addNode(n);
      w.createDaemonSet('agent', { updateStrategy: { type: 'RollingUpdate', maxUnavailable: 0, maxSurge: 1 } });
    });
    w.at(100, newImage(w));
    w.run(200);
    expect(w.log.map((l) => [l.node, l.created, l.deleting])).toEqual([
      ['n0', 0, 105],
      ['n1', 0, 110],
      ['n0', 100, undefined],
      ['n1', 105, undefined],
    ]);
  });

  it('with OnDelete replaces a pod only when it is deleted by hand', () => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 0, killAfter: 2 };
    w.at(0, () => {
      for (const n of ['n0', 'n1']) w.addNode(n);
      w.createDaemonSet('agent', { updateStrategy: { type: 'OnDelete' } });
    });
    w.at(100, newImage(w));
    w.at(150, () => w.cluster.deletePod(w.cluster.pod('default', w.log[1]!.name)!));
    w.run(200);
    expect(w.log.map((l) => [l.node, l.created])).toEqual([
      ['n0', 0],
      ['n1', 0],
      ['n1', 152],
    ]);
    expect(w.cluster.workload('DaemonSet', 'default', 'agent')?.status).toMatchObject({ updatedNumberScheduled: 1 });
  });

  it('counts a pod available minReadySeconds after it became Ready', () => {
    const w = new DsWorld();
    w.autoRun = { readyAfter: 3, killAfter: 2 };
    const seen: [number, number, number][] = [];
    w.at(0, () => {
      w.addNode('n0');
      const ds = w.createDaemonSet('agent', { minReadySeconds: 10 });
      w.cluster.watch({ workloadStatusUpdated: (x) => x === ds && seen.push([w.t, ds.status.numberReady, ds.status.numberAvailable]) });
    });
    w.run(60);
    expect(seen).toEqual([
      [0, 0, 0],
      [3, 1, 0],
      [13, 1, 1],
    ]);
  });
});
