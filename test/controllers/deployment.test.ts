import { describe, expect, it } from 'vitest';
import { DeploymentController } from '../../src/controllers/deployment/controller.js';
import { computeHash } from '../../src/controllers/deployment/hash.js';
import { ReplicaSetController } from '../../src/controllers/replicaset/controller.js';
import { DEFAULT_CONTROL_PLANE } from '../../src/model/defaults.js';
import type { Millis } from '../../src/model/meta.js';
import type { Deployment, DeploymentSpec } from '../../src/model/workloads.js';
import { FakeKubelet, World, template } from './world-rs.js';

const labels = { app: 'web' };
const v1 = template(labels, 'nginx:1.25');
const v2 = template(labels, 'nginx:1.26');
const H1 = `web-${computeHash(v1)}`;
const H2 = `web-${computeHash(v2)}`;

function setup(spec: Partial<DeploymentSpec>, o: { readyAfterMs?: Millis; graceMs?: Millis; apiLatencyMs?: Millis } = {}) {
  const w = new World();
  const ctx = { ...w.ctx, config: { ...DEFAULT_CONTROL_PLANE, apiLatencyMs: o.apiLatencyMs ?? DEFAULT_CONTROL_PLANE.apiLatencyMs } };
  const kubelet = new FakeKubelet(w.cluster, w.engine, o.readyAfterMs, o.graceMs ?? 0);
  // The ReplicaSet controller hears a change before the Deployment controller: a
  // ReplicaSet acts on its new size before the Deployment takes its next step.
  w.cluster.watch(new ReplicaSetController(ctx));
  w.cluster.watch(new DeploymentController(ctx));
  w.cluster.watch(kubelet);
  const d = w.deployment('web', { template: v1, ...spec });
  return { w, d, kubelet };
}

function rollTo(w: World, d: Deployment, at: Millis, t = v2): void {
  w.engine.at(at, () => {
    d.spec.template = t;
    w.cluster.updateWorkload(d);
  });
}

const scaling = (w: World) => w.eventsOf('Deployment').filter(([, r]) => r === 'ScalingReplicaSet').map(([t, , m]) => [t, m]);

