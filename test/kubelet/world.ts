import { Cluster } from '../../src/api/cluster.js';
import type { KubeEvent } from '../../src/api/event.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Kubelets } from '../../src/kubelet/kubelets.js';
import { RUN_FOREVER, type ContainerBehavior } from '../../src/model/behavior.js';
import { DEFAULT_KUBELET, DEFAULT_REGISTRY } from '../../src/model/defaults.js';
import type { Millis } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Container, Pod, PodPhase, PullPolicy, RestartPolicy } from '../../src/model/pod.js';
import type { KubeletConfig, RegistryConfig } from '../../src/model/scenario.js';

export const Mi = 1024 * 1024;
export const s = (seconds: number): Millis => Math.round(seconds * 1000);

export interface ContainerOptions {
  readonly image?: string;
  readonly pullPolicy?: PullPolicy;
  /** Seconds it runs before exiting; omitted = forever. */
  readonly runs?: number;
  readonly exitCode?: number;
  readonly sidecar?: boolean;
}

export function container(name: string, o: ContainerOptions = {}): Container {
  const behavior: ContainerBehavior =
    o.runs === undefined
      ? RUN_FOREVER
      : { ...RUN_FOREVER, run: { kind: 'constant', value: s(o.runs) }, exitCode: o.exitCode ?? 0 };
  return {
    name,
    image: o.image ?? 'busybox:1.36',
    imagePullPolicy: o.pullPolicy ?? 'IfNotPresent',
    requests: {},
    limits: {},
    ports: [],
    ...(o.sidecar ? { restartPolicy: 'Always' as const } : {}),
    behavior,
  };
}

export interface PodOptions {
  readonly namespace?: string;
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly restartPolicy?: RestartPolicy;
  readonly terminationGracePeriodSeconds?: number;
  readonly activeDeadlineSeconds?: number;
}

export function makePod(name: string, o: PodOptions, uid = `uid-${name}`): Pod {
  return {
    metadata: {
      namespace: o.namespace ?? 'default',
      name,
      uid,
      labels: {},
      annotations: {},
      ownerReferences: [],
      creationTimestamp: 0,
    },
    spec: {
      schedulerName: 'default-scheduler',
      nodeSelector: {},
      tolerations: [],
      topologySpreadConstraints: [],
      initContainers: o.initContainers ?? [],
      containers: o.containers,
      restartPolicy: o.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: o.terminationGracePeriodSeconds ?? 30,
      ...(o.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: o.activeDeadlineSeconds } : {}),
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      overhead: {},
    },
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}

export function makeNode(name: string, index: number, images: readonly string[] = []): Node {
  return {
    name,
    uid: `uid-node-${name}`,
    index,
    labels: {},
    annotations: {},
    taints: [],
    unschedulable: false,
    allocatable: { cpu: 4000, memory: 16 * 1024 * Mi, pods: 110 },
    capacity: { cpu: 4000, memory: 16 * 1024 * Mi, pods: 110 },
    ready: 'True',
    creationTimestamp: 0,
    images,
    podCIDR: `10.0.${index}`,
  };
}

export interface StatusRecord {
  readonly t: number;
  readonly pod: string;
  readonly phase: PodPhase;
  readonly from: PodPhase;
  readonly reason: string;
  readonly restarts: number;
}

export interface WorldOptions {
  readonly kubelet?: Partial<KubeletConfig>;
  readonly registry?: Partial<RegistryConfig>;
  /** Catalogue: image -> bytes. */
  readonly catalogue?: ReadonlyMap<string, number>;
  readonly seed?: number;
}

/** A cluster over an engine with only the kubelets watching; times in assertions are seconds. */
export class World {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly events: KubeEvent[] = [];
  readonly statuses: StatusRecord[] = [];
  readonly removed: { t: number; pod: string }[] = [];
  readonly kubelets: Kubelets;

  constructor(o: WorldOptions = {}) {
    this.cluster.watch({
      eventRecorded: (e) => this.events.push(e),
      podStatusChanged: (pod, from, reason) =>
        this.statuses.push({
          t: this.engine.now / 1000,
          pod: pod.metadata.name,
          phase: pod.status.phase,
          from,
          reason,
          restarts: [...pod.status.initContainerStatuses, ...pod.status.containerStatuses].reduce(
            (n, c) => n + c.restartCount,
            0,
          ),
        }),
      podRemoved: (pod) => this.removed.push({ t: this.engine.now / 1000, pod: pod.metadata.name }),
    });
    this.kubelets = new Kubelets({
      cluster: this.cluster,
      engine: this.engine,
      streams: new RandomStreams(o.seed ?? 1),
      config: { ...DEFAULT_KUBELET, ...o.kubelet },
      registry: { ...DEFAULT_REGISTRY, ...o.registry },
      images: o.catalogue ?? new Map(),
    });
    this.cluster.watch(this.kubelets);
  }

  addNode(name: string, images: readonly string[] = []): Node {
    const node = makeNode(name, this.cluster.nodeCount, images);
    this.cluster.addNode(node);
    return node;
  }

  /** Creates `pod` bound to `node` at simulated time `at` seconds. */
  submit(pod: Pod, node: string, at = 0): Pod {
    this.engine.at(s(at), () => {
      this.cluster.createPod(pod);
      this.cluster.bindPod(pod, node);
    });
    return pod;
  }

  deleteAt(pod: Pod, at: number): void {
    this.engine.at(s(at), () => this.cluster.deletePod(pod));
  }

  run(untilSeconds: number): void {
    this.engine.run(s(untilSeconds));
  }

  /** `[t, reason, message]` of the events about `pod`, in order. */
  eventsOf(pod: string): [number, string, string][] {
    return this.events.filter((e) => e.name === pod).map((e) => [e.time / 1000, e.reason, e.message]);
  }

  /** Times (s) of the events about `pod` with `reason` (and a message containing `text`). */
  times(pod: string, reason: string, text = ''): number[] {
    return this.eventsOf(pod)
      .filter(([, r, m]) => r === reason && m.includes(text))
      .map(([t]) => t);
  }

  /** The phase changes of `pod`: `[t, from, to, reason]`. */
  transitions(pod: string): [number, PodPhase, PodPhase, string][] {
    return this.statuses.filter((r) => r.pod === pod && r.from !== r.phase).map((r) => [r.t, r.from, r.phase, r.reason]);
  }

  /** Times at which `pod`'s restart count went up, one entry per restart. */
  restartTimes(pod: string): number[] {
    const out: number[] = [];
    let last = 0;
    for (const r of this.statuses) {
      if (r.pod !== pod) continue;
      for (; last < r.restarts; last++) out.push(r.t);
    }
    return out;
  }
}
