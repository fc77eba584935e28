import { describe, expect, it } from 'vitest';
import { container, makePod, Mi, s, World, type PodOptions } from './world.js';

/*
 * spec.activeDeadlineSeconds, enforced by the kubelet (active-deadline.ts):
 * hand-worked timelines on the kubelet alone (no control plane). The node is
 * created at 0 with busybox:1.36 present; syncDelay 0, so the kubelet admits a
 * pod bound at 0 at once and its status.startTime is 0; containerStartLatency
 * 1 s unless said. Every container ignores SIGTERM and dies with exit 137 when
 * its grace period ends.
 */
const REASON = 'DeadlineExceeded';
const MESSAGE = 'Pod was active on the node longer than the specified deadline';

function world(o: ConstructorParameters<typeof World>[0] = {}) {
  const w = new World(o);
  w.addNode('n1', ['busybox:1.36']);
  const agent = w.kubelets.agent('n1');
  if (!agent) throw new Error('no agent');
  const at = (t: number, f: () => void) => w.engine.at(s(t), f);
  return { w, agent, at };
}

function deadlinePod(name: string, o: Partial<PodOptions> = {}) {
  return makePod(name, { containers: [container('app')], activeDeadlineSeconds: 30, ...o });
}

describe('a pod whose container outlives activeDeadlineSeconds: 30', () => {
  const { w } = world();
  const pod = w.submit(deadlinePod('long', { terminationGracePeriodSeconds: 5 }), 'n1');
  w.run(100);

  it('counts from status.startTime, set when the kubelet admits it', () => {
    expect(pod.status.startTime).toBe(0);
  });

  it('records DeadlineExceeded (Normal) at 30, then kills the container (Killing)', () => {
    expect(w.eventsOf('long')).toEqual([
      [0, 'Pulled', 'Container image "busybox:1.36" already present on machine'],
      [1, 'Created', 'Created container: app'],
      [1, 'Started', 'Started container app'],
      [30, REASON, MESSAGE],
      [30, 'Killing', 'Stopping container app'],
    ]);
    expect(w.events.find((e) => e.reason === REASON)?.type).toBe('Normal');
  });

  it('stays Running through the grace period and turns Failed, DeadlineExceeded, once the container is dead (35)', () => {
    expect(w.transitions('long')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [35, 'Running', 'Failed', REASON],
    ]);
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: REASON, message: MESSAGE });
  });

  it('shows the container killed: Terminated, exit 137, Error, from 1 to 35; not restarted', () => {
    const st = pod.status.containerStatuses[0];
    expect(st?.state).toEqual({ state: 'terminated', exitCode: 137, reason: 'Error', startedAt: s(1), finishedAt: s(35) });
    expect(st?.restartCount).toBe(0);
  });

  it('is not Ready from the deadline on, while still Running (the kubelet computes Failed; only the phase waits)', () => {
    const { w: w2 } = world();
    const p2 = w2.submit(deadlinePod('long', { terminationGracePeriodSeconds: 5 }), 'n1');
    const ready = () => p2.status.conditions.find((c) => c.type === 'Ready');
    w2.run(29);
    expect(ready()).toMatchObject({ status: 'True' });
    w2.run(30);
    expect(p2.status.phase).toBe('Running');
    expect(ready()).toMatchObject({ status: 'False', reason: 'PodFailed', lastTransitionTime: s(30) });
  });

  it('leaves nothing scheduled', () => {
    expect(w.engine.peek()).toBeUndefined();
  });
});

describe('the kill honours terminationGracePeriodSeconds', () => {
  it('the default 30 s: Killing at 30, Failed at 60', () => {
    const { w } = world();
    w.submit(deadlinePod('p'), 'n1');
    w.run(100);
    expect(w.times('p', 'Killing')).toEqual([30]);
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [60, 'Running', 'Failed', REASON],
    ]);
  });

  it('a container that exits on its own during the grace period ends it early, with its own exit code', () => {
    const { w } = world();
    const pod = w.submit(deadlinePod('p', { restartPolicy: 'Never', containers: [container('app', { runs: 40, exitCode: 0 })] }), 'n1');
    w.run(100);
    // runs from 1 to 41: killed at 30, exits 0 at 41 before SIGKILL at 60; the deadline still fails the pod
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [41, 'Running', 'Failed', REASON],
    ]);
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({ exitCode: 0, reason: 'Completed', finishedAt: s(41) });
  });
});

