import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/pod.js';
import { podResources } from '../../src/scheduler/pod-resources.js';
import { Mi, container, makePod } from './world.js';

/** `pod` under another name with its spec's parts as given (the spec object itself is new, as admission's copies are). */
function alike(pod: Pod, name: string, parts: Partial<Pick<Pod['spec'], 'containers' | 'initContainers' | 'overhead'>> = {}): Pod {
  return { ...pod, metadata: { ...pod.metadata, name }, spec: { ...pod.spec, ...parts } };
}

describe('podResources, kept per containers list with the init containers and overhead it was worked out for', () => {
  const first = makePod('a', { cpu: 250, memory: 64 * Mi });

  it('pods sharing their spec parts share one answer', () => {
    expect(podResources(alike(first, 'b'))).toBe(podResources(first));
  });

  it('other overhead, other init containers: worked out for those, not taken from the pod with the same containers', () => {
    const base = podResources(first);
    const withOverhead = podResources(alike(first, 'c', { overhead: { cpu: 50 } }));
    expect(withOverhead.cpu).toBe(300);
    const withInit = podResources(alike(first, 'd', { initContainers: [container('init', { cpu: 1000 })] }));
    expect(withInit.cpu).toBe(1000);
    // The init container names no memory: it counts the 200Mi default, above the app container's 64Mi.
    expect(withInit.nonZeroMemory).toBe(200 * Mi);
    // Asked again after the others: still the first pod's own answer.
    expect(podResources(alike(first, 'e'))).toBe(base);
    expect(base.cpu).toBe(250);
  });

  it('many specs sharing one containers list, each with its own overhead, each get their own answer (the list kept short)', () => {
    const pods = Array.from({ length: 20 }, (_, i) => alike(first, `many-${i}`, { overhead: { cpu: i } }));
    for (let round = 0; round < 2; round++) pods.forEach((p, i) => expect(podResources(p).cpu).toBe(250 + i));
  });

  it('equal requests in separate lists give equal answers', () => {
    const twin = makePod('f', { cpu: 250, memory: 64 * Mi });
    expect(twin.spec.containers).not.toBe(first.spec.containers);
    expect(podResources(twin)).toEqual(podResources(first));
  });
});
