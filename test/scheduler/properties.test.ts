import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { World, makeNode, makePod } from './world.js';

const nodeArb = fc.record({ cpu: fc.integer({ min: 500, max: 4000 }), pods: fc.integer({ min: 1, max: 4 }) });
const podArb = fc.record({
  cpu: fc.integer({ min: 0, max: 3000 }),
  priority: fc.integer({ min: -1, max: 1 }),
  at: fc.integer({ min: 0, max: 600 }),
  /** Seconds after creation it is deleted (Succeeded, then gone); omitted: it stays. */
  lives: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
});

describe('scheduler properties', () => {
  it('never overcommits a node, keeps its cache equal to the cluster, and tries every pending pod', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 0, maxLength: 4 }), fc.array(podArb, { maxLength: 25 }), fc.integer(), (nodes, pods, seed) => {
        const world = new World({ seed, nodes: nodes.map((n, i) => makeNode(`n${i}`, n)) });
        pods.forEach((p, i) => {
          const name = `p${i}`;
          world.at(p.at, () => world.cluster.createPod(makePod(name, { cpu: p.cpu, priority: p.priority })));
          if (p.lives !== undefined) {
            world.at(p.at + p.lives, () => {
              const pod = world.cluster.pod('default', name);
              if (!pod) return;
              if (pod.spec.nodeName !== undefined) world.cluster.updatePodStatus(pod, 'Succeeded', 'Completed');
              world.cluster.deletePod(pod);
            });
          }
        });
        world.run(1500);
        for (const node of world.cluster.nodes()) {
          const live = [...world.cluster.podsOn(node.name)].filter((p) => p.status.phase !== 'Succeeded');
          const cpu = live.reduce((sum, p) => sum + (p.spec.containers[0]?.requests.cpu ?? 0), 0);
          expect(cpu).toBeLessThanOrEqual(node.allocatable.cpu ?? 0);
          expect(live.length).toBeLessThanOrEqual(node.allocatable.pods ?? 0);
          const info = world.scheduler.nodeInfo(node.name);
          expect(info?.requestedOf('cpu') ?? 0).toBe(cpu);
          expect(info?.podCount).toBe(live.length);
        }
        for (const pod of world.cluster.pods()) {
          if (pod.spec.nodeName === undefined) expect(world.failedAttempts(pod.metadata.name).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives byte-identical event logs for the same seed', () => {
    const run = (seed: number) => {
      const world = new World({ seed, nodes: [makeNode('a'), makeNode('b'), makeNode('c')] });
      for (let i = 0; i < 30; i++) world.at(i % 7, () => world.cluster.createPod(makePod(`p${i}`, { cpu: 250 })));
      world.run(60);
      return JSON.stringify(world.events);
    };
    expect(run(3)).toBe(run(3));
  });
});
