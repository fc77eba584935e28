import { describe, expect, it } from 'vitest';
import type { RestartPolicy } from '../../src/model/pod.js';
import { container, makePod, s, World } from './world.js';

/*
 * The kubelet alone (no control plane): heartbeats every 10 s from the node's
 * creation at 0, containerStartLatency 1 s, image present.
 */
const IMAGE = 'busybox:1.36';

function world() {
  const w = new World({ kubelet: { containerStartLatencyMs: s(1) } });
  w.addNode('n1', [IMAGE]);
  const agent = w.kubelets.agent('n1');
  if (!agent) throw new Error('no agent');
  const at = (t: number, f: () => void) => w.engine.at(s(t), f);
  return { w, agent, at, node: w.cluster.node('n1') };
}

describe('a partition', () => {
  it('stamps the last heartbeat heard at or before the fault, and clears it at the first heartbeat after the heal', () => {
    const { w, agent, at, node } = world();
    const seen: (number | undefined)[] = [];
    w.cluster.watch({ nodeUpdated: (n) => seen.push(n.lastHeartbeat) });
    at(33, () => agent.partition());
    at(495, () => agent.heal());
    w.run(499);
    expect(node?.lastHeartbeat).toBe(s(30));
    w.run(500);
    expect(node?.lastHeartbeat).toBeUndefined();
    expect(seen).toEqual([s(30), undefined]);
  });

  it('counts a heartbeat at the fault instant as heard, and a heal at a heartbeat instant misses it', () => {
    const { w, agent, at, node } = world();
    at(30, () => agent.partition());
    at(60, () => agent.heal());
    w.run(69);
    expect(node?.lastHeartbeat).toBe(s(30));
    w.run(70);
    expect(node?.lastHeartbeat).toBeUndefined();
  });

  it('keeps the containers running and holds their events and phase changes until the kubelet reports', () => {
    const { w, agent, at } = world();
    w.submit(makePod('job', { restartPolicy: 'Never', containers: [container('c', { runs: 100 })] }), 'n1');
    at(33, () => agent.partition());
    at(495, () => agent.heal());
    w.run(499);
    expect(w.transitions('job')).toEqual([[1, 'Pending', 'Running', 'Started']]);
    w.run(600);
    // it finished at 101; the API hears of it at 500
    expect(w.transitions('job')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [500, 'Running', 'Succeeded', 'Completed'],
    ]);
    const finished = w.statuses.find((r) => r.phase === 'Succeeded');
    expect(finished?.t).toBe(500);
  });

  it('delivers the events it held, in order, when it reports again', () => {
    const { w, agent, at } = world();
    w.submit(makePod('crash', { containers: [container('c', { runs: 5, exitCode: 1 })] }), 'n1');
    at(3, () => agent.partition());
    at(30, () => agent.heal());
    w.run(45);
    // started at 1, exits at 6 (restart at once: Started at 7), exits 12, back-off 10 s: restart 22 (Started 23)
    expect(w.eventsOf('crash').map(([t, r]) => `${t} ${r}`)).toEqual([
      '0 Pulled',
      '1 Created',
      '1 Started',
      '40 Pulled',
      '40 Created',
      '40 Started',
      '40 BackOff',
      '40 Pulled',
      '40 Created',
      '40 Started',
      '40 BackOff',
    ]);
  });

  it('kills, on reporting, a pod deleted meanwhile, after its grace period', () => {
    const { w, agent, at } = world();
    const pod = w.submit(makePod('web', { containers: [container('c')], terminationGracePeriodSeconds: 30 }), 'n1');
    at(33, () => agent.partition());
    w.deleteAt(pod, 100);
    at(495, () => agent.heal());
    w.run(499);
    expect(w.times('web', 'Killing')).toEqual([]);
    w.run(600);
    expect(w.times('web', 'Killing')).toEqual([500]);
    expect(w.transitions('web')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [530, 'Running', 'Failed', 'Error'],
    ]);
    expect(w.removed).toEqual([{ t: 530, pod: 'web' }]);
  });

  it('starts a pod bound to it meanwhile only when it reports', () => {
    const { w, agent, at } = world();
    at(5, () => agent.partition());
    w.submit(makePod('late', { containers: [container('c')] }), 'n1', 10);
    at(20, () => agent.heal());
    w.run(40);
    expect(w.times('late', 'Started')).toEqual([31]);
  });

  it('keeps a final delete it made while cut off until it reports', () => {
    const { w, agent, at } = world();
    const pod = w.submit(makePod('web', { containers: [container('c')], terminationGracePeriodSeconds: 30 }), 'n1');
    w.deleteAt(pod, 10);
    at(15, () => agent.partition());
    at(100, () => agent.heal());
    w.run(200);
    expect(w.removed).toEqual([{ t: 110, pod: 'web' }]);
    expect(w.transitions('web')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [110, 'Running', 'Failed', 'Error'],
    ]);
  });
});

