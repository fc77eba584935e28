import { describe, expect, it } from 'vitest';
import { ReplicaSetController, ReplicationManager } from '../../src/controllers/replicaset/controller.js';
import type { ReplicaSet } from '../../src/model/workloads.js';
import { FakeKubelet, World } from './world-rs.js';

const labels = { app: 'web' };

function setup(kind: ReplicaSet['kind'], replicas: number, o: { readyAfterMs?: number; graceMs?: number; minReadySeconds?: number } = {}) {
  const w = new World();
  const kubelet = new FakeKubelet(w.cluster, w.engine, o.readyAfterMs, o.graceMs);
  w.cluster.watch(kind === 'ReplicaSet' ? new ReplicaSetController(w.ctx) : new ReplicationManager(w.ctx));
  w.cluster.watch(kubelet);
  const rs = w.replicaSet('web', replicas, labels, kind, o.minReadySeconds ?? 0);
  return { w, rs, kubelet };
}

describe.each<ReplicaSet['kind']>(['ReplicaSet', 'ReplicationController'])('the %s controller', (kind) => {
  it('creates the missing pods at t=0, owned by it and named <name>-xxxxx', () => {
    const { w, rs } = setup(kind, 3);
    w.engine.run(0);
    const pods = [...w.cluster.pods()];
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ kind, name: 'web', uid: rs.metadata.uid, controller: true }]);
      expect(p.metadata.labels).toEqual(labels);
    }
    expect(w.eventsOf(kind)).toEqual(pods.map((p) => [0, 'SuccessfulCreate', `Created pod: ${p.metadata.name}`]));
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
  });

  it('replaces a pod that failed at once, and leaves the failed pod to PodGC', () => {
    const { w } = setup(kind, 2);
    w.engine.run(0);
    const victim = [...w.cluster.pods()][0]!;
    w.engine.at(10_000, () => w.cluster.updatePodStatus(victim, 'Failed', 'Error'));
    w.engine.run(20_000);
    expect(w.activePods()).toHaveLength(2);
    expect(w.cluster.pod('default', victim.metadata.name)).toBe(victim);
    const creates = w.eventsOf(kind).filter(([, reason]) => reason === 'SuccessfulCreate');
    expect(creates.map(([t]) => t)).toEqual([0, 0, 10]);
    expect(w.eventsOf(kind).some(([, reason]) => reason === 'SuccessfulDelete')).toBe(false);
  });

  it('replaces a pod whose deletion was requested at once, while it terminates', () => {
    const { w, rs } = setup(kind, 2, { graceMs: 30_000 });
    w.engine.run(0);
    const victim = [...w.cluster.pods()][0]!;
    w.engine.at(10_000, () => w.cluster.deletePod(victim));
    w.engine.run(10_000);
    expect(w.cluster.podCount).toBe(3);
    expect(w.activePods()).toHaveLength(2);
    expect(rs.status.replicas).toBe(2);
    w.engine.run(40_000);
    expect(w.cluster.podCount).toBe(2);
  });

  it('scales down by the victim ranking: not-ready pods go first', () => {
    const { w, rs, kubelet } = setup(kind, 3, { readyAfterMs: 5_000 });
    w.engine.run(0);
    const [a, b, c] = [...w.cluster.pods()];
    kubelet.readyAfterMs = undefined;
    w.engine.run(10_000);
    w.engine.at(10_000, () => {
      w.cluster.deletePod(b!); // b terminates; its replacement is never ready
    });
    w.engine.run(20_000);
    const replacement = w.activePods().find((p) => p !== a && p !== c)!;
    w.engine.at(30_000, () => {
      rs.spec.replicas = 2;
      w.cluster.updateWorkload(rs);
    });
    w.engine.run(40_000);
    expect(w.activePods()).toEqual([a, c]);
    expect(w.eventsOf(kind).at(-1)).toEqual([30, 'SuccessfulDelete', `Deleted pod: ${replacement.metadata.name}`]);
    expect(rs.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 2 });
  });

  it('reports availability exactly minReadySeconds after readiness', () => {
    const { w, rs } = setup(kind, 3, { readyAfterMs: 5_000, minReadySeconds: 10 });
    w.engine.run(14_999);
    expect(rs.status).toMatchObject({ readyReplicas: 3, availableReplicas: 0 });
    w.engine.run(15_000);
    expect(rs.status).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });
  });

  it('ignores objects of the other kind', () => {
    const w = new World();
    w.cluster.watch(kind === 'ReplicaSet' ? new ReplicationManager(w.ctx) : new ReplicaSetController(w.ctx));
    w.replicaSet('web', 2, labels, kind);
    w.engine.run(0);
    expect(w.cluster.podCount).toBe(0);
  });
});

describe('ReplicaSet scale-up beyond the burst limit', () => {
  it('creates 600 pods at t=0 over two syncs of at most 500', () => {
    const { w, rs } = setup('ReplicaSet', 600);
    w.engine.run(0);
    expect(w.cluster.podCount).toBe(600);
    expect(rs.status.replicas).toBe(600);
  });
});
