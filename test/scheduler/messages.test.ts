import { describe, expect, it } from 'vitest';
import type { Taint } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import { fitErrorMessage, truncateMessage } from '../../src/scheduler/fit-error.js';
import { NodeToStatus, newStatus } from '../../src/scheduler/framework.js';
import { World, makeNode, makePod, type PodOptions } from './world.js';

const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const DRA = 'no new claims to deallocate';

/** The message of the pod's only FailedScheduling event after scheduling `pod` on `nodes` with `bound` pods in place. */
function failedScheduling(nodes: Node[], bound: Pod[], pod: PodOptions = { cpu: 1000 }): string[] {
  const world = new World({ nodes });
  for (const p of bound) world.cluster.createPod(p);
  world.cluster.createPod(makePod('web', pod));
  world.run(1);
  return world.events.filter((e) => e.reason === 'FailedScheduling').map((e) => `${e.type} ${e.message}`);
}

describe('FailedScheduling message', () => {
  it('counts reasons per node, sorted, then the DRA and preemption PostFilters', () => {
    const nodes = [
      makeNode('full-1', { cpu: 2000 }),
      makeNode('full-2', { cpu: 2000 }),
      makeNode('gpu-1', { taints: [gpu] }),
      makeNode('gpu-2', { taints: [gpu] }),
      makeNode('gpu-3', { taints: [gpu] }),
    ];
    const bound = [makePod('a', { cpu: 1500, nodeName: 'full-1' }), makePod('b', { cpu: 1500, nodeName: 'full-2' })];
    expect(failedScheduling(nodes, bound)).toEqual([
      'Warning 0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint(s). ' +
        `${DRA}, preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, ` +
        '3 Preemption is not helpful for scheduling.',
    ]);
  });

  it('reports what still does not fit once every lower-priority pod is gone', () => {
    const nodes = [makeNode('n1', { cpu: 2000 }), makeNode('n2', { cpu: 2000 })];
    const bound = [
      makePod('low', { cpu: 500, priority: -1, nodeName: 'n1' }),
      makePod('same', { cpu: 1000, priority: 0, nodeName: 'n1' }),
      makePod('other', { cpu: 1500, nodeName: 'n2' }),
    ];
    expect(failedScheduling(nodes, bound, { cpu: 1500 })).toEqual([
      'Warning 0/2 nodes are available: 2 Insufficient cpu. ' +
        `${DRA}, preemption: 0/2 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod.`,
    ]);
  });

  it('has no preemption part when evicting lower-priority pods would make room (as after a preemption)', () => {
    const nodes = [makeNode('n1', { cpu: 2000 })];
    const bound = [makePod('low', { cpu: 1500, priority: -1, nodeName: 'n1' })];
    expect(failedScheduling(nodes, bound)).toEqual(['Warning 0/1 nodes are available: 1 Insufficient cpu.']);
  });

  it('says so when the pod may not preempt', () => {
    const nodes = [makeNode('n1', { cpu: 2000 })];
    const bound = [makePod('low', { cpu: 1500, priority: -1, nodeName: 'n1' })];
    expect(failedScheduling(nodes, bound, { cpu: 1000, preemptionPolicy: 'Never' })).toEqual([
      `Warning 0/1 nodes are available: 1 Insufficient cpu. ${DRA}, preemption: not eligible due to preemptionPolicy=Never.`,
    ]);
  });

  it('counts cordoned and mismatching nodes, all beyond preemption', () => {
    const nodes = [makeNode('c', { unschedulable: true }), makeNode('x', { labels: { zone: 'b' } })];
    expect(failedScheduling(nodes, [], { nodeSelector: { zone: 'a' } })).toEqual([
      "Warning 0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable. " +
        `${DRA}, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.`,
    ]);
  });

  it('counts nodes a DaemonSet-style affinity never evaluated as not satisfying NodeAffinity', () => {
    const nodes = [makeNode('n1', { cpu: 500 }), makeNode('n2'), makeNode('n3')];
    const pinned: PodOptions = {
      cpu: 1000,
      affinity: {
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } },
      },
    };
    expect(failedScheduling(nodes, [], pinned)).toEqual([
      "Warning 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        `${DRA}, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    ]);
  });

  it('evaluates only the named nodes that exist, looked up by name, whatever order the names come in', () => {
    const nodes = [makeNode('n1'), makeNode('n2', { cpu: 500 }), makeNode('n3'), makeNode('n4', { cpu: 500 })];
    const pinned: PodOptions = {
      cpu: 1000,
      affinity: {
        nodeAffinity: {
          required: {
            nodeSelectorTerms: ['n4', 'gone', 'n2'].map((name) => ({ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [name] }] })),
          },
        },
      },
    };
    expect(failedScheduling(nodes, [], pinned)).toEqual([
      "Warning 0/4 nodes are available: 2 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        `${DRA}, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    ]);
  });

  it('says there are no nodes at all, without a preemption part', () => {
    expect(failedScheduling([], [])).toEqual(['Warning no nodes available to schedule pods']);
  });

  it('sorts "count reason" strings as Go does: "10 ..." before "2 ..."', () => {
    const statuses = new NodeToStatus();
    for (let i = 0; i < 10; i++) statuses.set(`t${i}`, newStatus('UnschedulableAndUnresolvable', 'node(s) had untolerated taint(s)'));
    for (let i = 0; i < 2; i++) statuses.set(`c${i}`, newStatus('Unschedulable', 'Insufficient cpu'));
    expect(fitErrorMessage({ numAllNodes: 12, nodeToStatus: statuses, preFilterMsg: '', postFilterMsg: '' })).toBe(
      '0/12 nodes are available: 10 node(s) had untolerated taint(s), 2 Insufficient cpu.',
    );
  });

  it('sorts by code point (UTF-8 bytes) where UTF-16 order differs: U+FF01 before U+1F600', () => {
    const statuses = new NodeToStatus();
    statuses.set('a', newStatus('Unschedulable', 'x \u{1F600}'));
    statuses.set('b', newStatus('Unschedulable', 'x \uFF01'));
    statuses.set('c', newStatus('Unschedulable', 'x a'));
    expect(fitErrorMessage({ numAllNodes: 3, nodeToStatus: statuses, preFilterMsg: '', postFilterMsg: '' })).toBe(
      '0/3 nodes are available: 1 x a, 1 x \uFF01, 1 x \u{1F600}.',
    );
  });

  it('cuts event messages at 1024 bytes, ending in " ..."', () => {
    const long = 'x'.repeat(2000);
    expect(truncateMessage(long)).toBe(`${'x'.repeat(1020)} ...`);
    expect(truncateMessage('short')).toBe('short');
    // 400 three-byte characters are 1200 bytes: cut although only 400 code units long.
    expect(truncateMessage('\u20AC'.repeat(400))).toBe(`${'\u20AC'.repeat(340)} ...`);
  });

  it('records PodScheduled=False with reason Unschedulable and the full message', () => {
    const world = new World({ nodes: [makeNode('n1', { cpu: 500 })] });
    world.cluster.createPod(makePod('web', { cpu: 1000 }));
    world.run(1);
    const condition = world.cluster.pod('default', 'web')?.status.conditions.find((c) => c.type === 'PodScheduled');
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable', lastTransitionTime: 0 });
    expect(condition?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\. /);
  });
});
