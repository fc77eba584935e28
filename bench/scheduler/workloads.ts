import { Cluster } from '../../src/api/cluster.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { DEFAULT_CONTROL_PLANE } from '../../src/model/defaults.js';
import type { Labels, OwnerReference } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Affinity, Pod, TopologySpreadConstraint } from '../../src/model/pod.js';
import type { PodTemplate } from '../../src/model/scenario.js';
import { SimAdmission } from '../../src/sim/admission.js';

/**
 * The scheduler_perf workloads podsim is measured on
 * (test/integration/scheduler_perf: misc/ and affinity/performance-config.yaml,
 * templates/*.yaml), at their 5000-node sizes: nodes from node-default.yaml
 * (4 cpu, 32Gi, 110 pods, plus a kubernetes.io/hostname label as kubelets
 * set), init pods placed first, then the measured pods, all requesting
 * 100m / 500Mi as the templates do.
 */

export type PodTemplateName = 'default' | 'node-affinity' | 'topology-spreading' | 'pod-anti-affinity' | 'pod-affinity';

export interface Workload {
  readonly name: string;
  readonly nodes: number;
  /** Zone label values assigned round-robin (labelNodePrepareStrategy); none: no zone label. */
  readonly zones: readonly string[];
  readonly initPods: number;
  readonly initTemplate: PodTemplateName;
  readonly initNamespace: string;
  readonly measurePods: number;
  readonly measureTemplate: PodTemplateName;
  readonly measureNamespace: string;
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'SchedulingBasic', nodes: 5000, zones: [], initPods: 1000, initTemplate: 'default', initNamespace: 'default', measurePods: 10000, measureTemplate: 'default', measureNamespace: 'default' },
  { name: 'SchedulingNodeAffinity', nodes: 5000, zones: ['zone1'], initPods: 5000, initTemplate: 'node-affinity', initNamespace: 'default', measurePods: 10000, measureTemplate: 'node-affinity', measureNamespace: 'default' },
  { name: 'SchedulingTopologySpreading', nodes: 5000, zones: ['moon-1', 'moon-2', 'moon-3'], initPods: 5000, initTemplate: 'default', initNamespace: 'default', measurePods: 10000, measureTemplate: 'topology-spreading', measureNamespace: 'default' },
  { name: 'SchedulingPodAntiAffinity', nodes: 5000, zones: [], initPods: 1000, initTemplate: 'pod-anti-affinity', initNamespace: 'sched-0', measurePods: 2000, measureTemplate: 'pod-anti-affinity', measureNamespace: 'sched-1' },
  { name: 'SchedulingPodAffinity', nodes: 5000, zones: ['zone1'], initPods: 5000, initTemplate: 'pod-affinity', initNamespace: 'sched-0', measurePods: 5000, measureTemplate: 'pod-affinity', measureNamespace: 'sched-1' },
];

/** The same workload scaled down by `factor` (nodes and pods), for quick runs. */
export function scaled(w: Workload, factor: number): Workload {
  const s = (n: number) => Math.max(1, Math.round(n / factor));
  return { ...w, nodes: s(w.nodes), initPods: s(w.initPods), measurePods: s(w.measurePods) };
}

const Gi = 1024 ** 3;
const Mi = 1024 ** 2;

export function makeNodes(w: Workload): Node[] {
  return Array.from({ length: w.nodes }, (_, i) => {
    const name = `scheduler-perf-${i}`;
    const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
    const zone = w.zones.length > 0 ? w.zones[i % w.zones.length] : undefined;
    if (zone !== undefined) labels['topology.kubernetes.io/zone'] = zone;
    const allocatable = { cpu: 4000, memory: 32 * Gi, pods: 110 };
    return {
      name,
      uid: `uid-${name}`,
      index: i,
      labels,
      annotations: {},
      taints: [],
      unschedulable: false,
      allocatable,
      capacity: allocatable,
      ready: 'True' as const,
      creationTimestamp: 0,
      images: [],
      podCIDR: `10.${(i >> 8) & 255}.${i & 255}`,
    };
  });
}

const NAMESPACES = ['sched-1', 'sched-0'];

function template(t: PodTemplateName): { labels: Labels; affinity?: Affinity; spread: TopologySpreadConstraint[] } {
  switch (t) {
    case 'default':
      return { labels: {}, spread: [] };
    case 'node-affinity':
      return {
        labels: {},
        spread: [],
        affinity: {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone1', 'zone2'] }] }],
            },
          },
        },
      };
    case 'topology-spreading':
      return {
        labels: { color: 'blue' },
        spread: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { color: 'blue' } } }],
      };
    case 'pod-anti-affinity':
      return {
        labels: { color: 'green' },
        spread: [],
        affinity: {
          podAntiAffinity: {
            required: [{ labelSelector: { matchLabels: { color: 'green' } }, topologyKey: 'kubernetes.io/hostname', namespaces: NAMESPACES }],
          },
        },
      };
    case 'pod-affinity':
      return {
        labels: { color: 'blue' },
        spread: [],
        affinity: {
          podAffinity: {
            required: [{ labelSelector: { matchLabels: { color: 'blue' } }, topologyKey: 'topology.kubernetes.io/zone', namespaces: NAMESPACES }],
          },
        },
      };
  }
}

/** A workload's pod template: a pause container requesting (and limited to) 100m and 500Mi. */
function podTemplate(t: PodTemplateName): PodTemplate {
  const { labels, affinity, spread } = template(t);
  const resources = { cpu: 100, memory: 500 * Mi };
  return {
    labels,
    annotations: {},
    spec: {
      schedulerName: 'default-scheduler',
      nodeSelector: {},
      ...(affinity ? { affinity } : {}),
      tolerations: [],
      topologySpreadConstraints: spread,
      initContainers: [],
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10',
          imagePullPolicy: 'IfNotPresent',
          requests: resources,
          limits: resources,
          ports: [{ containerPort: 80, protocol: 'TCP' }],
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      overhead: {},
    },
  };
}

const NO_OWNERS: readonly OwnerReference[] = [];

/**
 * `count` pods of a template, `prefix-0`, `prefix-1`..., as podsim's API
 * admits them (src/sim/admission.ts): what they share with the template
 * shared, the default not-ready and unreachable tolerations added (300 s),
 * each container's behaviour resolved. Not yet stored in any cluster.
 */
export function makePods(t: PodTemplateName, namespace: string, prefix: string, count: number): Pod[] {
  const admission = new SimAdmission(new Cluster(new Engine()), {
    rules: [],
    defaultTolerationSeconds: DEFAULT_CONTROL_PLANE.defaultTolerationSeconds,
    names: new RandomStreams(1).stream('names'),
  });
  const tpl = podTemplate(t);
  return Array.from({ length: count }, (_, i) => {
    const name = `${prefix}-${i}`;
    return admission.admit({ namespace, name, uid: `uid-${namespace}-${name}`, ownerReferences: NO_OWNERS, template: tpl });
  });
}
