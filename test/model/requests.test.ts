import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orderedResourceList, podRequests, type PodRequestsSpec } from '../../src/model/requests.js';
import type { ResourceList } from '../../src/model/resources.js';

const Mi = 1024 * 1024;
const app = (requests: ResourceList) => ({ requests });
const init = (requests: ResourceList) => ({ requests });
const sidecar = (requests: ResourceList) => ({ requests, restartPolicy: 'Always' as const });

describe('podRequests', () => {
  it.each<[string, PodRequestsSpec, ResourceList]>([
    ['no containers request nothing', { initContainers: [], containers: [] }, {}],
    [
      'app containers add up',
      { initContainers: [], containers: [app({ cpu: 100, memory: 64 * Mi }), app({ cpu: 250 })] },
      { cpu: 350, memory: 64 * Mi },
    ],
    [
      'a larger init container sets the request',
      { initContainers: [init({ cpu: 1000 })], containers: [app({ cpu: 100, memory: 10 }), app({ cpu: 100 })] },
      { cpu: 1000, memory: 10 },
    ],
    [
      'init containers take the max, not the sum',
      { initContainers: [init({ cpu: 300 }), init({ cpu: 400, memory: 5 })], containers: [app({ cpu: 100, memory: 10 })] },
      { cpu: 400, memory: 10 },
    ],
    [
      'the max is per resource',
      { initContainers: [init({ cpu: 2000, memory: 1 })], containers: [app({ cpu: 100, memory: 100 })] },
      { cpu: 2000, memory: 100 },
    ],
    [
      'a sidecar adds to the app containers',
      { initContainers: [sidecar({ cpu: 50, memory: 20 })], containers: [app({ cpu: 100, memory: 100 })] },
      { cpu: 150, memory: 120 },
    ],
    [
      'an init container after a sidecar needs the sidecar too',
      { initContainers: [sidecar({ cpu: 200 }), init({ cpu: 500 })], containers: [app({ cpu: 100 })] },
      { cpu: 700 },
    ],
    [
      'an init container before a sidecar does not',
      { initContainers: [init({ cpu: 500 }), sidecar({ cpu: 200 })], containers: [app({ cpu: 100 })] },
      { cpu: 500 },
    ],
    [
      'sidecars accumulate over the init sequence',
      {
        initContainers: [sidecar({ cpu: 100 }), sidecar({ cpu: 100 }), init({ cpu: 300 }), sidecar({ cpu: 100 })],
        containers: [app({ cpu: 50 })],
      },
      { cpu: 500 },
    ],
    [
      'overhead is added last',
      { initContainers: [init({ cpu: 1000 })], containers: [app({ cpu: 100 })], overhead: { cpu: 250, memory: 120 * Mi } },
      { cpu: 1250, memory: 120 * Mi },
    ],
    [
      'extended resources take part, and an explicit 0 is kept',
      {
        initContainers: [init({ 'nvidia.com/gpu': 2 })],
        containers: [app({ 'nvidia.com/gpu': 1, 'ephemeral-storage': 0 }), app({ memory: 5, cpu: 1 })],
      },
      { cpu: 1, memory: 5, 'ephemeral-storage': 0, 'nvidia.com/gpu': 2 },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(podRequests(spec)).toEqual(expected);
  });

  it('orders keys cpu, memory, then the rest sorted', () => {
    const r = podRequests({
      initContainers: [],
      containers: [app({ 'z.io/x': 1, pods: 1, memory: 1, 'a.io/y': 1, cpu: 1 })],
    });
    expect(Object.keys(r)).toEqual(['cpu', 'memory', 'a.io/y', 'pods', 'z.io/x']);
    expect(Object.keys(orderedResourceList(new Map([['memory', 1], ['b', 2], ['a', 3]])))).toEqual(['memory', 'a', 'b']);
  });

  it('never requests less than any single container or the sum of app containers', () => {
    const list = fc.record({ cpu: fc.nat(4000), memory: fc.nat(1 << 30) });
    const container = fc.record({ requests: list, sidecar: fc.boolean() });
    fc.assert(
      fc.property(fc.array(container, { maxLength: 4 }), fc.array(list, { maxLength: 4 }), (inits, apps) => {
        const spec: PodRequestsSpec = {
          initContainers: inits.map((c) => (c.sidecar ? sidecar(c.requests) : init(c.requests))),
          containers: apps.map(app),
        };
        const r = podRequests(spec);
        for (const name of ['cpu', 'memory'] as const) {
          const appSum = apps.reduce((s, a) => s + a[name], 0);
          const sidecarSum = inits.filter((c) => c.sidecar).reduce((s, c) => s + c.requests[name], 0);
          const peak = Math.max(0, ...inits.map((c) => c.requests[name]));
          if (inits.length + apps.length > 0) {
            expect(r[name]).toBeGreaterThanOrEqual(appSum + sidecarSum);
            expect(r[name]).toBeGreaterThanOrEqual(peak);
          }
        }
      }),
    );
  });
});
