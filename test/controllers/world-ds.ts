import { testContainer, testNode, testPodSpec } from '../support/objects.js';
import { Cluster, setCondition, type ClusterWatcher } from '../../src/api/cluster.js';
import type { KubeEvent } from '../../src/api/event.js';
import { DaemonSetController } from '../../src/controllers/daemonset/controller.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { DEFAULT_CONTROL_PLANE } from '../../src/model/defaults.js';
import type { Labels, Millis, Taint, Toleration } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import type { ControlPlaneConfig, PodTemplateSpec } from '../../src/model/scenario.js';
import { initialStatus } from '../../src/kinds/table.js';
import { type DaemonSet, type DaemonSetUpdateStrategy } from '../../src/model/workloads.js';
import { SimAdmission } from '../../src/sim/admission.js';

export const s = (seconds: number): Millis => Math.round(seconds * 1000);

export interface NodeOptions {
  readonly labels?: Labels;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
  readonly ready?: Node['ready'];
}

export function makeNode(name: string, index: number, o: NodeOptions = {}): Node {
  return testNode(name, {
    uid: `uid-node-${name}`,
    index,
    labels: o.labels ?? {},
    taints: o.taints ?? [],
    unschedulable: o.unschedulable ?? false,
    allocatable: { cpu: 4000, memory: 16 * 1024 ** 3, pods: 110 },
    capacity: { cpu: 4000, memory: 16 * 1024 ** 3, pods: 110 },
    ready: o.ready ?? 'True',
    podCIDR: `10.0.${index}`,
  });
}

export function podSpec(o: Partial<PodTemplateSpec> = {}): PodTemplateSpec {
  return testPodSpec({ containers: [testContainer('agent', 'agent:1')], ...o });
}

export interface DaemonSetOptions {
  readonly nodeSelector?: Labels;
  readonly tolerations?: readonly Toleration[];
  readonly updateStrategy?: DaemonSetUpdateStrategy;
  readonly minReadySeconds?: number;
  readonly spec?: Partial<PodTemplateSpec>;
}

export function makeDaemonSet(cluster: Cluster, name: string, o: DaemonSetOptions = {}): DaemonSet {
  return {
    kind: 'DaemonSet',
    metadata: {
      namespace: 'default',
      name,
      uid: cluster.newUid(),
      labels: {},
      annotations: {},
      ownerReferences: [],
      creationTimestamp: 0,
      generation: 0,
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        labels: { app: name },
        annotations: {},
        spec: podSpec({ nodeSelector: o.nodeSelector ?? {}, tolerations: o.tolerations ?? [], ...o.spec }),
      },
      updateStrategy: o.updateStrategy ?? { type: 'RollingUpdate', maxUnavailable: 1, maxSurge: 0 },
      minReadySeconds: o.minReadySeconds ?? 0,
    },
    status: initialStatus('DaemonSet'),
  };
}

/** A pod's life as the test drives it: when created, bound, failed, deleted, removed (seconds). */
export interface PodLog {
  readonly name: string;
  readonly node: string;
  readonly created: number;
  deleting?: number;
  removed?: number;
}

/**
 * A cluster with only the DaemonSet controller, plus optional stand-ins for
 * the scheduler and kubelet (`autoRun`): bind each new pod to its target node
 * at once, make it Ready `readyAfter` s later, and remove a deleted pod
 * `killAfter` s after its deletion.
 */
export class DsWorld implements ClusterWatcher {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly streams = new RandomStreams(1);
  readonly events: KubeEvent[] = [];
  readonly log: PodLog[] = [];
  readonly controller: DaemonSetController;
  autoRun?: { readyAfter: number; killAfter: number; fail?: boolean };
  private nodeCount = 0;

  readonly config: ControlPlaneConfig;

  constructor(config: Partial<ControlPlaneConfig> = {}) {
    const cfg = (this.config = { ...DEFAULT_CONTROL_PLANE, ...config });
    this.cluster.setAdmission(new SimAdmission(this.cluster, { rules: [], defaultTolerationSeconds: cfg.defaultTolerationSeconds, names: this.streams.stream('names') }));
    this.controller = new DaemonSetController({ cluster: this.cluster, engine: this.engine, streams: this.streams, config: cfg });
    this.cluster.watch(this.controller);
    this.cluster.watch(this);
  }

  get t(): number {
    return this.engine.now / 1000;
  }

  /** Runs `f` at `seconds`. */
  at(seconds: number, f: () => void): void {
    this.engine.at(s(seconds), f);
  }

  run(untilSeconds: number): void {
    this.engine.run(s(untilSeconds));
  }

  addNode(name: string, o: NodeOptions = {}): Node {
    const node = makeNode(name, this.nodeCount++, o);
    this.cluster.addNode(node);
    return node;
  }

  createDaemonSet(name: string, o: DaemonSetOptions = {}): DaemonSet {
    const ds = makeDaemonSet(this.cluster, name, o);
    this.cluster.createWorkload(ds);
    return ds;
  }

  /** The DaemonSet's pods in the API, in creation order. */
  pods(ds: DaemonSet): Pod[] {
    return [...this.cluster.podsOwnedBy(ds.metadata.uid)];
  }

  eventsOf(reason: string): { t: number; message: string }[] {
    return this.events.filter((e) => e.reason === reason).map((e) => ({ t: e.time / 1000, message: e.message }));
  }

  /** Binds the pod to its node and makes it Running and Ready now. */
  bindAndReady(pod: Pod, nodeName: string): void {
    if (pod.spec.nodeName === undefined) this.cluster.bindPod(pod, nodeName);
    setCondition(pod, 'Ready', 'True', this.engine.now);
    this.cluster.updatePodStatus(pod, 'Running', 'Started');
  }

  fail(pod: Pod, nodeName: string): void {
    if (pod.spec.nodeName === undefined) this.cluster.bindPod(pod, nodeName);
    this.cluster.updatePodStatus(pod, 'Failed', 'Error');
  }

  podAdded(pod: Pod): void {
    const term = pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms[0];
    const node = term?.matchFields?.[0]?.values?.[0] ?? '';
    this.log.push({ name: pod.metadata.name, node, created: this.t });
    const auto = this.autoRun;
    if (!auto) return;
    this.engine.schedule(0, () => (auto.fail ? this.fail(pod, node) : this.cluster.bindPod(pod, node)));
    if (!auto.fail) this.engine.schedule(s(auto.readyAfter), () => this.readyIfPresent(pod, node));
  }

  podDeleting(pod: Pod): void {
    this.entry(pod).deleting = this.t;
    const auto = this.autoRun;
    if (auto && this.cluster.pod(pod.metadata.namespace, pod.metadata.name) === pod) {
      this.engine.schedule(s(auto.killAfter), () => this.cluster.removePod(pod));
    }
  }

  podRemoved(pod: Pod): void {
    this.entry(pod).removed = this.t;
  }

  eventRecorded(e: KubeEvent): void {
    this.events.push(e);
  }

  private readyIfPresent(pod: Pod, node: string): void {
    if (this.cluster.pod(pod.metadata.namespace, pod.metadata.name) !== pod) return;
    if (pod.metadata.deletionTimestamp !== undefined) return;
    this.bindAndReady(pod, node);
  }

  private entry(pod: Pod): PodLog {
    const e = this.log.find((x) => x.name === pod.metadata.name);
    if (!e) throw new Error(`no log for ${pod.metadata.name}`);
    return e;
  }
}
