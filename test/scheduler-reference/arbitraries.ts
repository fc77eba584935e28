import fc from 'fast-check';
import { RUN_FOREVER } from '../../src/model/behavior.js';
import type { Labels, LabelSelector, Taint, Toleration } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Affinity, Container, ContainerPort, Pod, PodAffinityTerm, TopologySpreadConstraint } from '../../src/model/pod.js';
import type { ResourceList } from '../../src/model/resources.js';

/**
 * Random small clusters for the agreement property: plain data (no Pod or
 * Node objects, which the cluster mutates), turned into fresh objects per
 * run by `buildNode` / `buildPod`. `Features` switches off what the podsim
 * profile cannot filter on yet, so the property only asks what both sides
 * implement.
 */

export interface Features {
  readonly hostPorts: boolean;
  readonly spreadConstraints: boolean;
  readonly podAffinity: boolean;
}

const Gi = 1024 ** 3;

/** `arb` one time in `oneIn`, else `otherwise`. */
function sometimes<T, U>(oneIn: number, arb: fc.Arbitrary<T>, otherwise: U): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: arb, weight: 1 }, { arbitrary: fc.constant(otherwise), weight: oneIn - 1 });
}
const ZONE = 'topology.kubernetes.io/zone';
const HOSTNAME = 'kubernetes.io/hostname';
const APPS = ['web', 'db', 'cache'] as const;
/** Images nodes may hold and containers may run; sizes in IMAGE_SIZES. */
export const IMAGES = ['nginx:1.25', 'busybox:1.36', 'docker.io/library/redis:7'] as const;
export const IMAGE_SIZES: ReadonlyMap<string, number> = new Map([
  ['docker.io/library/nginx:1.25', 70 * 1024 ** 2],
  ['docker.io/library/busybox:1.36', 5 * 1024 ** 2],
  ['docker.io/library/redis:7', 900 * 1024 ** 2],
]);
const NAMESPACES = ['default', 'other'] as const;

const TAINTS: readonly Taint[] = [
  { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
  { key: 'maint', effect: 'NoExecute' },
  { key: 'spot', value: 'true', effect: 'PreferNoSchedule' },
  { key: 'old', effect: 'PreferNoSchedule' },
];

const TOLERATIONS: readonly Toleration[] = [
  { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
  { key: 'maint', operator: 'Exists' },
  { key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' },
  { key: 'old', operator: 'Exists' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export interface NodeSpec {
  readonly zone: string | undefined;
  readonly disk: 'ssd' | 'hdd' | undefined;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly cpu: number;
  readonly memory: number;
  readonly pods: number;
  readonly gpu: number | undefined;
  readonly images: readonly string[];
}

export const nodeSpecArb: fc.Arbitrary<NodeSpec> = fc.record({
  zone: fc.option(fc.constantFrom('z1', 'z2', 'z3'), { nil: undefined, freq: 8 }),
  disk: fc.option(fc.constantFrom('ssd' as const, 'hdd' as const), { nil: undefined }),
  taints: sometimes(3, fc.subarray([...TAINTS], { minLength: 1, maxLength: 2 }), []),
  unschedulable: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }),
  cpu: fc.constantFrom(1000, 2000, 4000),
  memory: fc.constantFrom(2 * Gi, 4 * Gi, 8 * Gi),
  pods: fc.constantFrom(3, 10, 110),
  gpu: sometimes(3, fc.constantFrom(1, 2), undefined),
  images: fc.subarray([...IMAGES]),
});

export function buildNode(spec: NodeSpec, i: number): Node {
  const name = `n-${i}`;
  const labels: Record<string, string> = { [HOSTNAME]: name };
  if (spec.zone !== undefined) labels[ZONE] = spec.zone;
  if (spec.disk !== undefined) labels.disk = spec.disk;
  const allocatable: ResourceList = { cpu: spec.cpu, memory: spec.memory, pods: spec.pods, ...(spec.gpu ? { 'example.com/gpu': spec.gpu } : {}) };
  return {
    name,
    uid: `uid-${name}`,
    index: i,
    labels,
    annotations: {},
    taints: spec.taints,
    unschedulable: spec.unschedulable,
    allocatable,
    capacity: allocatable,
    ready: 'True',
    creationTimestamp: 0,
    images: spec.images,
    podCIDR: `10.0.${i}`,
  };
}

const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constantFrom(...APPS).map((app) => ({ matchLabels: { app } })),
  fc.subarray([...APPS], { minLength: 1 }).map((values) => ({ matchExpressions: [{ key: 'app', operator: 'In' as const, values }] })),
);

const termArb: fc.Arbitrary<PodAffinityTerm> = fc.record(
  {
    labelSelector: selectorArb,
    topologyKey: fc.constantFrom(ZONE, HOSTNAME, 'disk'),
    namespaces: fc.subarray([...NAMESPACES], { minLength: 1 }),
  },
  { requiredKeys: ['labelSelector', 'topologyKey'] },
);

const weightedArb = fc.record({ weight: fc.integer({ min: 1, max: 100 }), podAffinityTerm: termArb });

function affinityArb(f: Features): fc.Arbitrary<Affinity | undefined> {
  const nodeRequirement = fc.oneof(
    fc.subarray(['z1', 'z2', 'z3'], { minLength: 1 }).map((values) => ({ key: ZONE, operator: 'In' as const, values })),
    fc.constantFrom('ssd', 'hdd').map((v) => ({ key: 'disk', operator: 'NotIn' as const, values: [v] })),
    fc.constant({ key: 'disk', operator: 'Exists' as const }),
  );
  const term = fc.array(nodeRequirement, { minLength: 1, maxLength: 2 }).map((matchExpressions) => ({ matchExpressions }));
  const podTerms = f.podAffinity ? fc.array(termArb, { maxLength: 1 }) : fc.constant([]);
  const podPreferred = f.podAffinity ? fc.array(weightedArb, { maxLength: 2 }) : fc.constant([]);
  return sometimes(
    2,
    fc.record({
      required: sometimes(3, fc.array(term, { minLength: 1, maxLength: 2 }), undefined),
      preferred: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), preference: term }), { maxLength: 2 }),
      affinityRequired: podTerms,
      affinityPreferred: podPreferred,
      antiRequired: podTerms,
      antiPreferred: podPreferred,
    }).map((a) => ({
      nodeAffinity: { ...(a.required ? { required: { nodeSelectorTerms: a.required } } : {}), preferred: a.preferred },
      podAffinity: { required: a.affinityRequired, preferred: a.affinityPreferred },
      podAntiAffinity: { required: a.antiRequired, preferred: a.antiPreferred },
    })),
    undefined,
  );
}

