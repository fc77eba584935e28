import { describe, expect, it } from 'vitest';
import { CycleState } from '../../src/scheduler/framework.js';
import { NO_NAMES, withName } from '../../src/scheduler/plugin-names.js';
import { podResources } from '../../src/scheduler/pod-resources.js';
import { container, makePod } from './world.js';

describe('interned plugin-name sets', () => {
  it('the same names added in the same order give the same set; the sets are never changed', () => {
    const a = withName(withName(NO_NAMES, 'NodePorts'), 'PodTopologySpread');
    expect(withName(withName(NO_NAMES, 'NodePorts'), 'PodTopologySpread')).toBe(a);
    expect([...a]).toEqual(['NodePorts', 'PodTopologySpread']);
    expect(withName(a, 'NodePorts')).toBe(a);
    const b = withName(a, 'InterPodAffinity');
    expect([...a]).toEqual(['NodePorts', 'PodTopologySpread']);
    expect([...b]).toEqual(['NodePorts', 'PodTopologySpread', 'InterPodAffinity']);
    expect(NO_NAMES.size).toBe(0);
  });

  it("a cycle's skips start empty, are recorded per cycle, and a clone shares them", () => {
    const s = new CycleState();
    const t = new CycleState();
    expect(s.skipFilterPlugins).toBe(NO_NAMES);
    s.skipFilter('NodePorts');
    s.skipScore('NodeAffinity');
    expect([...s.skipFilterPlugins]).toEqual(['NodePorts']);
    expect([...s.skipScorePlugins]).toEqual(['NodeAffinity']);
    expect(t.skipFilterPlugins.size + t.skipScorePlugins.size).toBe(0);
    t.skipFilter('NodePorts');
    expect(t.skipFilterPlugins).toBe(s.skipFilterPlugins);
    const copy = s.clone();
    copy.skipFilter('InterPodAffinity');
    expect([...s.skipFilterPlugins]).toEqual(['NodePorts']);
    expect([...copy.skipScorePlugins]).toEqual(['NodeAffinity']);
  });
});

describe('PodResources.key', () => {
  it('equal requests share one key string; any difference the scorers read makes another', () => {
    const pod = (name: string, requests: Record<string, number>) => makePod(name, { containers: [container('app', requests)] });
    const a = podResources(pod('a', { cpu: 100, memory: 500 })).key;
    expect(a).toBe('100,500,0,100,500');
    expect(podResources(pod('b', { memory: 500, cpu: 100 })).key).toBe(a);
    expect(podResources(pod('c', { cpu: 100 })).key).toBe(`100,0,0,100,${200 * 1024 * 1024}`);
    expect(podResources(pod('d', { cpu: 100, memory: 500, 'nvidia.com/gpu': 1 })).key).toBe('100,500,0,100,500,nvidia.com/gpu=1');
  });

  it('pods asking for the same cpu, memory and ephemeral-storage share one PodResources; naming a resource at 0 is another', () => {
    const pod = (name: string, requests: Record<string, number>) => makePod(name, { containers: [container('app', requests)] });
    const a = podResources(pod('sa', { cpu: 250, memory: 1000 }));
    expect(podResources(pod('sb', { memory: 1000, cpu: 250 }))).toBe(a);
    expect(a.requests).toEqual({ cpu: 250, memory: 1000 });
    const zero = podResources(pod('sc', { cpu: 250, memory: 1000, 'ephemeral-storage': 0 }));
    expect(zero).not.toBe(a);
    expect(zero.requests).toEqual({ cpu: 250, memory: 1000, 'ephemeral-storage': 0 });
    expect(zero.key).toBe(a.key);
    const gpu = podResources(pod('sd', { cpu: 250, memory: 1000, 'nvidia.com/gpu': 1 }));
    expect(podResources(pod('se', { cpu: 250, memory: 1000, 'nvidia.com/gpu': 1 }))).not.toBe(gpu);
  });
});