describe('a pod that ends before its deadline', () => {
  it.each([
    ['succeeds', 0, 'Succeeded', 'Completed'],
    ['fails', 1, 'Failed', 'Error'],
  ] as const)('%s untouched, and its deadline timer goes', (_, exitCode, phase, reason) => {
    const { w } = world();
    const pod = w.submit(deadlinePod('p', { restartPolicy: 'Never', containers: [container('app', { runs: 10, exitCode })] }), 'n1');
    w.run(100);
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [11, 'Running', phase, reason],
    ]);
    expect(w.times('p', REASON)).toEqual([]);
    expect(w.times('p', 'Killing')).toEqual([]);
    expect(pod.status.reason).toBeUndefined();
    expect(w.engine.peek()).toBeUndefined();
  });

  it('ends at the deadline when its last container exits at that very instant (>=, and the deadline was armed first)', () => {
    const { w } = world();
    w.submit(deadlinePod('p', { restartPolicy: 'Never', containers: [container('app', { runs: 29, exitCode: 0 })] }), 'n1');
    w.run(100);
    // started at 1, exits at 30 = the deadline: the deadline's sync comes first (armed at admission)
    expect(w.eventsOf('p').slice(3)).toEqual([
      [30, REASON, MESSAGE],
      [30, 'Killing', 'Stopping container app'],
    ]);
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [30, 'Running', 'Failed', REASON],
    ]);
  });
});

describe('a restartPolicy Always pod in CrashLoopBackOff (worked example 1: start 2 s, runs 3 s, exits 1)', () => {
  const crashing = (deadline: number) => {
    const { w } = world({ kubelet: { containerStartLatencyMs: s(2) } });
    const pod = w.submit(
      deadlinePod('crash', { activeDeadlineSeconds: deadline, containers: [container('app', { runs: 3, exitCode: 1 })] }),
      'n1',
    );
    w.run(700);
    return { w, pod };
  };

  it('waiting out its back-off at the deadline (30; next restart was due at 45): Failed at once, nothing to kill', () => {
    const { w } = crashing(30);
    expect(w.times('crash', 'Started')).toEqual([2, 7, 22]);
    expect(w.times('crash', REASON)).toEqual([30]);
    expect(w.times('crash', 'Killing')).toEqual([]);
    expect(w.transitions('crash')).toEqual([
      [2, 'Pending', 'Running', 'Started'],
      [30, 'Running', 'Failed', REASON],
    ]);
  });

  it('its waiting container ends Terminated ContainerStatusUnknown (137), keeping its last run as lastState (TerminatePod)', () => {
    const { pod } = crashing(30);
    const st = pod.status.containerStatuses[0];
    expect(st?.state).toEqual({ state: 'terminated', exitCode: 137, reason: 'ContainerStatusUnknown', startedAt: s(30), finishedAt: s(30) });
    expect(st?.lastTerminationState).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: s(22), finishedAt: s(25) });
    expect(st?.restartCount).toBe(2);
  });

  it('running at the deadline (23; the run ends at 25): killed, and its own exit at 25 ends the pod', () => {
    const { w, pod } = crashing(23);
    expect(w.eventsOf('crash').filter(([t]) => t >= 22).map(([t, r]) => `${t} ${r}`)).toEqual([
      '22 Created',
      '22 Started',
      `23 ${REASON}`,
      '23 Killing',
    ]);
    expect(w.transitions('crash')).toEqual([
      [2, 'Pending', 'Running', 'Started'],
      [25, 'Running', 'Failed', REASON],
    ]);
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({ exitCode: 1, reason: 'Error', finishedAt: s(25) });
  });
});

describe('an image pull slower than the deadline', () => {
  /*
   * big:1 is 60Mi at 1Mi/s with no registry latency: the pull takes 0-60 s.
   * startTime is 0 (admission, before the pull), so the deadline falls at 30,
   * during the pull. The kubelet's pod worker is then inside SyncPod, which
   * pulls and starts the container without interruption; the sync that sees
   * the deadline comes when it returns: the container is started at 61 and
   * killed at once. The phase never shows Running (the kubelet's status past
   * the deadline is Failed, held back while the container runs).
   */
  const { w } = world({ registry: { bandwidth: 1 * Mi, latencyMs: 0 }, catalogue: new Map([['big:1', 60 * Mi]]) });
  const pod = w.submit(
    deadlinePod('slow', { terminationGracePeriodSeconds: 5, containers: [container('app', { image: 'big:1' })] }),
    'n1',
  );
  w.run(200);

  it('has startTime 0, before the pull', () => {
    expect(pod.status.startTime).toBe(0);
  });

  it('pulls 0-60, starts at 61, and only then records DeadlineExceeded and kills', () => {
    expect(w.eventsOf('slow').map(([t, r]) => `${t} ${r}`)).toEqual([
      '0 Pulling',
      '60 Pulled',
      '61 Created',
      '61 Started',
      `61 ${REASON}`,
      '61 Killing',
    ]);
  });

  it('goes from Pending straight to Failed at 66, never Running', () => {
    expect(w.transitions('slow')).toEqual([[66, 'Pending', 'Failed', REASON]]);
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: REASON, message: MESSAGE });
  });
});

