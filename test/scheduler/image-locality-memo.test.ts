import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../src/scheduler/cache.js';
import { CycleState } from '../../src/scheduler/framework.js';
import { ImageLocality } from '../../src/scheduler/plugins/image-locality.js';
import { container, makeNode, makePod, Mi } from './world.js';

/** ImageLocality's score of `node` for a pod of `image`, through a fresh cycle on `cache`. */
function score(plugin: ImageLocality, cache: SchedulerCache, image: string, node: string): number {
  const pod = makePod(`p-${image}-${node}`, { containers: [{ ...container('app'), image }] });
  const state = new CycleState(cache);
  expect(plugin.preScore(state, pod)).toBeNull();
  return plugin.score(state, pod, cache.nodeInfo(node) as NonNullable<ReturnType<SchedulerCache['nodeInfo']>>);
}

describe('ImageLocality PreScore, kept per node list', () => {
  it('pods with the same images reuse the scaled sizes until a node joins or leaves, then see the new spread', () => {
    const cache = new SchedulerCache({ imageSize: () => 800 * Mi });
    const holding = (name: string) => ({ ...makeNode(name), images: ['registry.example/app:1'] });
    cache.addNode(holding('a'));
    cache.addNode(holding('b'));
    const plugin = new ImageLocality();
    const image = 'registry.example/app:1';
    const both = score(plugin, cache, image, 'a');
    expect(score(plugin, cache, image, 'b')).toBe(both);
    // A third node without the image: the image is held by 2 of 3 nodes now, so it scales down.
    cache.addNode(makeNode('c'));
    const twoOfThree = score(plugin, cache, image, 'a');
    expect(twoOfThree).toBeLessThan(both);
    expect(twoOfThree).toBe(score(new ImageLocality(), cache, image, 'a'));
    cache.removeNode(makeNode('c'));
    expect(score(plugin, cache, image, 'a')).toBe(both);
  });
});