describe('a crash', () => {
  const crashed = (policy: RestartPolicy, runs?: number) => {
    const { w, agent, at } = world();
    const opts = runs === undefined ? {} : { runs };
    w.submit(makePod('p', { restartPolicy: policy, containers: [container('c', opts)] }), 'n1');
    at(33, () => agent.crash());
    at(95, () => agent.reboot());
    w.run(300);
    return w;
  };

  it('kills every container at once without events, and restarts Always pods at the first heartbeat after the reboot', () => {
    const w = crashed('Always');
    expect(w.times('p', 'Killing')).toEqual([]);
    expect(w.times('p', 'Started')).toEqual([1, 101]);
    expect(w.restartTimes('p')).toEqual([100]);
    expect(w.transitions('p')).toEqual([[1, 'Pending', 'Running', 'Started']]);
  });

  it('restarts OnFailure pods (the lost container counts as exit 137)', () => {
    const w = crashed('OnFailure');
    expect(w.times('p', 'Started')).toEqual([1, 101]);
  });

  it('reports a Never pod Failed with ContainerStatusUnknown', () => {
    const w = crashed('Never');
    expect(w.times('p', 'Started')).toEqual([1]);
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [100, 'Running', 'Failed', 'ContainerStatusUnknown'],
    ]);
  });

  it('leaves a container that had already completed alone', () => {
    const w = crashed('OnFailure', 5);
    expect(w.times('p', 'Started')).toEqual([1]);
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [6, 'Running', 'Succeeded', 'Completed'],
    ]);
  });

  it('removes, when back, a pod deleted while the node was down', () => {
    const { w, agent, at } = world();
    const pod = w.submit(makePod('web', { containers: [container('c')] }), 'n1');
    at(33, () => agent.crash());
    w.deleteAt(pod, 50);
    at(95, () => agent.reboot());
    w.run(300);
    expect(w.removed).toEqual([{ t: 100, pod: 'web' }]);
    expect(w.times('web', 'Started')).toEqual([1]);
    expect(w.times('web', 'Killing')).toEqual([]);
  });

  it('never starts a pod bound to it while it was down and deleted before it came back: Failed unstarted, then removed', () => {
    const { w, agent, at } = world();
    at(5, () => agent.crash());
    const pod = w.submit(makePod('late', { containers: [container('c')] }), 'n1', 10);
    pod.status.reason = 'NodeLost'; // as the control plane sets it while the node is lost
    w.deleteAt(pod, 60);
    at(120, () => agent.reboot());
    w.run(300);
    expect(w.times('late', 'Started')).toEqual([]);
    expect(w.transitions('late')).toEqual([[130, 'Pending', 'Failed', 'ContainerStatusUnknown']]);
    expect(w.removed).toEqual([{ t: 130, pod: 'late' }]);
    expect(pod.status.reason).toBeUndefined();
  });

  it('removes, once it has rejected it, a pod bound to it while cut off and deleted meanwhile that does not fit', () => {
    const { w, agent, at } = world();
    at(5, () => agent.partition());
    const big = makePod('big', { containers: [{ ...container('c'), requests: { cpu: 8000 } }] });
    w.submit(big, 'n1', 10);
    w.deleteAt(big, 60);
    at(120, () => agent.heal());
    w.run(300);
    expect(w.transitions('big')).toEqual([[130, 'Pending', 'Failed', 'OutOfcpu']]);
    expect(w.removed).toEqual([{ t: 130, pod: 'big' }]);
  });

  it('waits for the network too when the node is also partitioned', () => {
    const { w, agent, at } = world();
    w.submit(makePod('p', { containers: [container('c')] }), 'n1');
    at(20, () => agent.partition());
    at(33, () => agent.crash());
    at(95, () => agent.reboot());
    at(150, () => agent.heal());
    w.run(300);
    expect(w.times('p', 'Started')).toEqual([1, 161]);
  });
});
