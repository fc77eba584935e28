import { describe, expect, it } from 'vitest';
import { RUN_FOREVER } from '../../src/model/behavior.js';
import type { Labels, Taint } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Affinity, Pod, TopologySpreadConstraint } from '../../src/model/pod.js';
import type { ResourceList } from '../../src/model/resources.js';
import { referenceEvaluate } from '../../bench/reference/evaluate.js';
import { numFeasibleNodesToFind } from '../../bench/reference/scheduler.js';
import type { ReferenceCluster, ReferenceResult } from '../../bench/reference/types.js';

/**
 * The reference checked by hand on small cases, one behaviour each, with the
 * arithmetic in the comments (the agreement property trusts it for plugins
 * podsim does not have yet).
 */

const Mi = 1024 ** 2;
const Gi = 1024 * Mi;
const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function node(name: string, labels: Labels = {}, o: { taints?: Taint[]; cpu?: number; memory?: number; images?: string[] } = {}): Node {
  const allocatable = { cpu: o.cpu ?? 4000, memory: o.memory ?? 8 * Gi, pods: 110 };
  return {
    name, uid: name, index: 0, labels: { [HOST]: name, ...labels }, annotations: {}, taints: o.taints ?? [], unschedulable: false,
    allocatable, capacity: allocatable, ready: 'True', creationTimestamp: 0, images: o.images ?? [], podCIDR: '10.0.0',
  };
}

interface PodOptions {
  labels?: Labels;
  requests?: ResourceList;
  nodeName?: string;
  affinity?: Affinity;
  spread?: TopologySpreadConstraint[];
  hostPort?: number;
  image?: string;
}

