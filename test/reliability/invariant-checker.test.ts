import { describe, expect, it } from 'vitest';
import { RecentMax } from '../../src/check/recent-max.js';
import type { Pod } from '../../src/model/pod.js';
import type { ResourceList } from '../../src/model/resources.js';
import type { DaemonSetSpec, DeploymentSpec, JobSpec, ReplicaSetSpec } from '../../src/model/workloads.js';
import { CheckWorld, podTemplate } from './world.js';

const rsSpec = (replicas: number): ReplicaSetSpec => ({ replicas, selector: {}, template: podTemplate(), minReadySeconds: 0 });
const deploySpec = (replicas: number, strategy: DeploymentSpec['strategy']): DeploymentSpec => ({
  replicas,
  selector: {},
  template: podTemplate(),
  strategy,
  minReadySeconds: 0,
  progressDeadlineSeconds: 600,
  revisionHistoryLimit: 10,
  paused: false,
});
const jobSpec = (parallelism: number, suspend = false): JobSpec => ({
  parallelism,
  completions: 10,
  completionMode: 'NonIndexed',
  backoffLimit: 6,
  suspend,
  podReplacementPolicy: 'TerminatingOrFailed',
  selector: {},
  template: podTemplate(),
});
const dsSpec: DaemonSetSpec = { selector: {}, template: podTemplate(), updateStrategy: { type: 'RollingUpdate', maxUnavailable: 1, maxSurge: 0 }, minReadySeconds: 0 };
const pinned = (node: string) => {
  const t = podTemplate();
  const affinity = { nodeAffinity: { required: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [node] }] }] } } };
  return { ...t, spec: { ...t.spec, affinity } };
};

