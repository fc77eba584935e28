import { describe, expect, it } from 'vitest';
import type { RestartPolicy } from '../../src/model/pod.js';
import { container, makePod, s, World } from './world.js';

const IMAGE = 'busybox:1.36';

function world() {
  const w = new World({ kubelet: { containerStartLatencyMs: s(1) } });
  w.addNode('n1', [IMAGE]);
  return w;
}

describe('init containers', () => {
  const w = world();
  const pod = w.submit(
    makePod('job', {
      initContainers: [container('init1', { runs: 2 }), container('init2', { runs: 3 })],
      containers: [container('app')],
    }),
    'n1',
  );
  w.run(20);

  it('run one after another, each to completion, before the app containers', () => {
    expect(w.times('job', 'Started')).toEqual([1, 4, 8]);
    expect(w.eventsOf('job').filter(([, r]) => r === 'Started').map(([, , m]) => m)).toEqual([
      'Started container init1',
      'Started container init2',
      'Started container app',
    ]);
  });

  it('keep the pod Pending and the app PodInitializing until they are done', () => {
    expect(w.transitions('job')).toEqual([[8, 'Pending', 'Running', 'Started']]);
    const initialized = pod.status.conditions.find((c) => c.type === 'Initialized');
    expect(initialized).toMatchObject({ status: 'True', lastTransitionTime: s(7) });
    expect(pod.status.initContainerStatuses.map((c) => c.state)).toMatchObject([
      { state: 'terminated', reason: 'Completed', exitCode: 0, startedAt: s(1), finishedAt: s(3) },
      { state: 'terminated', reason: 'Completed', exitCode: 0, startedAt: s(4), finishedAt: s(7) },
    ]);
  });

  it('let the next one begin as soon as a sidecar has started', () => {
    const w2 = world();
    w2.submit(
      makePod('mesh', {
        initContainers: [container('proxy', { sidecar: true }), container('setup', { runs: 2 })],
        containers: [container('app')],
      }),
      'n1',
    );
    w2.run(20);
    expect(w2.times('mesh', 'Started')).toEqual([1, 2, 5]);
    expect(w2.transitions('mesh')).toEqual([[5, 'Pending', 'Running', 'Started']]);
  });

  it('make a Never pod Failed when one fails, and are retried under OnFailure', () => {
    const failing = (policy: RestartPolicy) => {
      const w3 = world();
      const p = w3.submit(
        makePod('init-fail', {
          restartPolicy: policy,
          initContainers: [container('init', { runs: 2, exitCode: 1 })],
          containers: [container('app')],
        }),
        'n1',
      );
      w3.run(30);
      return { w3, p };
    };
    const never = failing('Never');
    expect(never.w3.transitions('init-fail')).toEqual([[3, 'Pending', 'Failed', 'Error']]);
    expect(never.w3.times('init-fail', 'Started')).toEqual([1]);
    const onFailure = failing('OnFailure');
    expect(onFailure.w3.transitions('init-fail')).toEqual([]);
    expect(onFailure.w3.restartTimes('init-fail')).toEqual([3, 16]); // at once, then 10 s after the finish at 6
    expect(onFailure.p.status.initContainerStatuses[0]?.state).toMatchObject({ reason: 'CrashLoopBackOff' });
  });
});

describe('restartPolicy', () => {
  const cases: { policy: RestartPolicy; exitCode: number; transitions: unknown[]; restarts: number[] }[] = [
    { policy: 'OnFailure', exitCode: 1, transitions: [[1, 'Pending', 'Running', 'Started']], restarts: [6, 22] },
    {
      policy: 'Never',
      exitCode: 1,
      transitions: [
        [1, 'Pending', 'Running', 'Started'],
        [6, 'Running', 'Failed', 'Error'],
      ],
      restarts: [],
    },
    {
      policy: 'OnFailure',
      exitCode: 0,
      transitions: [
        [1, 'Pending', 'Running', 'Started'],
        [6, 'Running', 'Succeeded', 'Completed'],
      ],
      restarts: [],
    },
    {
      policy: 'Never',
      exitCode: 0,
      transitions: [
        [1, 'Pending', 'Running', 'Started'],
        [6, 'Running', 'Succeeded', 'Completed'],
      ],
      restarts: [],
    },
    { policy: 'Always', exitCode: 0, transitions: [[1, 'Pending', 'Running', 'Started']], restarts: [6, 22] },
  ];
  it.each(cases)('$policy with exit code $exitCode', ({ policy, exitCode, transitions, restarts }) => {
    // worked example §3's kubelet part: start 1 s, runs 5 s; exits at 6, at once restarted, 7 / 12, back-off 10 s, 22
    const w = world();
    w.submit(makePod('p', { restartPolicy: policy, containers: [container('c', { runs: 5, exitCode })] }), 'n1');
    w.run(25);
    expect(w.transitions('p')).toEqual(transitions);
    expect(w.restartTimes('p')).toEqual(restarts);
  });

  it('stops the sidecars of a pod whose app containers are done, then completes it', () => {
    const w = world();
    const pod = w.submit(
      makePod('batch', {
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 5,
        initContainers: [container('proxy', { sidecar: true })],
        containers: [container('app', { runs: 3 })],
      }),
      'n1',
    );
    w.run(30);
    // proxy Started 1, app Started 2, exits 5; proxy gets SIGTERM at 5 and SIGKILL at 10
    expect(w.times('batch', 'Killing')).toEqual([5]);
    expect(w.transitions('batch')).toEqual([
      [2, 'Pending', 'Running', 'Started'],
      [10, 'Running', 'Succeeded', 'Completed'],
    ]);
    expect(pod.status.initContainerStatuses[0]?.state).toMatchObject({ exitCode: 137, reason: 'Error' });
  });
});