function pod(name: string, o: PodOptions = {}): Pod {
  return {
    metadata: { namespace: 'default', name, uid: name, labels: o.labels ?? {}, annotations: {}, ownerReferences: [], creationTimestamp: 0 },
    spec: {
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      schedulerName: 'default-scheduler', nodeSelector: {}, ...(o.affinity ? { affinity: o.affinity } : {}), tolerations: [],
      topologySpreadConstraints: o.spread ?? [], initContainers: [],
      containers: [{
        name: 'c', image: o.image ?? 'busybox:1.36', imagePullPolicy: 'IfNotPresent', requests: o.requests ?? { cpu: 100, memory: 100 * Mi }, limits: {},
        ports: o.hostPort ? [{ containerPort: 80, hostPort: o.hostPort, protocol: 'TCP' }] : [], behavior: RUN_FOREVER,
      }],
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, priority: 0, preemptionPolicy: 'PreemptLowerPriority', overhead: {},
    },
    status: { phase: 'Running', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}

const web = { labels: { app: 'web' } };
const selectWeb = { matchLabels: { app: 'web' } };
const threeNodes = () => [node('n0', { [ZONE]: 'z1', disk: 'ssd' }), node('n1', { [ZONE]: 'z1' }), node('n2', { [ZONE]: 'z2' })];

function rejections(r: ReferenceResult): (string | null)[] {
  return r.verdicts.map((v) => (v.rejection ? `${v.rejection.plugin}/${v.rejection.code}: ${v.rejection.reasons.join(', ')}` : null));
}
function scoresOf(r: ReferenceResult, plugin: string): (number | undefined)[] {
  return r.scores.map((s) => (s.scores as Record<string, number>)[plugin]);
}
const evalOn = (incoming: Pod, cluster: ReferenceCluster) => referenceEvaluate(incoming, cluster);

describe('reference filters', () => {
  it('PodTopologySpread: a domain past maxSkew over the global minimum is rejected (z1 holds 2, z2 0, maxSkew 1)', () => {
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: selectWeb }];
    const r = evalOn(pod('x', { ...web, spread }), { nodes: threeNodes(), pods: [pod('a', { ...web, nodeName: 'n0' }), pod('b', { ...web, nodeName: 'n0' })] });
    const reason = "PodTopologySpread/Unschedulable: node(s) didn't match pod topology spread constraints";
    expect(rejections(r)).toEqual([reason, reason, null]);
  });

  it('PodTopologySpread: fewer domains than minDomains make the global minimum 0 (1 + 1 - 0 > 1)', () => {
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: selectWeb, minDomains: 3 }];
    const pods = [pod('a', { ...web, nodeName: 'n0' }), pod('b', { ...web, nodeName: 'n2' })];
    expect(evalOn(pod('x', { ...web, spread }), { nodes: threeNodes(), pods }).feasible).toEqual([]);
    const relaxed = [{ ...spread[0]!, minDomains: 1 }];
    expect(evalOn(pod('x', { ...web, spread: relaxed }), { nodes: threeNodes(), pods }).feasible).toEqual(['n0', 'n1', 'n2']);
  });

  it('PodTopologySpread: a node without the topology label is rejected as unresolvable', () => {
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: selectWeb }];
    const r = evalOn(pod('x', { ...web, spread }), { nodes: [node('n0', { [ZONE]: 'z1' }), node('bare')], pods: [] });
    expect(rejections(r)).toEqual([null, "PodTopologySpread/UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)"]);
  });

  it('InterPodAffinity: required anti-affinity on hostname keeps the pod off nodes with a matching pod', () => {
    const affinity = { podAntiAffinity: { required: [{ labelSelector: selectWeb, topologyKey: HOST }] } };
    const r = evalOn(pod('x', { ...web, affinity }), { nodes: threeNodes(), pods: [pod('a', { ...web, nodeName: 'n0' })] });
    expect(rejections(r)).toEqual(["InterPodAffinity/Unschedulable: node(s) didn't match pod anti-affinity rules", null, null]);
  });

  it("InterPodAffinity: an existing pod's zone anti-affinity rejects its whole zone", () => {
    const affinity = { podAntiAffinity: { required: [{ labelSelector: selectWeb, topologyKey: ZONE }] } };
    const r = evalOn(pod('x', web), { nodes: threeNodes(), pods: [pod('a', { labels: { app: 'db' }, affinity, nodeName: 'n1' })] });
    const reason = "InterPodAffinity/Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";
    expect(rejections(r)).toEqual([reason, reason, null]);
  });

  it('InterPodAffinity: the first pod of a self-affine series may go anywhere that has the topology key', () => {
    const affinity = { podAffinity: { required: [{ labelSelector: selectWeb, topologyKey: ZONE }] } };
    const r = evalOn(pod('x', { ...web, affinity }), { nodes: [node('n0', { [ZONE]: 'z1' }), node('bare')], pods: [] });
    expect(rejections(r)).toEqual([null, "InterPodAffinity/UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules"]);
    const other = evalOn(pod('y', { labels: { app: 'db' }, affinity }), { nodes: [node('n0', { [ZONE]: 'z1' })], pods: [] });
    expect(other.feasible).toEqual([]);
  });

  it('NodePorts: a host port already taken on the node', () => {
    const r = evalOn(pod('x', { hostPort: 80 }), { nodes: threeNodes(), pods: [pod('a', { hostPort: 80, nodeName: 'n1' })] });
    expect(rejections(r)).toEqual([null, "NodePorts/Unschedulable: node(s) didn't have free ports for the requested pod ports", null]);
  });

  it('NodeResourcesFit: all lacking resources are named; a request above allocatable is unresolvable', () => {
    const r = evalOn(pod('x', { requests: { cpu: 5000, memory: 4 * Gi } }), { nodes: [node('n0', {}, { memory: 5 * Gi })], pods: [pod('a', { requests: { memory: 2 * Gi }, nodeName: 'n0' })] });
    expect(rejections(r)).toEqual(['NodeResourcesFit/UnschedulableAndUnresolvable: Insufficient cpu, Insufficient memory']);
  });
});

