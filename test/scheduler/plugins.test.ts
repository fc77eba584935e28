import { describe, expect, it } from 'vitest';
import type { Labels } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Affinity, Pod, TopologySpreadConstraint } from '../../src/model/pod.js';
import { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { podResources } from '../../src/scheduler/pod-resources.js';
import { calculatePriority } from '../../src/scheduler/plugins/image-locality.js';
import { numFeasibleNodesToFind } from '../../src/scheduler/find-nodes.js';
import { evaluate } from '../../src/scheduler/schedule-one.js';
import { ListSnapshot } from '../../src/scheduler/snapshot.js';
import { Gi, Mi, makeNode, makePod, type NodeOptions, type PodOptions } from './world.js';

type Extra = { labels?: Labels; affinity?: Affinity; spread?: TopologySpreadConstraint[]; image?: string };

function pod(name: string, o: PodOptions & Extra = {}): Pod {
  const p = makePod(name, o);
  const containers = o.image ? p.spec.containers.map((c) => ({ ...c, image: o.image as string })) : p.spec.containers;
  return {
    ...p,
    metadata: { ...p.metadata, labels: o.labels ?? {} },
    spec: { ...p.spec, containers, topologySpreadConstraints: o.spread ?? [], ...(o.affinity ? { affinity: o.affinity } : {}) },
  };
}

function info(node: Node, pods: Pod[] = []): NodeInfo {
  const n = new NodeInfo(node);
  for (const p of pods) {
    p.spec.nodeName = node.name;
    n.addPod(p, podResources(p));
  }
  return n;
}

/** Each node's normalized score from one plugin, by node name. */
function scores(p: Pod, nodes: NodeInfo[], plugin: string, sizes?: (image: string) => number): Record<string, number | undefined> {
  const e = evaluate(p, new ListSnapshot(nodes, sizes));
  return Object.fromEntries(e.scores.map((s) => [s.name, s.scores.find((x) => x.plugin === plugin)?.normalized]));
}

function verdicts(p: Pod, nodes: NodeInfo[]): Record<string, string | null> {
  return Object.fromEntries(evaluate(p, nodes).verdicts.map((v) => [v.node, v.status === null ? null : `${v.status.code}: ${v.status.reasons.join(', ')}`]));
}

const zone = (z: string, o: NodeOptions = {}) => ({ ...o, labels: { 'topology.kubernetes.io/zone': z, ...o.labels } });

describe('percentageOfNodesToScore (numFeasibleNodesToFind)', () => {
  it.each<[string, number, number, number]>([
    ['under 100 nodes every node is searched', 99, 0, 99],
    ['100 nodes: 50 % is 50, raised to the minimum of 100', 100, 0, 100],
    ['1000 nodes: 50 − 8 = 42 % -> 420', 1000, 0, 420],
    ['5000 nodes: 50 − 40 = 10 % -> 500', 5000, 0, 500],
    ['10000 nodes: the percentage floors at 5 % -> 500', 10000, 0, 500],
    ['a configured 100 % searches every node', 5000, 100, 5000],
    ['a configured 30 % of 1000 -> 300', 1000, 30, 300],
  ])('%s', (_name, n, pct, expected) => {
    expect(numFeasibleNodesToFind(n, pct)).toBe(expected);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('scores (1 − |cpu share − memory share| / 2) × 100 on the real requests, truncated', () => {
    const nodes = [info(makeNode('even', { cpu: 4000, memory: 8 * Gi })), info(makeNode('skewed', { cpu: 4000, memory: 8 * Gi }), [pod('x', { cpu: 2000, memory: 1 * Gi })])];
    // even: 1000/4000 = .25 and 2Gi/8Gi = .25 -> 100; skewed: 3000/4000 = .75, 3Gi/8Gi = .375 -> 1 − .1875 = 81.25 -> 81
    expect(scores(pod('p', { cpu: 1000, memory: 2 * Gi }), nodes, 'NodeResourcesBalancedAllocation')).toEqual({ even: 100, skewed: 81 });
  });

  it('skips best-effort pods (no requests at all)', () => {
    const nodes = [info(makeNode('a')), info(makeNode('b'))];
    expect(scores(pod('p'), nodes, 'NodeResourcesBalancedAllocation')).toEqual({ a: undefined, b: undefined });
  });
});

describe('ImageLocality', () => {
  it.each<[string, number, number, number]>([
    ['nothing present scores 0', 0, 1, 0],
    ['up to the 23 MiB floor scores 0', 23 * Mi, 1, 0],
    ['500 MiB for one container: (500 − 23) × 100 / 977 = 48.8 -> 48', 500 * Mi, 1, 48],
    ['the 1000 MiB per container ceiling scores 100', 5000 * Mi, 1, 100],
    ['two containers double the ceiling: 1000 MiB -> (1000 − 23) × 100 / 1977 = 49.4 -> 49', 1000 * Mi, 2, 49],
  ])('%s', (_name, sum, containers, expected) => {
    expect(calculatePriority(sum, containers)).toBe(expected);
  });

  it('scales an image by the share of nodes holding it: 500 MiB on 2 of 4 nodes counts 250 MiB -> 23', () => {
    const withImage = (name: string) => ({ ...makeNode(name), images: ['nginx:1.25'] });
    const nodes = [info(withImage('a')), info(withImage('b')), info(makeNode('c')), info(makeNode('d'))];
    const s = scores(pod('p', { image: 'docker.io/library/nginx:1.25', cpu: 100 }), nodes, 'ImageLocality', () => 500 * Mi);
    // (250 − 23) × 100 / 977 = 23.2 -> 23 where the image is; 0 elsewhere
    expect(s).toEqual({ a: 23, b: 23, c: 0, d: 0 });
  });
});

describe('TaintToleration score', () => {
  it('counts untolerated PreferNoSchedule taints, fewest wins: 0, 1, 2 -> 100, 50, 0', () => {
    const prefer = (key: string) => ({ key, effect: 'PreferNoSchedule' as const });
    const nodes = [
      info(makeNode('clean')),
      info(makeNode('one', { taints: [prefer('spot'), prefer('tolerated')] })),
      info(makeNode('two', { taints: [prefer('spot'), prefer('old')] })),
    ];
    const p = pod('p', { cpu: 100, tolerations: [{ key: 'tolerated', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    expect(scores(p, nodes, 'TaintToleration')).toEqual({ clean: 100, one: 50, two: 0 });
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms and scales by the highest: 40, 10, 0 -> 100, 25, 0', () => {
    const nodes = [
      info(makeNode('both', { labels: { zone: 'a', disk: 'ssd' } })),
      info(makeNode('zone', { labels: { zone: 'a' } })),
      info(makeNode('none')),
    ];
    const term = (key: string, value: string) => ({ matchExpressions: [{ key, operator: 'In' as const, values: [value] }] });
    const affinity: Affinity = {
      nodeAffinity: { preferred: [{ weight: 10, preference: term('zone', 'a') }, { weight: 30, preference: term('disk', 'ssd') }] },
    };
    expect(scores(pod('p', { cpu: 100, affinity }), nodes, 'NodeAffinity')).toEqual({ both: 100, zone: 25, none: 0 });
  });
});

describe('PodTopologySpread', () => {
  const web = { app: 'web' };
  const spreadZone = (when: 'DoNotSchedule' | 'ScheduleAnyway', maxSkew = 1): TopologySpreadConstraint[] => [
    { maxSkew, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: when, labelSelector: { matchLabels: web } },
  ];

  it('rejects domains whose skew (matching + self − global minimum) would exceed maxSkew: zones 2, 0, 1 with maxSkew 1', () => {
    const nodes = [
      info(makeNode('a1', zone('a')), [pod('w1', { labels: web }), pod('w2', { labels: web })]),
      info(makeNode('b1', zone('b'))),
      info(makeNode('c1', zone('c')), [pod('w3', { labels: web })]),
      info(makeNode('nozone')),
    ];
    expect(verdicts(pod('p', { labels: web, spread: spreadZone('DoNotSchedule') }), nodes)).toEqual({
      a1: "Unschedulable: node(s) didn't match pod topology spread constraints",
      b1: null,
      c1: "Unschedulable: node(s) didn't match pod topology spread constraints",
      nozone: "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)",
    });
  });

  it('does not count terminating pods', () => {
    const dying = pod('w2', { labels: web });
    dying.metadata.deletionTimestamp = 5;
    const nodes = [info(makeNode('a1', zone('a')), [pod('w1', { labels: web }), dying]), info(makeNode('b1', zone('b')))];
    // zone a counts 1, b 0: 1 + 1 − 0 = 2 > 1 still rejects a; with maxSkew 2 both fit
    expect(verdicts(pod('p', { labels: web, spread: spreadZone('DoNotSchedule', 2) }), nodes)).toEqual({ a1: null, b1: null });
  });

  it('scores ScheduleAnyway by count × log(domains + 2) + maxSkew − 1, then 100 × (max + min − s) / max', () => {
    const nodes = [
      info(makeNode('a1', zone('a')), [pod('w1', { labels: web }), pod('w2', { labels: web })]),
      info(makeNode('b1', zone('b'))),
    ];
    // 2 zones: weight ln 4 = 1.386; a: 2 × 1.386 = 2.77 -> 3; b: 0 -> normalized a = 100 × (3 + 0 − 3) / 3 = 0, b = 100
    expect(scores(pod('p', { cpu: 100, labels: web, spread: spreadZone('ScheduleAnyway') }), nodes, 'PodTopologySpread')).toEqual({ a1: 0, b1: 100 });
  });
});

describe('InterPodAffinity', () => {
  const byHost = (app: string) => [{ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' }];

  it('keeps a pod away from the pods its required anti-affinity names, and from pods whose anti-affinity names it', () => {
    const nodes = [
      info(makeNode('has-web'), [pod('w', { labels: { app: 'web' } })]),
      info(makeNode('has-loner'), [pod('l', { labels: { app: 'loner' }, affinity: { podAntiAffinity: { required: byHost('web') } } })]),
      info(makeNode('free')),
    ];
    const p = pod('p', { labels: { app: 'web' }, affinity: { podAntiAffinity: { required: byHost('web') } } });
    expect(verdicts(p, nodes)).toEqual({
      'has-web': "Unschedulable: node(s) didn't match pod anti-affinity rules",
      'has-loner': "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules",
      free: null,
    });
  });

  it('requires a matching pod in the domain, except for the first pod of a group that matches its own terms', () => {
    const nodes = [info(makeNode('n1')), info(makeNode('n2'))];
    const first = pod('p', { labels: { app: 'db' }, affinity: { podAffinity: { required: byHost('db') } } });
    expect(verdicts(first, nodes)).toEqual({ n1: null, n2: null });
    const stranger = pod('q', { labels: { app: 'web' }, affinity: { podAffinity: { required: byHost('db') } } });
    expect(verdicts(stranger, nodes)).toEqual({
      n1: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules",
      n2: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules",
    });
  });

  it('scores preferred affinity by weight in the domain: 50, 0 -> 100, 0; anti-affinity the other way', () => {
    const nodes = [info(makeNode('a1', zone('a')), [pod('db', { labels: { app: 'db' } })]), info(makeNode('b1', zone('b')))];
    const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' };
    const near = pod('p', { cpu: 100, affinity: { podAffinity: { preferred: [{ weight: 50, podAffinityTerm: term }] } } });
    expect(scores(near, nodes, 'InterPodAffinity')).toEqual({ a1: 100, b1: 0 });
    const far = pod('q', { cpu: 100, affinity: { podAntiAffinity: { preferred: [{ weight: 50, podAffinityTerm: term }] } } });
    expect(scores(far, nodes, 'InterPodAffinity')).toEqual({ a1: 0, b1: 100 });
  });
});

describe('NodePorts', () => {
  it('rejects a node where the host port is taken on the same protocol', () => {
    const withPort = (name: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP') => {
      const p = makePod(name);
      const c = p.spec.containers[0];
      return { ...p, spec: { ...p.spec, containers: c ? [{ ...c, ports: [{ containerPort: 80, hostPort: port, protocol }] }] : [] } };
    };
    const nodes = [info(makeNode('taken'), [withPort('x', 8080)]), info(makeNode('udp'), [withPort('y', 8080, 'UDP')]), info(makeNode('free'))];
    expect(verdicts(withPort('p', 8080), nodes)).toEqual({
      taken: "Unschedulable: node(s) didn't have free ports for the requested pod ports",
      udp: null,
      free: null,
    });
  });
});