describe('deletion', () => {
  it('kills running containers after the grace period, then Failed and removed', () => {
    const w = world();
    const pod = w.submit(makePod('web', { terminationGracePeriodSeconds: 30, containers: [container('c')] }), 'n1');
    w.deleteAt(pod, 10);
    w.run(100);
    expect(w.eventsOf('web').slice(-1)).toEqual([[10, 'Killing', 'Stopping container c']]);
    expect(w.transitions('web')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [40, 'Running', 'Failed', 'Error'],
    ]);
    expect(w.removed).toEqual([{ t: 40, pod: 'web' }]);
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({ exitCode: 137, finishedAt: s(40) });
  });

  it('lets a container that exits 0 within the grace period end the pod Succeeded', () => {
    const w = world();
    const pod = w.submit(makePod('job', { restartPolicy: 'Never', containers: [container('c', { runs: 20 })] }), 'n1');
    w.deleteAt(pod, 10);
    w.run(100);
    expect(w.transitions('job').at(-1)).toEqual([21, 'Running', 'Succeeded', 'Completed']);
    expect(w.removed).toEqual([{ t: 21, pod: 'job' }]);
  });

  it('removes at once a pod with nothing running (ContainerStatusUnknown, Failed)', () => {
    const w = new World();
    w.addNode('n1');
    const pod = w.submit(makePod('stuck', { containers: [container('c', { image: 'x:1', pullPolicy: 'Never' })] }), 'n1');
    w.deleteAt(pod, 10);
    w.run(100);
    expect(w.transitions('stuck')).toEqual([[10, 'Pending', 'Failed', 'ContainerStatusUnknown']]);
    expect(w.removed).toEqual([{ t: 10, pod: 'stuck' }]);
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({ exitCode: 137, reason: 'ContainerStatusUnknown' });
  });

  it('removes at once a pod already terminal when deletion is requested', () => {
    const w = world();
    const pod = w.submit(makePod('done', { restartPolicy: 'Never', containers: [container('c', { runs: 2 })] }), 'n1');
    w.deleteAt(pod, 10);
    w.run(100);
    expect(w.transitions('done')).toEqual([
      [1, 'Pending', 'Running', 'Started'],
      [3, 'Running', 'Succeeded', 'Completed'],
    ]);
    expect(w.removed).toEqual([{ t: 10, pod: 'done' }]);
  });

  it('cancels pending timers: a crash-looping pod neither restarts nor reports after its deletion', () => {
    const w = world();
    const pod = w.submit(makePod('crash', { terminationGracePeriodSeconds: 0, containers: [container('c', { runs: 2, exitCode: 1 })] }), 'n1');
    w.deleteAt(pod, 10); // exits at 3, restarted at once, exits 6, back-off until 16
    w.run(100);
    expect(w.removed).toEqual([{ t: 10, pod: 'crash' }]);
    expect(w.events.filter((e) => e.time > s(10))).toEqual([]);
    expect(w.transitions('crash').at(-1)).toEqual([10, 'Running', 'Failed', 'Error']);
  });

  it('frees the pod IP for later pods', () => {
    const w = world();
    const a = w.submit(makePod('a', { terminationGracePeriodSeconds: 0, containers: [container('c')] }), 'n1');
    const b = w.submit(makePod('b', { containers: [container('c')] }), 'n1');
    w.deleteAt(a, 5);
    w.run(10);
    expect([a.status.podIP, b.status.podIP]).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