const spreadArb: fc.Arbitrary<TopologySpreadConstraint> = fc.record(
  {
    maxSkew: fc.integer({ min: 1, max: 3 }),
    topologyKey: fc.constantFrom(ZONE, HOSTNAME),
    whenUnsatisfiable: fc.constantFrom('DoNotSchedule' as const, 'ScheduleAnyway' as const),
    labelSelector: selectorArb,
    minDomains: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'labelSelector'] },
);

const requestsArb: fc.Arbitrary<ResourceList> = fc.record(
  { cpu: fc.constantFrom(0, 100, 250, 500, 1000), memory: fc.constantFrom(0, 256 * 1024 ** 2, 512 * 1024 ** 2, Gi) },
  { requiredKeys: [] },
).chain((r) => sometimes(8, fc.constant({ ...r, 'example.com/gpu': 1 }), r));

export interface PodSpecData {
  readonly namespace: string;
  readonly app: string;
  readonly containers: readonly { readonly requests: ResourceList; readonly hostPort: number | undefined; readonly image: string }[];
  readonly init: readonly ResourceList[];
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Labels;
  readonly affinity: Affinity | undefined;
  readonly spread: readonly TopologySpreadConstraint[];
  readonly priority: number;
}

export function podSpecArb(f: Features): fc.Arbitrary<PodSpecData> {
  return fc.record({
    namespace: fc.constantFrom(...NAMESPACES),
    app: fc.constantFrom(...APPS),
    containers: fc.array(
      fc.record({
        requests: requestsArb,
        hostPort: f.hostPorts ? sometimes(3, fc.constantFrom(80, 443), undefined) : fc.constant(undefined),
        image: fc.constantFrom(...IMAGES),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    init: fc.array(requestsArb, { maxLength: 1 }),
    tolerations: sometimes(2, fc.subarray([...TOLERATIONS], { minLength: 1 }), []),
    nodeSelector: sometimes(5, fc.constantFrom<Labels>({ disk: 'ssd' }, { [ZONE]: 'z1' }), {}),
    affinity: affinityArb(f),
    spread: f.spreadConstraints ? fc.array(spreadArb, { maxLength: 2 }) : fc.constant([]),
    priority: fc.constant(0),
  });
}

function container(name: string, requests: ResourceList, hostPort?: number, image = 'busybox:1.36'): Container {
  const ports: ContainerPort[] = hostPort === undefined ? [] : [{ containerPort: 8080, hostPort, protocol: 'TCP' }];
  return { name, image, imagePullPolicy: 'IfNotPresent', requests, limits: {}, ports, behavior: RUN_FOREVER };
}

export function buildPod(spec: PodSpecData, name: string, nodeName?: string): Pod {
  return {
    metadata: { namespace: spec.namespace, name, uid: `uid-${name}`, labels: { app: spec.app }, annotations: {}, ownerReferences: [], creationTimestamp: 0 },
    spec: {
      ...(nodeName !== undefined ? { nodeName } : {}),
      schedulerName: 'default-scheduler',
      nodeSelector: spec.nodeSelector,
      ...(spec.affinity ? { affinity: spec.affinity } : {}),
      tolerations: spec.tolerations,
      topologySpreadConstraints: spec.spread,
      initContainers: spec.init.map((r, i) => container(`init-${i}`, r)),
      containers: spec.containers.map((c, i) => container(`c-${i}`, c.requests, c.hostPort, c.image)),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      priority: spec.priority,
      preemptionPolicy: 'PreemptLowerPriority',
      overhead: {},
    },
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}

export interface ClusterData {
  readonly nodes: readonly NodeSpec[];
  /** Existing pods with the index of their node (mod the node count). */
  readonly existing: readonly { readonly spec: PodSpecData; readonly node: number }[];
  readonly incoming: PodSpecData;
}

export function clusterArb(f: Features): fc.Arbitrary<ClusterData> {
  return fc.record({
    nodes: fc.array(nodeSpecArb, { minLength: 1, maxLength: 7 }),
    existing: fc.array(fc.record({ spec: podSpecArb(f), node: fc.nat() }), { maxLength: 10 }),
    incoming: podSpecArb(f),
  });
}
