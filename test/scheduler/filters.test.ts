import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { NodeSelectorTerm, Pod } from '../../src/model/pod.js';
import { CycleState, type Status } from '../../src/scheduler/framework.js';
import { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { podResources } from '../../src/scheduler/pod-resources.js';
import { NodeAffinity } from '../../src/scheduler/plugins/node-affinity.js';
import { NodeName } from '../../src/scheduler/plugins/node-name.js';
import { NodeResourcesFit } from '../../src/scheduler/plugins/node-resources-fit.js';
import { NodeUnschedulable } from '../../src/scheduler/plugins/node-unschedulable.js';
import { TaintToleration } from '../../src/scheduler/plugins/taint-toleration.js';
import { Gi, Mi, container, makeNode, makePod, type NodeOptions, type PodOptions } from './world.js';

/** A NodeInfo with `pods` already counted on it. */
function nodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const info = new NodeInfo(node);
  for (const pod of pods) {
    pod.spec.nodeName = node.name;
    info.addPod(pod, podResources(pod));
  }
  return info;
}

/** `null` passes; otherwise [code, ...reasons]. */
function verdict(status: Status | null): null | string[] {
  return status === null ? null : [status.code, ...status.reasons];
}

const UNRESOLVABLE = 'UnschedulableAndUnresolvable';

describe('NodeUnschedulable', () => {
  const filter = (pod: PodOptions, node: NodeOptions) =>
    verdict(new NodeUnschedulable().filter(new CycleState(), makePod('p', pod), nodeInfo(makeNode('n', node))));

  it.each<[string, PodOptions, NodeOptions, null | string[]]>([
    ['a schedulable node passes', {}, {}, null],
    ['a cordoned node rejects a pod without tolerations', {}, { unschedulable: true }, [UNRESOLVABLE, 'node(s) were unschedulable']],
    [
      'a pod tolerating node.kubernetes.io/unschedulable:NoSchedule fits a cordoned node',
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
      { unschedulable: true },
      null,
    ],
    ['a toleration of everything fits a cordoned node', { tolerations: [{ operator: 'Exists' }] }, { unschedulable: true }, null],
    [
      'a NoExecute toleration of the key does not tolerate the cordon',
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }] },
      { unschedulable: true },
      [UNRESOLVABLE, 'node(s) were unschedulable'],
    ],
    [
      'a cordon is not a taint: a NoSchedule taint of that key on a schedulable node is TaintToleration\'s business',
      {},
      { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
      null,
    ],
  ])('%s', (_name, pod, node, expected) => {
    expect(filter(pod, node)).toEqual(expected);
  });
});

describe('NodeName', () => {
  it.each<[string, string | undefined, null | string[]]>([
    ['a pod naming no node fits any node', undefined, null],
    ['a pod naming this node fits it', 'n', null],
    ['a pod naming another node does not', 'other', [UNRESOLVABLE, "node(s) didn't match the requested node name"]],
  ])('%s', (_name, nodeName, expected) => {
    const pod = makePod('p', nodeName === undefined ? {} : { nodeName });
    expect(verdict(new NodeName().filter(new CycleState(), pod, nodeInfo(makeNode('n'))))).toEqual(expected);
  });
});

