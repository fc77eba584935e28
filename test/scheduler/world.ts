import { Cluster } from '../../src/api/cluster.js';
import type { KubeEvent } from '../../src/api/event.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { RUN_FOREVER } from '../../src/model/behavior.js';
import type { Labels, Millis, Taint, Toleration } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Affinity, Container, Pod } from '../../src/model/pod.js';
import type { ResourceList } from '../../src/model/resources.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import type { KubeSchedulerConfiguration } from '../../src/model/scheduler-config.js';
import type { Profile } from '../../src/scheduler/profile.js';

export const Mi = 1024 * 1024;
export const Gi = 1024 * Mi;
export const s = (seconds: number): Millis => Math.round(seconds * 1000);

export interface NodeOptions {
  /** Millicores; default 4000. */
  readonly cpu?: number;
  /** Bytes; default 16Gi. */
  readonly memory?: number;
  /** Allocatable pods; default 110. */
  readonly pods?: number;
  /** Further allocatable resources (nvidia.com/gpu...). */
  readonly extra?: ResourceList;
  readonly labels?: Labels;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
}

let nodeIndex = 0;

export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable = { cpu: o.cpu ?? 4000, memory: o.memory ?? 16 * Gi, pods: o.pods ?? 110, ...o.extra };
  const index = nodeIndex++;
  return {
    name,
    uid: `uid-node-${name}`,
    index,
    labels: { 'kubernetes.io/hostname': name, ...o.labels },
    annotations: {},
    taints: o.taints ?? [],
    unschedulable: o.unschedulable ?? false,
    allocatable,
    capacity: allocatable,
    ready: 'True',
    creationTimestamp: 0,
    images: [],
    podCIDR: `10.0.${index}`,
  };
}

export function container(name: string, requests: ResourceList = {}, o: { sidecar?: boolean } = {}): Container {
  return {
    name,
    image: 'busybox:1.36',
    imagePullPolicy: 'IfNotPresent',
    requests,
    limits: {},
    ports: [],
    ...(o.sidecar ? { restartPolicy: 'Always' as const } : {}),
    behavior: RUN_FOREVER,
  };
}

export interface PodOptions {
  readonly namespace?: string;
  /** Millicores for the single container (shorthand for `containers`). */
  readonly cpu?: number;
  readonly memory?: number;
  readonly requests?: ResourceList;
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly priority?: number;
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  readonly nodeSelector?: Labels;
  readonly affinity?: Affinity;
  readonly tolerations?: readonly Toleration[];
  readonly schedulerName?: string;
  readonly nodeName?: string;
  readonly overhead?: ResourceList;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, number> = { ...o.requests };
  if (o.cpu !== undefined) requests.cpu = o.cpu;
  if (o.memory !== undefined) requests.memory = o.memory;
  return {
    metadata: {
      namespace: o.namespace ?? 'default',
      name,
      uid: `uid-${name}`,
      labels: {},
      annotations: {},
      ownerReferences: [],
      creationTimestamp: 0,
    },
    spec: {
      ...(o.nodeName !== undefined ? { nodeName: o.nodeName } : {}),
      schedulerName: o.schedulerName ?? 'default-scheduler',
      nodeSelector: o.nodeSelector ?? {},
      ...(o.affinity ? { affinity: o.affinity } : {}),
      tolerations: o.tolerations ?? [],
      topologySpreadConstraints: [],
      initContainers: o.initContainers ?? [],
      containers: o.containers ?? [container('app', requests)],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      priority: o.priority ?? 0,
      preemptionPolicy: o.preemptionPolicy ?? 'PreemptLowerPriority',
      overhead: o.overhead ?? {},
    },
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}

export interface WorldOptions {
  readonly seed?: number;
  readonly nodes?: readonly Node[];
  readonly schedulerName?: string;
  readonly profiles?: readonly Profile[];
  readonly config?: KubeSchedulerConfiguration;
}

/** Engine + Cluster + Scheduler, with every Kubernetes event recorded. No kubelet: pods stay Pending once bound. */
export class World {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly events: KubeEvent[] = [];
  readonly scheduler: Scheduler;

  constructor(o: WorldOptions = {}) {
    for (const node of o.nodes ?? []) this.cluster.addNode(node);
    this.cluster.watch({ eventRecorded: (e) => this.events.push(e) });
    this.scheduler = new Scheduler({
      cluster: this.cluster,
      engine: this.engine,
      streams: new RandomStreams(o.seed ?? 1),
      ...(o.schedulerName !== undefined ? { schedulerName: o.schedulerName } : {}),
      ...(o.profiles !== undefined ? { profiles: o.profiles } : {}),
      ...(o.config !== undefined ? { config: o.config } : {}),
    });
    this.cluster.watch(this.scheduler);
  }

  /** Runs an action at `seconds` of simulated time. */
  at(seconds: number, action: () => void): this {
    this.engine.at(s(seconds), action);
    return this;
  }

  run(untilSeconds?: number): this {
    this.engine.run(untilSeconds === undefined ? undefined : s(untilSeconds));
    return this;
  }

  /** The events of one pod as `t reason: message`, t in seconds. */
  eventsOf(name: string): string[] {
    return this.events.filter((e) => e.name === name).map((e) => `${e.time / 1000} ${e.reason}: ${e.message}`);
  }

  /** When the pod's Scheduled event was recorded, in seconds. */
  boundAt(name: string): number | undefined {
    const e = this.events.find((x) => x.name === name && x.reason === 'Scheduled');
    return e && e.time / 1000;
  }

  nodeOf(name: string, namespace = 'default'): string | undefined {
    return this.cluster.pod(namespace, name)?.spec.nodeName;
  }

  failedAttempts(name: string): number[] {
    return this.events.filter((e) => e.name === name && e.reason === 'FailedScheduling').map((e) => e.time / 1000);
  }
}
