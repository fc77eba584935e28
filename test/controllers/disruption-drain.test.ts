import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/api/event.js';
import { evictPod } from '../../src/api/eviction.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import type { Pod } from '../../src/model/pod.js';
import type { PodDisruptionBudget } from '../../src/model/workloads.js';
import { Simulation } from '../../src/sim/simulation.js';
import { lines, memoryFs } from '../io/helpers.js';

/** A whole simulation of `objects` on the given pools and events, recording pod creations, deletions and readiness. */
function world(pools: string, timed: string, objects: string, duration = '90s') {
  const text = `apiVersion: podsim.io/v1alpha1\nkind: Scenario\nmetadata: {name: pdb}\nspec:\n  duration: ${duration}\n  nodePools:\n${pools}  events:\n${timed}---\n${objects}`;
  const { scenario, diagnostics } = loadScenario('s.yml', { fs: memoryFs({ 's.yml': text }) });
  if (!scenario) throw new Error(lines(diagnostics).join('\n'));
  const sim = new Simulation(scenario);
  const t = () => sim.engine.now / 1000;
  const log: [number, string, string, string][] = [];
  const events: KubeEvent[] = [];
  const name = (p: Pod) => p.metadata.name;
  sim.observe({
    podAdded: (p) => log.push([t(), 'created', name(p), '']),
    podBound: (p, n) => log.push([t(), 'bound', name(p), n.name]),
    podDeleting: (p) => log.push([t(), 'deleting', name(p), p.status.conditions.find((c) => c.type === 'DisruptionTarget')?.reason ?? '']),
    podRemoved: (p) => log.push([t(), 'removed', name(p), '']),
    eventRecorded: (e) => events.push(e),
  });
  const pdb = () => sim.cluster.workload('PodDisruptionBudget', 'default', 'web') as PodDisruptionBudget;
  return { sim, log, events, pdb, runTo: (s: number) => sim.engine.run(s * 1000) };
}

const POOLS = `    - {name: a, count: 1, allocatable: {cpu: "4", memory: 16Gi}, images: ["busybox:1.36"]}\n    - {name: b, count: 0, allocatable: {cpu: "4", memory: 16Gi}, images: ["busybox:1.36"]}\n`;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "busybox:1.36"}]
`;

const pdb = (bound: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  ${bound}
  selector: {matchLabels: {app: web}}
`;

describe('a drain held by a PodDisruptionBudget', () => {
  // Both web pods start on a-0 (the only node) at 0 and are Ready at 1 s. Node b-0 joins
  // at 10 s; a-0 is drained at 20 s. minAvailable 1 with 2 Ready pods allows 1 disruption.
  const events = `    - {at: 10s, addNodes: {pool: b, count: 1}}\n    - {at: 20s, drain: {nodes: [a-0]}}\n`;

  it('evicts one pod at 20 s, refuses the other (429) until the replacement is Ready on b-0 at 21 s, and evicts it at the 5 s retry, 25 s', () => {
    const w = world(POOLS, events, `${WEB}---\n${pdb('minAvailable: 1')}`);
    w.runTo(19);
    expect(w.pdb().status).toMatchObject({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1 });
    w.runTo(20);
    // The approved eviction took the budget to 0; the controller's sync then counts the deleting pod out.
    expect(w.pdb().status).toMatchObject({ currentHealthy: 1, desiredHealthy: 1, expectedPods: 3, disruptionsAllowed: 0, disruptedPods: {} });
    expect(w.pdb().status.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: 20_000 }]);
    w.runTo(21);
    expect(w.pdb().status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1 });
    w.runTo(90);
    const [p1, p2] = w.log.filter(([t, what]) => t === 0 && what === 'created').map(([, , n]) => n);
    const after = w.log.filter(([t]) => t >= 20);
    const p3 = after.find(([t, what]) => t === 20 && what === 'created')![2];
    const p4 = after.find(([t, what]) => t === 25 && what === 'created')![2];
    expect(after).toEqual([
      [20, 'deleting', p1, 'EvictionByEvictionAPI'],
      [20, 'created', p3, ''],
      [20, 'bound', p3, 'b-0'],
      [25, 'deleting', p2, 'EvictionByEvictionAPI'],
      [25, 'created', p4, ''],
      [25, 'bound', p4, 'b-0'],
      [50, 'removed', p1, ''], // 30 s grace period
      [55, 'removed', p2, ''],
    ]);
    expect(w.pdb().status).toMatchObject({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1 });
  });

  it('without the budget both pods go at 20 s', () => {
    const w = world(POOLS, events, WEB);
    w.runTo(90);
    expect(w.log.filter(([, what]) => what === 'deleting').map(([t]) => t)).toEqual([20, 20]);
  });

  it('maxUnavailable 1 counts against the Deployment scale (2): the same timeline', () => {
    const w = world(POOLS, events, `${WEB}---\n${pdb('maxUnavailable: 1')}`);
    w.runTo(90);
    expect(w.log.filter(([, what]) => what === 'deleting').map(([t]) => t)).toEqual([20, 25]);
    expect(w.pdb().status).toMatchObject({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1 });
  });

  it('minAvailable 100% blocks the drain for as long as it runs', () => {
    const w = world(POOLS, events, `${WEB}---\n${pdb('minAvailable: "100%"')}`);
    w.runTo(90);
    expect(w.log.filter(([, what]) => what === 'deleting')).toEqual([]);
    expect(w.pdb().status).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, expectedPods: 2, disruptionsAllowed: 0 });
  });
});

