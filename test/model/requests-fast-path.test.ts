import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inResourceNameOrder, orderedResourceList, podRequests, resourceNameOrder } from '../../src/model/requests.js';
import type { ResourceList } from '../../src/model/resources.js';

/** Names that exercise the order: cpu, memory, extended and hugepages names, and an integer-like one. */
const NAMES = ['cpu', 'memory', 'ephemeral-storage', 'nvidia.com/gpu', 'example.com/a', 'hugepages-2Mi', 'pods', '7'];

/** A list whose keys were inserted in the generated order, with amounts including -0. */
const lists = fc
  .uniqueArray(fc.constantFrom(...NAMES), { maxLength: NAMES.length })
  .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.constantFrom(0, -0, 1, 100, 2 ** 40), { minLength: names.length, maxLength: names.length })))
  .map(([names, amounts]) => {
    const list: Record<string, number> = {};
    names.forEach((n, i) => (list[n] = amounts[i] as number));
    return list as ResourceList;
  });

const entries = (list: ResourceList) => Object.entries(list).map(([k, v]) => [k, Object.is(v, -0) ? '-0' : v]);

describe('podRequests of a lone container (the ordered-copy fast path)', () => {
  it('equals the accumulator path, values and key order', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const fast = podRequests({ initContainers: [], containers: [{ requests: list }] });
        // An empty second container takes the general (Map) path with the same sums.
        const general = podRequests({ initContainers: [], containers: [{ requests: list }, { requests: {} }] });
        expect(entries(fast)).toEqual(entries(general));
      }),
      { numRuns: 500 },
    );
  });

  it('inResourceNameOrder says whether for-in order is resourceNameOrder', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const keys = Object.keys(list);
        expect(inResourceNameOrder(list)).toBe(keys.join('\u0000') === resourceNameOrder(keys).join('\u0000'));
        // Without an integer-like name (which a JS object always walks first), the ordered copy is in order.
        if (!keys.includes('7')) expect(inResourceNameOrder(orderedResourceList(list))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores inherited keys only by falling back', () => {
    const list = Object.create({ inherited: 1 }) as Record<string, number>;
    list.cpu = 5;
    expect(inResourceNameOrder(list)).toBe(false);
    expect(entries(podRequests({ initContainers: [], containers: [{ requests: list }] }))).toEqual([['cpu', 5]]);
  });
});