describe('a pod whose deletion began first', () => {
  it('deleted at 10 (grace 30): killed by the deletion only, removed at 40, no DeadlineExceeded', () => {
    const { w } = world();
    const pod = w.submit(deadlinePod('p'), 'n1');
    w.deleteAt(pod, 10);
    w.run(100);
    expect(w.times('p', REASON)).toEqual([]);
    expect(w.times('p', 'Killing')).toEqual([10]);
    expect(w.removed).toEqual([{ t: 40, pod: 'p' }]);
    expect(pod.status.reason).toBeUndefined();
  });

  it('deleted at 40, after the deadline kill began at 30: one kill, Failed DeadlineExceeded at 60, then removed', () => {
    const { w } = world();
    const pod = w.submit(deadlinePod('p'), 'n1');
    w.deleteAt(pod, 40);
    w.run(100);
    expect(w.times('p', REASON)).toEqual([30]);
    expect(w.times('p', 'Killing')).toEqual([30]);
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [60, 'Running', 'Failed', REASON],
    ]);
    expect(w.removed).toEqual([{ t: 60, pod: 'p' }]);
    expect(pod.status.reason).toBe(REASON);
  });
});

describe('node faults', () => {
  it('a partition: the kubelet enforces the deadline on its own; the API hears at the first heartbeat after the heal', () => {
    const { w, agent, at } = world();
    const pod = w.submit(deadlinePod('p', { terminationGracePeriodSeconds: 5 }), 'n1');
    at(10, () => agent.partition());
    at(95, () => agent.heal());
    w.run(200);
    // killed at 30, dead at 35, all reported at 100
    expect(w.eventsOf('p').filter(([, r]) => r === REASON || r === 'Killing')).toEqual([
      [100, REASON, MESSAGE],
      [100, 'Killing', 'Stopping container app'],
    ]);
    expect(w.transitions('p')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [100, 'Running', 'Failed', REASON],
    ]);
    expect(pod.status).toMatchObject({ reason: REASON, message: MESSAGE });
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({ exitCode: 137, finishedAt: s(35) });
  });

  it('a crash across the deadline: nothing runs when the kubelet is back (60), so Failed at once', () => {
    const { w, agent, at } = world();
    const pod = w.submit(deadlinePod('p'), 'n1');
    at(20, () => agent.crash());
    at(50, () => agent.reboot());
    w.run(200);
    expect(w.times('p', REASON)).toEqual([60]);
    expect(w.times('p', 'Killing')).toEqual([]);
    expect(w.times('p', 'Started')).toEqual([1]);
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: REASON });
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({ exitCode: 137, reason: 'ContainerStatusUnknown', finishedAt: s(20) });
  });

  it('a crash and reboot before the deadline: the deadline still falls at startTime + 30', () => {
    const { w, agent, at } = world();
    w.submit(deadlinePod('p', { terminationGracePeriodSeconds: 5 }), 'n1');
    at(5, () => agent.crash());
    at(8, () => agent.reboot());
    w.run(200);
    // back at 10, restarted (Started 11), killed at 30, dead at 35
    expect(w.times('p', 'Started')).toEqual([1, 11]);
    expect(w.times('p', REASON)).toEqual([30]);
    expect(w.transitions('p').at(-1)).toEqual([35, 'Running', 'Failed', REASON]);
  });
});

describe('two containers and a sidecar', () => {
  it('are killed together at the deadline; the pod is Failed when the last one is dead', () => {
    const { w } = world();
    const pod = w.submit(
      deadlinePod('p', {
        terminationGracePeriodSeconds: 5,
        initContainers: [container('proxy', { sidecar: true })],
        containers: [container('a'), container('b', { runs: 32, exitCode: 0 })],
      }),
      'n1',
    );
    w.run(100);
    // proxy started 1, a 2, b 3; at 30 Killing a, b, then the sidecar; b exits 0 at 35 = SIGKILL time
    expect(w.eventsOf('p').filter(([t]) => t >= 30)).toEqual([
      [30, REASON, MESSAGE],
      [30, 'Killing', 'Stopping container a'],
      [30, 'Killing', 'Stopping container b'],
      [30, 'Killing', 'Stopping container proxy'],
    ]);
    expect(w.transitions('p').at(-1)).toEqual([35, 'Running', 'Failed', REASON]);
    const states = [...pod.status.initContainerStatuses, ...pod.status.containerStatuses].map((c) => c.state);
    expect(states.map((st) => (st.state === 'terminated' ? st.exitCode : st.state))).toEqual([137, 137, 0]);
  });
});

describe('a pod still in its init container at the deadline', () => {
  it('kills the init container; the app container, never started, stays Waiting (TerminatePod: not initialized)', () => {
    const { w } = world();
    const pod = w.submit(
      deadlinePod('p', { terminationGracePeriodSeconds: 5, initContainers: [container('setup')], containers: [container('app')] }),
      'n1',
    );
    w.run(100);
    expect(w.eventsOf('p').filter(([t]) => t >= 30)).toEqual([
      [30, REASON, MESSAGE],
      [30, 'Killing', 'Stopping container setup'],
    ]);
    expect(w.transitions('p')).toEqual([[35, 'Pending', 'Failed', REASON]]);
    expect(pod.status.initContainerStatuses[0]?.state).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: s(35) });
    expect(pod.status.containerStatuses[0]?.state).toEqual({ state: 'waiting', reason: 'PodInitializing' });
  });
});