describe('TaintToleration', () => {
  const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const evict: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const prefer: Taint = { key: 'spot', value: 'true', effect: 'PreferNoSchedule' };
  const untolerated = [UNRESOLVABLE, 'node(s) had untolerated taint(s)'];

  it.each<[string, readonly Taint[], readonly Toleration[], null | string[]]>([
    ['an untainted node passes', [], [], null],
    ['an untolerated NoSchedule taint rejects', [gpu], [], untolerated],
    ['an untolerated NoExecute taint rejects', [evict], [], untolerated],
    ['a PreferNoSchedule taint only affects scoring', [prefer], [], null],
    ['an Equal toleration of key and value passes', [gpu], [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }], null],
    ['an Equal toleration of another value rejects', [gpu], [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }], untolerated],
    ['an Exists toleration of the key passes', [gpu], [{ key: 'dedicated', operator: 'Exists' }], null],
    ['a toleration for another effect rejects', [gpu], [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }], untolerated],
    ['every NoSchedule/NoExecute taint must be tolerated', [gpu, evict], [{ key: 'dedicated', operator: 'Exists' }], untolerated],
    ['tolerating both passes', [gpu, evict], [{ key: 'dedicated', operator: 'Exists' }, { key: evict.key, operator: 'Exists' }], null],
  ])('%s', (_name, taints, tolerations, expected) => {
    const status = new TaintToleration().filter(new CycleState(), makePod('p', { tolerations }), nodeInfo(makeNode('n', { taints })));
    expect(verdict(status)).toEqual(expected);
  });

  it('names the first untolerated taint when asked for the pre-v1.34 reason', () => {
    const plugin = new TaintToleration({ nameTaint: true });
    const status = plugin.filter(new CycleState(), makePod('p'), nodeInfo(makeNode('n', { taints: [gpu, evict] })));
    expect(verdict(status)).toEqual([UNRESOLVABLE, 'node(s) had untolerated taint {dedicated: gpu}']);
  });
});

describe('NodeAffinity', () => {
  const mismatch = [UNRESOLVABLE, "node(s) didn't match Pod's node affinity/selector"];
  const required = (...nodeSelectorTerms: NodeSelectorTerm[]): PodOptions => ({
    affinity: { nodeAffinity: { required: { nodeSelectorTerms } } },
  });
  const zoneA = { labels: { zone: 'a', disk: 'ssd', gen: '5' } };

  it.each<[string, PodOptions, NodeOptions, null | string[]]>([
    ['no selector and no affinity fits every node', {}, {}, null],
    ['a nodeSelector the labels satisfy passes', { nodeSelector: { zone: 'a' } }, zoneA, null],
    ['a nodeSelector needs every pair', { nodeSelector: { zone: 'a', disk: 'hdd' } }, zoneA, mismatch],
    ['a nodeSelector key the node lacks rejects', { nodeSelector: { gpu: 'true' } }, zoneA, mismatch],
    ['a required In term passes', required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }), zoneA, null],
    ['a required NotIn term rejects a listed value', required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }), zoneA, mismatch],
    ['DoesNotExist passes when the label is absent', required({ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }), zoneA, null],
    ['Gt compares as integers', required({ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }), zoneA, null],
    ['Lt compares as integers', required({ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['5'] }] }), zoneA, mismatch],
    [
      'requirements of one term are ANDed',
      required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['hdd'] }] }),
      zoneA,
      mismatch,
    ],
    [
      'terms are ORed',
      required({ matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }),
      zoneA,
      null,
    ],
    ['matchFields metadata.name In names the node', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }), {}, null],
    ['matchFields metadata.name In another node rejects', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['m'] }] }), {}, mismatch],
    ['an empty list of terms matches nothing', required(), {}, mismatch],
    [
      'nodeSelector and affinity must both match',
      { nodeSelector: { zone: 'b' }, ...required({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }) },
      zoneA,
      mismatch,
    ],
  ])('%s', (_name, pod, node, expected) => {
    expect(verdict(new NodeAffinity().filter(new CycleState(), makePod('p', pod), nodeInfo(makeNode('n', node))))).toEqual(expected);
  });

  const preFilter = (pod: PodOptions) => new NodeAffinity().preFilter(new CycleState(), makePod('p', pod));

  it('skips (its Filter too) for a pod with neither selector nor affinity', () => {
    expect(preFilter({}).status?.code).toBe('Skip');
  });

  it('narrows the nodes to the union of the names the terms pin with metadata.name In', () => {
    const out = preFilter(
      required(
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] },
      ),
    );
    expect(out.status).toBeNull();
    expect([...(out.result?.nodeNames ?? [])]).toEqual(['a', 'b', 'c']);
  });

  it('does not narrow when one term pins no name (terms are ORed)', () => {
    const out = preFilter(
      required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }),
    );
    expect(out.result).toBeUndefined();
  });

  it('reports conflicting names within a term as unresolvable', () => {
    const out = preFilter(
      required({
        matchFields: [
          { key: 'metadata.name', operator: 'In', values: ['a'] },
          { key: 'metadata.name', operator: 'In', values: ['b'] },
        ],
      }),
    );
    expect(verdict(out.status)).toEqual([UNRESOLVABLE, 'pod affinity terms conflict']);
  });
});

