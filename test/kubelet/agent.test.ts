import { describe, expect, it } from 'vitest';
import { RUN_FOREVER } from '../../src/model/behavior.js';
import { container, makePod, s, World } from './world.js';

describe('the node agent', () => {
  it('starts a pod kubelet.syncDelay after its binding', () => {
    const w = new World({ kubelet: { syncDelayMs: s(2), containerStartLatencyMs: s(1) } });
    w.addNode('n1', ['busybox:1.36']);
    const pod = w.submit(makePod('web', { containers: [container('c')] }), 'n1', 1);
    w.run(10);
    expect(pod.status.startTime).toBe(s(3));
    expect(w.times('web', 'Started')).toEqual([4]);
  });

  it('reports a pod deleted before the kubelet started it Failed, then removes it', () => {
    const w = new World({ kubelet: { syncDelayMs: s(5) } });
    w.addNode('n1', ['busybox:1.36']);
    const pod = w.submit(makePod('web', { containers: [container('c')] }), 'n1');
    w.deleteAt(pod, 1);
    w.run(10);
    expect(w.transitions('web')).toEqual([[1, 'Pending', 'Failed', 'ContainerStatusUnknown']]);
    expect(w.removed).toEqual([{ t: 1, pod: 'web' }]);
    expect(w.events).toEqual([]);
  });

  it('stops acting on a node once the Node is deleted', () => {
    const w = new World();
    const node = w.addNode('n1', ['busybox:1.36']);
    w.submit(makePod('crash', { containers: [container('c', { runs: 1, exitCode: 1 })] }), 'n1');
    w.engine.at(s(30), () => w.cluster.removeNode(node));
    w.run(1000);
    expect(w.events.filter((e) => e.time > s(30))).toEqual([]);
  });

  it('takes repeated or out-of-order fault calls as no-ops', () => {
    const w = new World();
    w.addNode('n1');
    const agent = w.kubelets.agent('n1');
    expect(() => {
      agent?.heal();
      agent?.reboot();
      agent?.partition();
      agent?.partition();
      agent?.crash();
      agent?.crash();
    }).not.toThrow();
    expect(agent?.connected).toBe(false);
  });
});

describe('random behaviours', () => {
  const behaviour = {
    ...RUN_FOREVER,
    run: { kind: 'exponential' as const, mean: s(20) },
    failureProbability: 0.5,
    failExitCode: 2,
  };
  const trace = (seed: number) => {
    const w = new World({ seed });
    w.addNode('n1', ['busybox:1.36']);
    for (let i = 0; i < 5; i++) {
      const c = { ...container('c'), behavior: behaviour };
      w.submit(makePod(`p${i}`, { restartPolicy: 'OnFailure', containers: [c] }, `uid-${i}`), 'n1', i);
    }
    w.run(600);
    return w.events.map((e) => `${e.time} ${e.name} ${e.reason} ${e.message}`);
  };

  it('gives the same trace for the same seed', () => {
    expect(trace(7)).toEqual(trace(7));
  });

  it('draws durations and exit codes from the seed', () => {
    expect(trace(7)).not.toEqual(trace(8));
  });
});
