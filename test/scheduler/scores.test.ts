import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import { CycleState } from '../../src/scheduler/framework.js';
import { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { podResources } from '../../src/scheduler/pod-resources.js';
import { DEFAULT_SCORING_RESOURCES, leastAllocatedScore, leastRequestedScore } from '../../src/scheduler/plugins/least-allocated.js';
import { NodeResourcesFit } from '../../src/scheduler/plugins/node-resources-fit.js';
import { selectHostByTotals } from '../../src/scheduler/select-host.js';
import { Gi, Mi, World, container, makeNode, makePod } from './world.js';

function nodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const info = new NodeInfo(node);
  for (const pod of pods) {
    pod.spec.nodeName = node.name;
    info.addPod(pod, podResources(pod));
  }
  return info;
}

describe('leastRequestedScore', () => {
  it.each<[string, number, number, number]>([
    ['an empty node scores 100', 0, 4000, 100],
    ['a full node scores 0', 4000, 4000, 0],
    ['the free share is truncated, not rounded: 2999 of 4000 leaves 25.025', 2999, 4000, 25],
    ['over capacity scores 0', 5000, 4000, 0],
    ['no capacity scores 0', 0, 0, 0],
  ])('%s', (_name, requested, capacity, expected) => {
    expect(leastRequestedScore(requested, capacity)).toBe(expected);
  });
});

describe('leastAllocatedScore', () => {
  it('is the weighted mean of the resource scores, truncated', () => {
    // cpu (4000-1000)/4000 = 75, memory (8-6)/8 = 25: (75+25)/2 = 50
    expect(leastAllocatedScore([1000, 6 * Gi], [4000, 8 * Gi], DEFAULT_SCORING_RESOURCES)).toBe(50);
    // 75 and 24 (24.99...): 99/2 = 49.5 -> 49
    expect(leastAllocatedScore([1000, 6 * Gi + 1], [4000, 8 * Gi], DEFAULT_SCORING_RESOURCES)).toBe(49);
  });

  it('weights resources', () => {
    const resources = [
      { name: 'cpu', weight: 3 },
      { name: 'memory', weight: 1 },
    ];
    // (75*3 + 25*1) / 4 = 62.5 -> 62
    expect(leastAllocatedScore([1000, 6 * Gi], [4000, 8 * Gi], resources)).toBe(62);
  });

  it('leaves out a resource the node does not offer', () => {
    expect(leastAllocatedScore([1000, 0], [4000, 0], DEFAULT_SCORING_RESOURCES)).toBe(75);
  });
});

describe('NodeResourcesFit score (LeastAllocated on non-zero requests)', () => {
  const score = (pod: Pod, info: NodeInfo) => new NodeResourcesFit().score(new CycleState(), pod, info);

  it.each<[string, () => Pod, () => NodeInfo, number]>([
    [
      'a pod with requests on an empty node: cpu 75, memory 75 -> 75',
      () => makePod('p', { cpu: 1000, memory: 4 * Gi }),
      () => nodeInfo(makeNode('n', { cpu: 4000, memory: 16 * Gi })),
      75,
    ],
    [
      'a container without requests counts 100m and 200Mi: cpu 97 (97.5), memory 98 (98.78) -> 97',
      () => makePod('p'),
      () => nodeInfo(makeNode('n', { cpu: 4000, memory: 16 * Gi })),
      97,
    ],
    [
      'the node side counts best-effort pods at 100m / 200Mi too: cpu (4000-200)/4000=95, memory 97 -> 96',
      () => makePod('p'),
      () => nodeInfo(makeNode('n', { cpu: 4000, memory: 16 * Gi }), [makePod('be')]),
      96,
    ],
    [
      'a container that names cpu: 0 counts 0, only the missing memory defaults: cpu 100, memory 98 -> 99',
      () => makePod('p', { cpu: 0 }),
      () => nodeInfo(makeNode('n', { cpu: 4000, memory: 16 * Gi })),
      99,
    ],
    [
      'each container without requests adds its own default: 2 x 100m of 1000m -> cpu 80; 2 x 200Mi of 2000Mi -> 80',
      () => makePod('p', { containers: [container('a'), container('b')] }),
      () => nodeInfo(makeNode('n', { cpu: 1000, memory: 2000 * Mi })),
      80,
    ],
  ])('%s', (_name, pod, info, expected) => {
    expect(score(pod(), info())).toBe(expected);
  });
});

describe('selectHost', () => {
  const selectHost = (totals: Float64Array, rng: () => number) =>
    selectHostByTotals(Array.from(totals, (_, i) => ({ name: `n${i}` })), totals, rng);
  const scores = (...totals: number[]) => Float64Array.from(totals);

  it('picks the highest total without drawing when it is unique', () => {
    let draws = 0;
    const rng = () => {
      draws++;
      return 0.5;
    };
    expect(selectHost(scores(10, 90, 40), rng)).toBe('n1');
    expect(draws).toBe(0);
  });

  it('draws once when totals tie and takes the k-th tied node in node order (k = floor(draw × ties))', () => {
    const draws = [0.7, 0.1];
    let i = 0;
    const rng = () => draws[i++] ?? 0;
    // ties n0, n2, n3: floor(0.7*3) = 2 takes the third of them, n3
    expect(selectHost(scores(50, 10, 50, 50), rng)).toBe('n3');
    expect(i).toBe(1);
    // floor(0.1*3) = 0 takes the first, n0
    expect(selectHost(scores(50, 10, 50, 50), rng)).toBe('n0');
    expect(i).toBe(2);
  });

  it('is deterministic for a seed and spreads ties over the tied nodes', () => {
    const pick = (seed: number) => {
      const world = new World({ seed, nodes: [makeNode('a'), makeNode('b'), makeNode('c')] });
      world.cluster.createPod(makePod('p', { cpu: 100 }));
      world.run();
      return world.nodeOf('p');
    };
    expect(pick(7)).toBe(pick(7));
    const seen = new Set(Array.from({ length: 40 }, (_, seed) => pick(seed)));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('prefers the least allocated node', () => {
    const world = new World({ nodes: [makeNode('a'), makeNode('b')] });
    world.cluster.createPod(makePod('busy', { cpu: 2000, nodeName: 'a' }));
    world.cluster.createPod(makePod('p', { cpu: 100 }));
    world.run();
    expect(world.nodeOf('p')).toBe('b');
  });
});