describe('reference scores', () => {
  it('PodTopologySpread: counts x ln(domains + 2) + maxSkew - 1, rounded, then 100 x (max + min - s) / max', () => {
    // zone weight ln(2 + 2) = 1.386; z1 holds 2: n0 and n1 score round(2.77) = 3, n2 0; max 3, min 0.
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway' as const, labelSelector: selectWeb }];
    const r = evalOn(pod('x', { ...web, spread }), { nodes: threeNodes(), pods: [pod('a', { ...web, nodeName: 'n0' }), pod('b', { ...web, nodeName: 'n0' })] });
    expect(scoresOf(r, 'PodTopologySpread')).toEqual([0, 0, 100]);
  });

  it('InterPodAffinity: preferred affinity weights per topology, scaled between the lowest and highest node', () => {
    const affinity = { podAffinity: { preferred: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: ZONE } }] } };
    const r = evalOn(pod('x', { affinity }), { nodes: threeNodes(), pods: [pod('a', { labels: { app: 'db' }, nodeName: 'n2' })] });
    expect(scoresOf(r, 'InterPodAffinity')).toEqual([0, 0, 100]);
  });

  it('InterPodAffinity skips when no term matches anywhere', () => {
    const r = evalOn(pod('x'), { nodes: threeNodes(), pods: [pod('a', { nodeName: 'n2' })] });
    expect(scoresOf(r, 'InterPodAffinity')).toEqual([undefined, undefined, undefined]);
  });

  it('NodeResourcesBalancedAllocation: (1 - |cpu - memory| / 2) x 100, truncated; best-effort pods skip it', () => {
    // cpu 1000/4000 = 0.25, memory 1Gi/8Gi = 0.125: std 0.0625 -> 93.75 -> 93
    const r = evalOn(pod('x', { requests: { cpu: 1000, memory: Gi } }), { nodes: [node('n0')], pods: [] });
    expect(scoresOf(r, 'NodeResourcesBalancedAllocation')).toEqual([93]);
    expect(scoresOf(evalOn(pod('y', { requests: {} }), { nodes: [node('n0')], pods: [] }), 'NodeResourcesBalancedAllocation')).toEqual([undefined]);
  });

  it('NodeResourcesFit: LeastAllocated counts 100m / 200Mi for a container that names no request', () => {
    // cpu (1000 - 100) x 100 / 1000 = 90, memory (2048 - 200) x 100 / 2048 = 90.2 -> 90
    const r = evalOn(pod('x', { requests: {} }), { nodes: [node('n0', {}, { cpu: 1000, memory: 2 * Gi })], pods: [] });
    expect(scoresOf(r, 'NodeResourcesFit')).toEqual([90]);
  });

  it('TaintToleration: fewer untolerated PreferNoSchedule taints score higher (reverse-normalized)', () => {
    const soft = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' });
    const nodes = [node('n0', {}, { taints: [soft('a')] }), node('n1'), node('n2', {}, { taints: [soft('a'), soft('b')] })];
    expect(scoresOf(evalOn(pod('x'), { nodes, pods: [] }), 'TaintToleration')).toEqual([50, 100, 0]);
  });

  it('NodeAffinity: the sum of matching preferred weights, scaled to the best node', () => {
    const affinity = {
      nodeAffinity: {
        preferred: [
          { weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In' as const, values: ['ssd'] }] } },
          { weight: 30, preference: { matchExpressions: [{ key: ZONE, operator: 'In' as const, values: ['z1'] }] } },
        ],
      },
    };
    expect(scoresOf(evalOn(pod('x', { affinity }), { nodes: threeNodes(), pods: [] }), 'NodeAffinity')).toEqual([100, 75, 0]);
  });

  it('ImageLocality: size x share of nodes holding it, clamped to [23Mi, 1000Mi] and scaled', () => {
    // 500Mi x 1/2 = 250Mi: 100 x (250 - 23) / (1000 - 23) = 23.2 -> 23
    const nodes = [node('n0', {}, { images: ['nginx:1.25'] }), node('n1')];
    const r = evalOn(pod('x', { image: 'nginx:1.25' }), { nodes, pods: [], imageSizes: new Map([['docker.io/library/nginx:1.25', 500 * Mi]]) });
    expect(scoresOf(r, 'ImageLocality')).toEqual([23, 0]);
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each<[number, number, number]>([
    [0, 50, 50],
    [0, 1000, 420],
    [0, 5000, 500],
    [0, 6000, 300],
    [100, 5000, 5000],
    [10, 500, 100],
  ])('percentage %i of %i nodes looks for %i feasible nodes', (pct, n, expected) => {
    expect(numFeasibleNodesToFind(pct, n)).toBe(expected);
  });
});
