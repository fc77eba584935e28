import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_TIMING, backoffDuration, backoffExpiration, backoffFlushAt, isBackingOff, leftoverFlushAt } from '../../src/scheduler/backoff.js';
import { Cluster } from '../../src/api/cluster.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { World, makeNode, makePod, s } from './world.js';

describe('backoff arithmetic', () => {
  it.each<[number, number]>([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [40, 10_000],
  ])('the backoff after %i rejections is %i ms (1 s doubling, 10 s cap)', (count, ms) => {
    expect(backoffDuration(count, DEFAULT_QUEUE_TIMING)).toBe(ms);
  });

  it('aligns the expiry down to its second, and the flush that releases it is the next whole second', () => {
    const expiry = backoffExpiration({ timestamp: 2300, unschedulableCount: 1, consecutiveErrorsCount: 0 }, DEFAULT_QUEUE_TIMING);
    expect(expiry).toBe(3000);
    expect(isBackingOff(expiry, 3000)).toBe(true);
    expect(isBackingOff(expiry, 3999)).toBe(true);
    expect(isBackingOff(expiry, 4000)).toBe(false);
    expect(backoffFlushAt(3000)).toBe(4000);
  });

  it('uses the error count after an errored attempt', () => {
    expect(backoffExpiration({ timestamp: 0, unschedulableCount: 4, consecutiveErrorsCount: 1 }, DEFAULT_QUEUE_TIMING)).toBe(1000);
  });

  it('moves an unschedulable pod at the first 30-s tick more than 5 minutes after it failed', () => {
    expect(leftoverFlushAt(0, 0, DEFAULT_QUEUE_TIMING)).toBe(s(330));
    expect(leftoverFlushAt(s(1), 0, DEFAULT_QUEUE_TIMING)).toBe(s(330));
    expect(leftoverFlushAt(s(29.999), 0, DEFAULT_QUEUE_TIMING)).toBe(s(330));
    expect(leftoverFlushAt(s(30), 0, DEFAULT_QUEUE_TIMING)).toBe(s(360));
    expect(leftoverFlushAt(s(30), s(5), DEFAULT_QUEUE_TIMING)).toBe(s(335));
  });
});

describe('retry timing', () => {
  const tooBig = () => makePod('web', { cpu: 3000 });

  it('binds at once when a node that fits is added long after the failure (backoff already over)', () => {
    const world = new World({ nodes: [makeNode('small', { cpu: 1000 })] });
    world.cluster.createPod(tooBig());
    world.at(7, () => world.cluster.addNode(makeNode('big'))).run(400);
    expect(world.failedAttempts('web')).toEqual([0]);
    expect(world.boundAt('web')).toBe(7);
    expect(world.nodeOf('web')).toBe('big');
  });

  it('binds at once even while backing off: an idle scheduler pops the backoff queue (SchedulerPopFromBackoffQ)', () => {
    const world = new World({ nodes: [makeNode('small', { cpu: 1000 })] });
    world.cluster.createPod(tooBig());
    world.at(0.5, () => world.cluster.addNode(makeNode('big'))).run(400);
    expect(world.boundAt('web')).toBe(0.5);
  });

  it('ignores a node too small for the pod (NodeResourcesFit hint: QueueSkip) and retries after 5 minutes', () => {
    const world = new World({ nodes: [makeNode('small', { cpu: 1000 })] });
    world.cluster.createPod(tooBig());
    world.at(7, () => world.cluster.addNode(makeNode('small-2', { cpu: 2000 }))).run(700);
    expect(world.failedAttempts('web')).toEqual([0, 330, 660]);
  });

  it('retries an unschedulable pod every 5 to 5.5 minutes while nothing changes', () => {
    const world = new World({ nodes: [makeNode('small', { cpu: 1000 })] });
    world.at(40, () => world.cluster.createPod(tooBig())).run(1000);
    // failed at 40: first tick > 340 is 360; then > 660: 690; then > 990: 1020 (beyond the horizon)
    expect(world.failedAttempts('web')).toEqual([40, 360, 690]);
  });

  it('backs off 1, 2, 4, 8, 10 s after errors, on whole-second flushes, when there are no nodes', () => {
    const world = new World();
    world.cluster.createPod(makePod('web'));
    world.run(45);
    expect(world.failedAttempts('web')).toEqual([0, 2, 5, 10, 19, 30, 41]);
    expect(world.eventsOf('web')[0]).toBe('0 FailedScheduling: no nodes available to schedule pods');
  });

  it('does not move an errored pod on node events: it waits for its backoff flush', () => {
    const world = new World();
    world.cluster.createPod(makePod('web'));
    world.at(3, () => world.cluster.addNode(makeNode('n'))).run(60);
    expect(world.failedAttempts('web')).toEqual([0, 2]);
    expect(world.boundAt('web')).toBe(5);
  });

  it('leaves the engine empty once every pod is bound', () => {
    const world = new World({ nodes: [makeNode('n')] });
    world.cluster.createPod(makePod('web'));
    world.run();
    expect(world.boundAt('web')).toBe(0);
    expect(world.engine.peek()).toBeUndefined();
  });
});