const cases: { name: string; act: (w: CheckWorld) => void; expected: RegExp[] }[] = [
  {
    name: 'pods that fit break nothing',
    act: (w) => {
      const n = w.node('n-0');
      w.cluster.bindPod(w.pod('a', { cpu: 500 }), n.name);
      w.cluster.bindPod(w.pod('b', { cpu: 500 }), n.name);
    },
    expected: [],
  },
  {
    name: 'requests beyond allocatable are a node-capacity violation naming the node, the resource and the pods',
    act: (w) => {
      const n = w.node('n-0');
      w.cluster.bindPod(w.pod('a', { cpu: 600 }), n.name);
      w.cluster.bindPod(w.pod('b', { cpu: 600 }), n.name);
    },
    expected: [/^t=0\.000s: node-capacity: Node n-0: requests exceed allocatable: cpu 1200m > 1000m \(pods: default\/a, default\/b\)$/],
  },
  {
    name: 'an overcommit undone within the instant (a kubelet rejecting the pod) is no violation',
    act: (w) => {
      const n = w.node('n-0');
      w.cluster.bindPod(w.pod('a', { cpu: 600 }), n.name);
      const b = w.pod('b', { cpu: 600 });
      w.cluster.bindPod(b, n.name);
      w.cluster.updatePodStatus(b, 'Failed', 'OutOfcpu');
    },
    expected: [],
  },
  {
    name: 'a pod bound by its manifest that does not fit is no violation until its kubelet admits it (a node cut off holds it until its kubelet refuses it)',
    act: (w) => {
      const n = w.node('n-0');
      w.cluster.bindPod(w.pod('a', { cpu: 600 }), n.name);
      const b = manifestPod(w, 'b', { cpu: 600 }, n.name);
      w.at(130000, () => w.cluster.updatePodStatus(b, 'Failed', 'OutOfcpu'));
    },
    expected: [],
  },
  {
    name: 'a pod bound by its manifest counts once its kubelet admitted it (its status has a startTime)',
    act: (w) => {
      const n = w.node('n-0');
      w.cluster.bindPod(w.pod('a', { cpu: 600 }), n.name);
      const b = manifestPod(w, 'b', { cpu: 600 }, n.name);
      w.at(5000, () => {
        b.status.startTime = w.engine.now;
        w.cluster.updatePodStatus(b, 'Pending', 'ContainerCreating');
      });
    },
    expected: [/^t=5\.000s: node-capacity: Node n-0: requests exceed allocatable: cpu 1200m > 1000m \(pods: default\/a, default\/b\)$/],
  },
  {
    name: 'more pods than the node allows, and a resource the node does not have',
    act: (w) => {
      const n = w.node('n-0', { cpu: 4000, memory: 2 ** 30, pods: 1 });
      w.cluster.bindPod(w.pod('a'), n.name);
      w.cluster.bindPod(w.pod('b', { 'nvidia.com/gpu': 1 }), n.name);
    },
    expected: [/Node n-0: requests exceed allocatable: nvidia\.com\/gpu 1 > 0, pods 2 > 1 /],
  },
  {
    name: 'a terminal phase changed behind the cluster back is reported, with the unseen change',
    act: (w) => {
      const n = w.node('n-0');
      const p = w.pod('a');
      w.cluster.bindPod(p, n.name);
      w.cluster.updatePodStatus(p, 'Succeeded', 'Completed');
      p.status.phase = 'Running';
      w.cluster.updatePodStatus(p, 'Running', 'Started');
    },
    expected: [
      /^t=0\.000s: phase-transition: Pod default\/a: phase changed from Succeeded to Running without an update$/,
      /^t=0\.000s: phase-transition: Pod default\/a: Succeeded -> Running: terminal phases are final$/,
    ],
  },
  {
    name: 'a pod Running without a node',
    act: (w) => w.cluster.updatePodStatus(w.pod('a'), 'Running', 'Started'),
    expected: [/phase-transition: Pod default\/a: Running but never bound to a node$/],
  },
  {
    name: 'a pod starting to run on a node that was removed',
    act: (w) => {
      const n = w.node('n-0');
      const p = w.pod('a');
      w.cluster.bindPod(p, n.name);
      w.at(5000, () => w.cluster.removeNode(n));
      w.at(6000, () => w.cluster.updatePodStatus(p, 'Running', 'Started'));
    },
    expected: [/^t=6\.000s: node-exists: Pod default\/a: Running on node n-0, which was removed at t=5\.000s$/],
  },
  {
    name: 'pods left on a removed node are not a violation: their loss was heard',
    act: (w) => {
      const n = w.node('n-0');
      w.cluster.bindPod(w.pod('a'), n.name);
      w.cluster.removeNode(n);
    },
    expected: [],
  },
  {
    name: 'a pod whose node name changed behind the cluster names a node that never existed',
    act: (w) => {
      const n = w.node('n-0');
      const p = w.pod('a');
      w.cluster.bindPod(p, n.name);
      p.spec.nodeName = 'ghost';
    },
    expected: [/node-exists: Pod default\/a: bound to node ghost, which does not exist and was never removed$/],
  },
  {
    name: 'a ReplicaSet with more active pods than replicas; terminating and finished pods do not count',
    act: (w) => {
      const n = w.node('n-0', { cpu: 8000, memory: 2 ** 30, pods: 110 });
      const rs = w.workload('ReplicaSet', 'web', rsSpec(2));
      const a = w.pod('web-a', {}, rs);
      w.cluster.bindPod(a, n.name);
      w.cluster.deletePod(a);
      const b = w.pod('web-b', {}, rs);
      w.cluster.bindPod(b, n.name);
      w.cluster.updatePodStatus(b, 'Failed', 'Error');
      w.pod('web-c', {}, rs);
      w.pod('web-d', {}, rs);
      w.pod('web-e', {}, rs);
    },
    expected: [/^t=0\.000s: controller-bound: ReplicaSet default\/web: created pod default\/web-e: 3 active pods, more than spec\.replicas 2$/],
  },
  {
    name: 'a scale-down leaves the old bound for the rest of its instant (apiLatency 0), not after',
    act: (w) => {
      const rs = w.workload('ReplicaSet', 'web', rsSpec(3));
      w.pod('web-a', {}, rs);
      w.pod('web-b', {}, rs);
      rs.spec.replicas = 1;
      w.cluster.updateWorkload(rs);
      w.pod('web-c', {}, rs);
      w.at(1, () => w.pod('web-d', {}, rs));
    },
    expected: [/^t=0\.001s: controller-bound: ReplicaSet default\/web: created pod default\/web-d: 4 active pods, more than spec\.replicas 1$/],
  },
  {
    name: 'a Job over its parallelism, and a suspended Job creating a pod',
    act: (w) => {
      const job = w.workload('Job', 'pi', jobSpec(1));
      w.pod('pi-a', {}, job);
      w.pod('pi-b', {}, job);
      const held = w.workload('Job', 'held', jobSpec(3, true));
      w.pod('held-a', {}, held);
    },
    expected: [
      /controller-bound: Job default\/pi: created pod default\/pi-b: 2 active pods, more than spec\.parallelism 1$/,
      /controller-bound: Job default\/held: created pod default\/held-a while suspended or finished$/,
    ],
  },
  {
    name: 'a DaemonSet with two active pods for one node; one per node is fine',
    act: (w) => {
      w.node('n-0');
      w.node('n-1');
      const ds = w.workload('DaemonSet', 'agent', dsSpec);
      w.pod('agent-a', {}, ds, pinned('n-0'));
      w.pod('agent-b', {}, ds, pinned('n-1'));
      w.pod('agent-c', {}, ds, pinned('n-0'));
    },
    expected: [/controller-bound: DaemonSet default\/agent: created pod default\/agent-c: 2 active pods for node n-0, more than 1$/],
  },
  {
    name: 'a RollingUpdate Deployment whose ReplicaSets together ask for more than replicas + maxSurge',
    act: (w) => {
      const d = w.workload('Deployment', 'web', deploySpec(4, { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' }));
      w.workload('ReplicaSet', 'web-old', rsSpec(4), d);
      const next = w.workload('ReplicaSet', 'web-new', rsSpec(1), d);
      next.spec.replicas = 2;
      w.cluster.updateWorkload(next);
    },
    expected: [/controller-bound: Deployment default\/web: scaling ReplicaSet web-new up to 2 asks for 6 replicas in total, more than spec\.replicas \+ maxSurge = 5$/],
  },
  {
    name: 'a Recreate Deployment may start new pods once the old ones are gone (an unbound pod goes at once)',
    act: (w) => {
      const d = w.workload('Deployment', 'web', deploySpec(1, { type: 'Recreate' }));
      const old = w.workload('ReplicaSet', 'web-old', rsSpec(1), d);
      const p = w.pod('web-old-a', {}, old);
      w.cluster.deletePod(p);
      const next = w.workload('ReplicaSet', 'web-new', rsSpec(1), d);
      w.pod('web-new-a', {}, next);
    },
    expected: [],
  },
  {
    name: 'a container started after its kubelet saw the deletion (node reachable: at the deletion)',
    act: (w) => {
      const n = w.node('n-0');
      const p = w.pod('a');
      w.cluster.bindPod(p, n.name);
      w.at(5000, () => w.cluster.deletePod(p));
      w.at(6000, () => startContainer(w, p, 'c'));
    },
    expected: [
      /^t=6\.000s: no-start-after-deletion: Pod default\/a: container c started at t=6\.000s, after its kubelet saw the pod's deletion \(deletionTimestamp t=5\.000s, seen at t=5\.000s\)$/,
    ],
  },
  {
    name: 'a container started at the instant of the deletion, or running since before it, breaks nothing',
    act: (w) => {
      const n = w.node('n-0');
      const p = w.pod('a');
      const q = w.pod('b');
      w.cluster.bindPod(p, n.name);
      w.cluster.bindPod(q, n.name);
      w.at(1000, () => startContainer(w, q, 'c'));
      w.at(5000, () => {
        w.cluster.deletePod(p);
        startContainer(w, p, 'c');
        w.cluster.deletePod(q);
      });
      w.at(6000, () => w.cluster.updatePodStatus(q, 'Running', 'Killing'));
    },
    expected: [],
  },
  {
    name: 'a kubelet cut off may start containers of a pod deleted meanwhile; once it reaches the API again it may not',
    act: (w) => {
      const n = w.node('n-0');
      const p = w.pod('a');
      w.cluster.bindPod(p, n.name);
      w.at(2000, () => {
        n.lastHeartbeat = 0;
        w.cluster.updateNode(n);
      });
      w.at(5000, () => w.cluster.deletePod(p));
      w.at(6000, () => startContainer(w, p, 'c'));
      w.at(30000, () => {
        n.lastHeartbeat = undefined;
        w.cluster.updateNode(n);
      });
      w.at(31000, () => startContainer(w, p, 'd'));
    },
    expected: [/^t=31\.000s: no-start-after-deletion: Pod default\/a: container d started at t=31\.000s, after its kubelet saw the pod's deletion \(deletionTimestamp t=5\.000s, seen at t=30\.000s\)$/],
  },
];

/** A pod created with spec.nodeName (bound by its manifest, not by the scheduler). */
function manifestPod(w: CheckWorld, name: string, requests: ResourceList, node: string): Pod {
  const t = podTemplate({}, requests);
  const pod = w.cluster.submitPod({ namespace: 'default', name, ownerReferences: [], template: { ...t, spec: { ...t.spec, nodeName: node } } });
  if (!pod) throw new Error(`pod ${name} exists`);
  return pod;
}

/** As a kubelet would publish it: container `name` of `pod` running since now. */
function startContainer(w: CheckWorld, pod: Pod, name: string): void {
  const state = { state: 'running' as const, startedAt: w.engine.now };
  pod.status.containerStatuses = [...pod.status.containerStatuses.filter((c) => c.name !== name), { name, state, ready: true, started: true, restartCount: 0 }];
  w.cluster.updatePodStatus(pod, 'Running', 'Started');
}

describe('the invariant checker', () => {
  for (const c of cases) {
    it(c.name, () => {
      const w = new CheckWorld();
      c.act(w);
      const got = w.violations();
      expect(got, got.join('\n')).toHaveLength(c.expected.length);
      c.expected.forEach((re, i) => expect(got[i]).toMatch(re));
    });
  }

  it('a Recreate Deployment creating pods while an older ReplicaSet has a bound, non-terminated pod', () => {
    const w = new CheckWorld();
    const n = w.node('n-0');
    const d = w.workload('Deployment', 'web', deploySpec(1, { type: 'Recreate' }));
    const old = w.workload('ReplicaSet', 'web-old', rsSpec(1), d);
    const p = w.pod('web-old-a', {}, old);
    w.cluster.bindPod(p, n.name);
    w.cluster.deletePod(p); // Terminating: not active, but still running
    const next = w.workload('ReplicaSet', 'web-new', rsSpec(1), d);
    w.pod('web-new-a', {}, next);
    expect(w.violations()).toEqual([
      't=0.000s: controller-bound: Deployment default/web: Recreate: ReplicaSet default/web-new created pod default/web-new-a while 1 pod(s) of its older ReplicaSets are not terminated',
    ]);
  });

  it('hears events out of time order and pods removed twice (watcher calls as a broken cluster would make them)', () => {
    const w = new CheckWorld();
    w.at(2000, () => w.cluster.recordEvent({ type: 'Normal', reason: 'A', kind: 'Node', namespace: '', name: 'n', node: 'n', message: '' }));
    w.checker.eventRecorded({ time: 1000, type: 'Normal', reason: 'B', kind: 'Pod', namespace: 'default', name: 'p', node: '', message: '' });
    const p = w.pod('a');
    w.cluster.deletePod(p);
    w.checker.podRemoved(p);
    expect(w.violations()).toEqual([
      't=2.000s: event-order: event B of Pod default/p: recorded at t=2.000s with time 1.000s',
      't=2.000s: event-order: event B of Pod default/p: time 1.000s is before the previous event\'s 2.000s',
      't=2.000s: pod-conservation: Pod default/a: removed but not in the API (removed twice, or never created)',
    ]);
  });

  it('keeps the first maxViolations and counts them all', () => {
    const w = new CheckWorld();
    const job = w.workload('Job', 'pi', jobSpec(0, true));
    for (let i = 0; i < 150; i++) w.pod(`pi-${i}`, {}, job);
    w.checker.finish();
    expect(w.checker.violations).toHaveLength(100);
    expect(w.checker.violationCount).toBe(150);
  });
});

describe('RecentMax', () => {
  it('is the largest value in effect within the window, inclusive', () => {
    const m = new RecentMax(1000);
    m.set(5, 0);
    m.set(2, 100);
    expect(m.get(100)).toBe(5);
    expect(m.get(1100)).toBe(5);
    expect(m.get(1101)).toBe(2);
    m.set(3, 2000);
    expect(m.get(2000)).toBe(3);
  });
});