describe('the Deployment controller', () => {
  it('creates its ReplicaSet <name>-<pod-template-hash> at t=0, which creates the pods', () => {
    const { w, d } = setup({ replicas: 3 }, { readyAfterMs: 5_000 });
    w.engine.run(10_000);
    const [rs] = w.replicaSets();
    const hash = computeHash(v1);
    expect(rs?.metadata.name).toBe(H1);
    expect(rs?.spec.template.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs?.metadata.ownerReferences).toEqual([{ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true }]);
    expect(rs?.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(scaling(w)).toEqual([[0, `Scaled up replica set ${H1} from 0 to 3`]]);
    expect(w.eventsOf('ReplicaSet').map(([t, r]) => [t, r])).toEqual([
      [0, 'SuccessfulCreate'],
      [0, 'SuccessfulCreate'],
      [0, 'SuccessfulCreate'],
    ]);
    expect([...w.cluster.pods()].every((p) => p.metadata.name.startsWith(`${H1}-`))).toBe(true);
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0 });
    // as `kubectl get deploy -o yaml` lists them: Progressing is replaced last
    expect(d.status.conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${H1}" has successfully progressed.`],
    ]);
  });

  it('rolls 4 replicas at 25%/25% one surge pod at a time, never above 5 pods nor below 3 available', () => {
    const { w, d } = setup({ replicas: 4 }, { readyAfterMs: 5_000, graceMs: 2_000 });
    rollTo(w, d, 20_000);
    let maxActive = 0;
    let minAvailable = Infinity;
    while (w.engine.peek() !== undefined && w.engine.peek()! <= 60_000) {
      w.engine.step();
      if (w.engine.now < 10_000) continue; // the first pods are not ready before t=5
      maxActive = Math.max(maxActive, w.activePods().length);
      minAvailable = Math.min(minAvailable, w.availablePods().length);
    }
    // t=20: surge 1 (5 >= 4+1); old 4->3 (4 available > 3); new 1->2 (total 4 < 5).
    // t=25: both surge pods ready: old 3->1, new 2->4. t=30: the last two ready: old 1->0.
    expect(scaling(w)).toEqual([
      [0, `Scaled up replica set ${H1} from 0 to 4`],
      [20, `Scaled up replica set ${H2} from 0 to 1`],
      [20, `Scaled down replica set ${H1} from 4 to 3`],
      [20, `Scaled up replica set ${H2} from 1 to 2`],
      [25, `Scaled down replica set ${H1} from 3 to 1`],
      [25, `Scaled up replica set ${H2} from 2 to 4`],
      [30, `Scaled down replica set ${H1} from 1 to 0`],
    ]);
    expect(maxActive).toBe(5);
    expect(minAvailable).toBe(3);
    expect(w.activePods().every((p) => p.spec.containers[0]?.image === 'nginx:1.26')).toBe(true);
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
    expect(d.status.conditions.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('Recreate scales the old ReplicaSet to 0 and creates the new one when its pods are gone', () => {
    const { w, d } = setup({ replicas: 3, strategy: { type: 'Recreate' } }, { readyAfterMs: 5_000, graceMs: 10_000 });
    rollTo(w, d, 20_000);
    w.engine.run(29_999);
    expect(w.replicaSets().map((rs) => rs.metadata.name)).toEqual([H1]);
    expect(w.cluster.podCount).toBe(3); // terminating
    w.engine.run(40_000);
    expect(scaling(w)).toEqual([
      [0, `Scaled up replica set ${H1} from 0 to 3`],
      [20, `Scaled down replica set ${H1} from 3 to 0`],
      [30, `Scaled up replica set ${H2} from 0 to 3`],
    ]);
    expect(w.availablePods()).toHaveLength(3);
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });

  it('minReadySeconds delays availability, and the rollout with it', () => {
    const { w, d } = setup({ replicas: 2, minReadySeconds: 10 }, { readyAfterMs: 5_000 });
    w.engine.run(14_999);
    expect(d.status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    expect(d.status.conditions.find((c) => c.type === 'Available')?.status).toBe('False');
    w.engine.run(15_000);
    expect(d.status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
    expect(d.status.conditions.find((c) => c.type === 'Progressing')?.lastUpdateTime).toBe(15_000);
    // 2 replicas at 25%/25%: surge 1, unavailable 0. Each new pod is available 15 s after creation.
    rollTo(w, d, 20_000);
    w.engine.run(80_000);
    expect(scaling(w)).toEqual([
      [0, `Scaled up replica set ${H1} from 0 to 2`],
      [20, `Scaled up replica set ${H2} from 0 to 1`],
      [35, `Scaled down replica set ${H1} from 2 to 1`],
      [35, `Scaled up replica set ${H2} from 1 to 2`],
      [50, `Scaled down replica set ${H1} from 1 to 0`],
    ]);
  });

  it('adopts an existing ReplicaSet with its template: FoundNewReplicaSet, then progress', () => {
    const { w, d } = setup({ replicas: 3 }, { readyAfterMs: 5_000 });
    const hash = computeHash(v1);
    w.cluster.createWorkload({
      kind: 'ReplicaSet',
      metadata: {
        namespace: 'default',
        name: H1,
        uid: w.cluster.newUid(),
        labels: {},
        annotations: {},
        ownerReferences: [{ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true }],
        creationTimestamp: 0,
        generation: 0,
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { ...labels, 'pod-template-hash': hash } },
        template: { ...v1, labels: { ...labels, 'pod-template-hash': hash } },
        minReadySeconds: 0,
      },
      status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 0 },
    });
    const reasons: [number, string][] = [];
    w.cluster.watch({
      workloadStatusUpdated: (x) => {
        const c = x.kind === 'Deployment' ? x.status.conditions.find((k) => k.type === 'Progressing') : undefined;
        if (c && c.reason !== reasons.at(-1)?.[1]) reasons.push([w.engine.now / 1000, c.reason]);
      },
    });
    w.engine.run(10_000);
    expect(w.replicaSets()).toHaveLength(1);
    expect(scaling(w)).toEqual([[0, `Scaled up replica set ${H1} from 0 to 3`]]);
    expect(reasons).toEqual([
      [0, 'FoundNewReplicaSet'],
      [0, 'ReplicaSetUpdated'],
      [5, 'NewReplicaSetAvailable'],
    ]);
    expect(d.status.conditions.find((c) => c.type === 'Progressing')?.lastTransitionTime).toBe(0);
  });

  it('rolling back to an earlier template reuses its ReplicaSet under a new revision', () => {
    const { w, d } = setup({ replicas: 2 }, { readyAfterMs: 1_000 });
    rollTo(w, d, 20_000, v2);
    rollTo(w, d, 40_000, v1);
    w.engine.run(60_000);
    expect(scaling(w).filter(([t]) => t === 40)[0]).toEqual([40, `Scaled up replica set ${H1} from 0 to 1`]);
    expect(w.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas, rs.metadata.annotations['deployment.kubernetes.io/revision']])).toEqual([
      [H1, 2, '3'],
      [H2, 0, '2'],
    ]);
    expect(w.replicaSets()[0]!.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest revisions', () => {
    const { w, d } = setup({ replicas: 1, revisionHistoryLimit: 1 }, { readyAfterMs: 1_000 });
    const images = ['nginx:1.26', 'nginx:1.27', 'nginx:1.28'];
    images.forEach((image, i) => rollTo(w, d, 10_000 * (i + 1), template(labels, image)));
    w.engine.run(60_000);
    const names = w.replicaSets().map((rs) => rs.metadata.name);
    expect(names).toEqual([`web-${computeHash(template(labels, 'nginx:1.27'))}`, `web-${computeHash(template(labels, 'nginx:1.28'))}`]);
    expect(w.replicaSets().map((rs) => [rs.spec.replicas, rs.metadata.annotations['deployment.kubernetes.io/revision']])).toEqual([
      [0, '3'],
      [1, '4'],
    ]);
  });

  it('reports ProgressDeadlineExceeded 1 s after the deadline when pods never become ready', () => {
    const { w, d } = setup({ replicas: 3, progressDeadlineSeconds: 60 });
    const progressing = () => d.status.conditions.find((c) => c.type === 'Progressing');
    w.engine.run(60_999);
    expect(progressing()).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: 0 });
    w.engine.run(61_000);
    expect(progressing()).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${H1}" has timed out progressing.`,
      lastTransitionTime: 61_000,
    });
  });

  it('a paused Deployment does not roll out, but scales; resuming starts the rollout', () => {
    const { w, d } = setup({ replicas: 3 }, { readyAfterMs: 1_000 });
    w.engine.at(5_000, () => {
      d.spec.paused = true;
      w.cluster.updateWorkload(d);
    });
    rollTo(w, d, 10_000);
    w.engine.at(20_000, () => {
      d.spec.replicas = 5;
      w.cluster.updateWorkload(d);
    });
    w.engine.run(30_000);
    expect(w.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas])).toEqual([[H1, 5]]);
    expect(d.status.conditions.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    w.engine.at(40_000, () => {
      d.spec.paused = false;
      w.cluster.updateWorkload(d);
    });
    w.engine.run(80_000);
    expect(scaling(w)[0]).toEqual([0, `Scaled up replica set ${H1} from 0 to 3`]);
    expect(scaling(w)[1]).toEqual([20, `Scaled up replica set ${H1} from 3 to 5`]);
    expect(scaling(w)[2]).toEqual([40, `Scaled up replica set ${H2} from 0 to 2`]);
    expect(w.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas])).toEqual([
      [H1, 0],
      [H2, 5],
    ]);
  });

  it('a scaling event mid-rollout is shared in proportion (the documented 10 -> 15 example)', () => {
    const { w, d, kubelet } = setup({ replicas: 10, strategy: { type: 'RollingUpdate', maxSurge: 3, maxUnavailable: 2 } }, { readyAfterMs: 1_000 });
    w.engine.at(5_000, () => (kubelet.readyAfterMs = undefined)); // the new image never becomes ready
    rollTo(w, d, 10_000);
    w.engine.at(20_000, () => {
      d.spec.replicas = 15;
      w.cluster.updateWorkload(d);
    });
    w.engine.run(30_000);
    expect(scaling(w).slice(1)).toEqual([
      [10, `Scaled up replica set ${H2} from 0 to 3`],
      [10, `Scaled down replica set ${H1} from 10 to 8`],
      [10, `Scaled up replica set ${H2} from 3 to 5`],
      [20, `Scaled up replica set ${H1} from 8 to 11`],
      [20, `Scaled up replica set ${H2} from 5 to 7`],
    ]);
  });

  it('a rollout applied with a scale-down (2 -> 1, maxSurge 0) never scales the old ReplicaSet back up while its status still counts the removed replica', () => {
    // apiLatency 200ms: at 6.4 s the Deployment syncs the rollout before the old
    // ReplicaSet's status drops to 1 available. Upstream's cleanupUnhealthyReplicas
    // refuses the negative "scale-down" (spec 1 - available 2) and the sync waits
    // for the ReplicaSet's next status update.
    const strategy = { type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 1 } as const;
    const { w, d } = setup({ replicas: 1, strategy }, { readyAfterMs: 1_000, apiLatencyMs: 200 });
    w.engine.at(1_000, () => {
      d.spec.replicas = 2;
      w.cluster.updateWorkload(d);
    });
    w.engine.at(6_000, () => {
      d.spec.replicas = 1;
      d.spec.template = v2;
      w.cluster.updateWorkload(d);
    });
    let maxSpec = 0;
    while (w.engine.peek() !== undefined && w.engine.peek()! <= 20_000) {
      w.engine.step();
      if (w.engine.now > 6_000) maxSpec = Math.max(maxSpec, w.replicaSets().reduce((n, rs) => n + rs.spec.replicas, 0));
    }
    expect(scaling(w)).toEqual([
      [0.2, `Scaled up replica set ${H1} from 0 to 1`],
      [1, `Scaled up replica set ${H1} from 1 to 2`],
      [6.2, `Scaled down replica set ${H1} from 2 to 1`],
      [6.6, `Scaled down replica set ${H1} from 1 to 0`],
      [6.8, `Scaled up replica set ${H2} from 0 to 1`],
    ]);
    expect(maxSpec).toBe(1);
  });
});