describe('cluster events that requeue', () => {
  const full = () => {
    const world = new World({ nodes: [makeNode('n', { cpu: 2000 })] });
    world.cluster.createPod(makePod('old', { cpu: 1500 }));
    world.run(0);
    world.cluster.createPod(makePod('web', { cpu: 1000 }));
    return world;
  };

  it('deleting an assigned pod frees its room at once', () => {
    const world = full();
    world.at(10, () => world.cluster.removePod(world.cluster.pod('default', 'old')!)).run(20);
    expect(world.failedAttempts('web')).toEqual([0]);
    expect(world.boundAt('web')).toBe(10);
  });

  it('a pod that reached Succeeded stops counting, as if deleted (the informer drops terminal pods)', () => {
    const world = full();
    world.at(10, () => world.cluster.updatePodStatus(world.cluster.pod('default', 'old')!, 'Succeeded', 'Completed')).run(20);
    expect(world.boundAt('web')).toBe(10);
    expect(world.scheduler.nodeInfo('n')?.requestedOf('cpu')).toBe(1000);
  });

  it('a terminating pod still counts until it is removed', () => {
    const world = full();
    const old = () => world.cluster.pod('default', 'old')!;
    world.at(10, () => world.cluster.deletePod(old()));
    world.at(40, () => world.cluster.removePod(old())).run(60);
    expect(world.boundAt('web')).toBe(40);
  });

  it('removing a taint requeues pods TaintToleration rejected', () => {
    const node = makeNode('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    const world = new World({ nodes: [node] });
    world.cluster.createPod(makePod('web'));
    world.at(10, () => {
      node.taints = [];
      world.cluster.updateNode(node);
    });
    world.run(20);
    expect(world.boundAt('web')).toBe(10);
  });

  it('uncordoning requeues pods NodeUnschedulable rejected', () => {
    const node = makeNode('n', { unschedulable: true });
    const world = new World({ nodes: [node] });
    world.cluster.createPod(makePod('web'));
    world.at(10, () => {
      node.unschedulable = false;
      world.cluster.updateNode(node);
    });
    world.run(20);
    expect(world.boundAt('web')).toBe(10);
  });

  it('a label that makes the node match requeues pods NodeAffinity rejected; an unrelated one does not', () => {
    const node = makeNode('n');
    const world = new World({ nodes: [node] });
    world.cluster.createPod(makePod('web', { nodeSelector: { zone: 'a' } }));
    world.at(10, () => {
      node.labels = { ...node.labels, team: 'x' };
      world.cluster.updateNode(node);
    });
    world.at(20, () => {
      node.labels = { ...node.labels, zone: 'a' };
      world.cluster.updateNode(node);
    });
    world.run(30);
    expect(world.failedAttempts('web')).toEqual([0]);
    expect(world.boundAt('web')).toBe(20);
  });

  it('a label change does not requeue a pod only taints rejected', () => {
    const node = makeNode('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    const world = new World({ nodes: [node] });
    world.cluster.createPod(makePod('web'));
    world.at(10, () => {
      node.labels = { ...node.labels, zone: 'a' };
      world.cluster.updateNode(node);
    });
    world.run(30);
    expect(world.scheduler.queueLocation(world.cluster.pod('default', 'web')!)).toBe('unschedulable');
    expect(world.failedAttempts('web')).toEqual([0]);
  });
});

describe('queue order and bookkeeping', () => {
  it('schedules many pods created at one instant in one engine event, higher priority first, then creation order', () => {
    const world = new World({ nodes: [makeNode('n', { cpu: 2000 })] });
    world.at(0, () => {
      world.cluster.createPod(makePod('low', { cpu: 1000 }));
      world.cluster.createPod(makePod('first', { cpu: 1000, priority: 100 }));
      world.cluster.createPod(makePod('second', { cpu: 1000, priority: 100 }));
    });
    world.run(1);
    expect(world.engine.eventsProcessed).toBe(2);
    expect(world.events.map((e) => `${e.name} ${e.reason}`)).toEqual([
      'first Scheduled',
      'second Scheduled',
      'low FailedScheduling',
    ]);
  });

  it('does not touch pods created already bound (spec.nodeName), but counts them', () => {
    const world = new World({ nodes: [makeNode('n', { cpu: 2000 })] });
    world.cluster.createPod(makePod('static', { cpu: 1500, nodeName: 'n' }));
    world.run();
    expect(world.events).toEqual([]);
    expect(world.scheduler.nodeInfo('n')?.requestedOf('cpu')).toBe(1500);
    expect(world.scheduler.queueLocation(world.cluster.pod('default', 'static')!)).toBe('gone');
  });

  it('ignores pods for other schedulers', () => {
    const world = new World({ nodes: [makeNode('n')] });
    world.cluster.createPod(makePod('custom', { schedulerName: 'my-scheduler' }));
    world.run();
    expect(world.events).toEqual([]);
    expect(world.nodeOf('custom')).toBeUndefined();
  });

  it('forgets a pending pod that is deleted', () => {
    const world = new World({ nodes: [makeNode('n', { cpu: 500 })] });
    world.cluster.createPod(makePod('web', { cpu: 1000 }));
    world.at(10, () => world.cluster.deletePod(world.cluster.pod('default', 'web')!)).run(1000);
    expect(world.failedAttempts('web')).toEqual([0]);
    expect(world.engine.peek()).toBeUndefined();
  });

  it('records one FailedScheduling event per attempt and counts attempts', () => {
    const world = new World({ nodes: [makeNode('n', { cpu: 500 })] });
    world.cluster.createPod(makePod('web', { cpu: 1000 }));
    world.run(700);
    expect(world.failedAttempts('web')).toEqual([0, 330, 660]);
    expect(world.scheduler.queuedPod(world.cluster.pod('default', 'web')!)?.attempts).toBe(3);
  });

  it('starts from the nodes and pods the cluster already holds', () => {
    const engine = new Engine();
    const cluster = new Cluster(engine);
    cluster.addNode(makeNode('n', { cpu: 2000 }));
    cluster.createPod(makePod('running', { cpu: 1500, nodeName: 'n' }));
    cluster.createPod(makePod('pending', { cpu: 1000 }));
    const scheduler = new Scheduler({ cluster, engine, streams: new RandomStreams(1) });
    cluster.watch(scheduler);
    engine.run(s(1));
    expect(scheduler.nodeInfo('n')?.requestedOf('cpu')).toBe(1500);
    expect(scheduler.queueLocation(cluster.pod('default', 'pending')!)).toBe('unschedulable');
  });
});