describe('evictions that ignore PodDisruptionBudgets', () => {
  it('the taint manager deletes both pods of a partitioned node at once, a budget allowing none notwithstanding', () => {
    // Worked example 5's clock: heartbeat at 0 (then lost), Ready=Unknown at 55, NoExecute at 60, evictions 300 s later.
    const pools = `    - {name: a, count: 2, allocatable: {cpu: "4", memory: 16Gi}, images: ["busybox:1.36"]}\n`;
    const w = world(pools, `    - {at: 5s, partition: {nodes: [a-0]}}\n`, `${WEB.replace('replicas: 2', 'replicas: 4')}---\n${pdb('minAvailable: 4')}`, '10m');
    w.runTo(600);
    const evicted = w.log.filter(([, what, , why]) => what === 'deleting' && why === 'DeletionByTaintManager');
    expect(evicted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(evicted.map(([t]) => t)).size).toBe(1);
    expect(evicted.length).toBe(w.log.filter(([t, what, , node]) => t === 0 && what === 'bound' && node === 'a-0').length);
  });
});

describe('the Eviction API', () => {
  const events = `    - {at: 10s, addNodes: {pool: b, count: 1}}\n`;
  const running = (w: ReturnType<typeof world>) => [...w.sim.cluster.pods()].filter((p) => p.status.phase === 'Running');

  it("refuses with 429 and Kubernetes' text when the budget allows no disruption", () => {
    const w = world(POOLS, events, `${WEB}---\n${pdb('minAvailable: 2')}`);
    w.runTo(5);
    const [p1] = running(w);
    expect(evictPod(w.sim.cluster, p1!)).toEqual({ evicted: false, code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget." });
    expect(p1!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses with 500 a pod two budgets select', () => {
    const w = world(POOLS, events, `${WEB}---\n${pdb('minAvailable: 1')}---\n${pdb('maxUnavailable: 1').replace('name: web', 'name: web2')}`);
    w.runTo(5);
    const [p1] = running(w);
    expect(evictPod(w.sim.cluster, p1!)).toEqual({ evicted: false, code: 500, message: 'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' });
    expect(w.events.filter((e) => e.reason === 'MultiplePodDisruptionBudgets').length).toBeGreaterThan(0);
  });
});

describe('pods that are not Ready (unhealthyPodEvictionPolicy)', () => {
  // Three Ready web pods and a bare pod `flaky`, also app=web, whose container exits 1
  // every 2 s (CrashLoopBackOff: Running, not Ready). minAvailable 3: 3 healthy of 3
  // desired, no disruption allowed.
  const flaky = `apiVersion: v1
kind: Pod
metadata: {name: flaky, labels: {app: web}, annotations: {podsim.io/duration: 2s, podsim.io/exit-code: "1"}}
spec:
  containers: [{name: c, image: "busybox:1.36"}]
`;
  const objects = (policy: string) => `${WEB.replace('replicas: 2', 'replicas: 3')}---\n${flaky}---\n${pdb(`minAvailable: 3\n  unhealthyPodEvictionPolicy: ${policy}`)}`;
  const pools = `    - {name: a, count: 1, allocatable: {cpu: "4", memory: 16Gi}, images: ["busybox:1.36"]}\n`;

  it.each(['IfHealthyBudget', 'AlwaysAllow'])('%s: the unready pod is evicted without using the budget; a Ready one is refused', (policy) => {
    const w = world(pools, '    - {at: 60s, cordon: {nodes: [a-0]}}\n', objects(policy));
    w.runTo(30);
    expect(w.pdb().status).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, expectedPods: 4, disruptionsAllowed: 0 });
    const pods = [...w.sim.cluster.pods()];
    const bad = pods.find((p) => p.metadata.name === 'flaky')!;
    const good = pods.find((p) => p.metadata.name !== 'flaky')!;
    expect([bad.status.phase, bad.status.containerStatuses[0]!.state]).toMatchObject(['Running', { state: 'waiting', reason: 'CrashLoopBackOff' }]);
    expect(evictPod(w.sim.cluster, good)).toMatchObject({ evicted: false, code: 429 });
    expect(evictPod(w.sim.cluster, bad)).toEqual({ evicted: true });
    expect(bad.metadata.deletionTimestamp).toBe(30_000);
  });

  it('IfHealthyBudget: an unready pod is refused while the budget itself is short', () => {
    const w = world(pools, '    - {at: 60s, cordon: {nodes: [a-0]}}\n', objects('IfHealthyBudget').replace('minAvailable: 3', 'minAvailable: 4'));
    w.runTo(30);
    expect(w.pdb().status).toMatchObject({ currentHealthy: 3, desiredHealthy: 4, disruptionsAllowed: 0 });
    const bad = [...w.sim.cluster.pods()].find((p) => p.metadata.name === 'flaky')!;
    expect(evictPod(w.sim.cluster, bad)).toMatchObject({ evicted: false, code: 429 });
  });
});

describe('a PodDisruptionBudget whose pods have no scale to count', () => {
  const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "busybox:1.36"}]
`;

  it('fails safe (no disruption allowed, SyncFailed) once per change of its pods, not in a loop of its own status writes', () => {
    const w = world(POOLS, '    []\n', `${DS}---\n${pdb('maxUnavailable: 1')}`, '30s');
    w.runTo(30);
    const failed = w.events.filter((e) => e.reason === 'CalculateExpectedPodCountFailed');
    // Synced at creation (no pods yet: NoPods, 0 of 0 fails nothing), then when the pod is created, bound and Ready.
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(10);
    expect(failed[0]!.message).toBe('Failed to calculate the number of expected pods: found no controllers for pod "' + w.log.find((l) => l[1] === 'created')![2] + '"');
    expect(w.pdb().status.disruptionsAllowed).toBe(0);
    expect(w.pdb().status.conditions.find((c) => c.type === 'DisruptionAllowed')).toMatchObject({ status: 'False', reason: 'SyncFailed' });
  });

  it("counts a StatefulSet's replicas as the scale (getPodStatefulSet)", () => {
    const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  replicas: 2
  serviceName: web
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "busybox:1.36"}]
`;
    const w = world(POOLS, '    []\n', `${STS}---\n${pdb('maxUnavailable: 1')}`, '30s');
    w.runTo(30);
    expect(w.events.filter((e) => e.reason === 'CalculateExpectedPodCountFailed')).toEqual([]);
    expect(w.pdb().status).toMatchObject({ expectedPods: 2, desiredHealthy: 1, currentHealthy: 2, disruptionsAllowed: 1 });
  });
});