describe('NodeResourcesFit', () => {
  const fit = (pod: Pod, info: NodeInfo) => {
    const plugin = new NodeResourcesFit();
    const state = new CycleState();
    plugin.preFilter(state, pod);
    return verdict(plugin.filter(state, pod, info));
  };
  const busy = (cpu: number, memory = 0) => makePod(`busy-${cpu}-${memory}`, { cpu, memory });

  it.each<[string, Pod, () => NodeInfo, null | string[]]>([
    ['a request equal to what is left fits', makePod('p', { cpu: 1000 }), () => nodeInfo(makeNode('n', { cpu: 4000 }), [busy(3000)]), null],
    [
      'one millicore too many is Insufficient cpu, which preemption might resolve',
      makePod('p', { cpu: 1001 }),
      () => nodeInfo(makeNode('n', { cpu: 4000 }), [busy(3000)]),
      ['Unschedulable', 'Insufficient cpu'],
    ],
    [
      'a request above the allocatable itself is unresolvable',
      makePod('p', { cpu: 5000 }),
      () => nodeInfo(makeNode('n', { cpu: 4000 })),
      [UNRESOLVABLE, 'Insufficient cpu'],
    ],
    [
      'every lacking resource is a reason, cpu before memory',
      makePod('p', { cpu: 2000, memory: 2 * Gi }),
      () => nodeInfo(makeNode('n', { cpu: 2000, memory: 2 * Gi }), [busy(1, Mi)]),
      ['Unschedulable', 'Insufficient cpu', 'Insufficient memory'],
    ],
    [
      'a full node is Too many pods, reported first',
      makePod('p', { cpu: 500 }),
      () => nodeInfo(makeNode('n', { cpu: 1000, pods: 2 }), [busy(300), busy(301)]),
      ['Unschedulable', 'Too many pods', 'Insufficient cpu'],
    ],
    [
      'a pod requesting nothing is only counted against pods, even on an overcommitted node',
      makePod('p'),
      () => nodeInfo(makeNode('n', { cpu: 1000 }), [busy(1500)]),
      null,
    ],
    [
      'extended resources count like cpu',
      makePod('p', { requests: { 'nvidia.com/gpu': 1 } }),
      () => nodeInfo(makeNode('n', { extra: { 'nvidia.com/gpu': 2 } }), [makePod('g', { requests: { 'nvidia.com/gpu': 2 } })]),
      ['Unschedulable', 'Insufficient nvidia.com/gpu'],
    ],
    [
      'a node without the extended resource cannot ever fit it',
      makePod('p', { requests: { 'nvidia.com/gpu': 1 } }),
      () => nodeInfo(makeNode('n')),
      [UNRESOLVABLE, 'Insufficient nvidia.com/gpu'],
    ],
    [
      'the effective request takes the largest init container (max(init, sum of apps))',
      makePod('p', { initContainers: [container('init', { cpu: 3000 })], containers: [container('a', { cpu: 500 }), container('b', { cpu: 500 })] }),
      () => nodeInfo(makeNode('n', { cpu: 4000 }), [busy(1500)]),
      ['Unschedulable', 'Insufficient cpu'],
    ],
    [
      'pod overhead is added to the request',
      makePod('p', { cpu: 900, overhead: { cpu: 200 } }),
      () => nodeInfo(makeNode('n', { cpu: 4000 }), [busy(3000)]),
      ['Unschedulable', 'Insufficient cpu'],
    ],
  ])('%s', (_name, pod, info, expected) => {
    expect(fit(pod, info())).toEqual(expected);
  });
});
