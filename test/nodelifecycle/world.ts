import { Cluster } from '../../src/api/cluster.js';
import type { KubeEvent } from '../../src/api/event.js';
import { NodeLifecycleController } from '../../src/controllers/nodelifecycle/controller.js';
import { TaintEvictionController } from '../../src/controllers/tainteviction/controller.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import { NodeFaults } from '../../src/kubelet/faults.js';
import { Kubelets } from '../../src/kubelet/kubelets.js';
import { DEFAULT_CONTROL_PLANE, DEFAULT_KUBELET, DEFAULT_REGISTRY } from '../../src/model/defaults.js';
import type { Labels, Toleration } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Pod, PodPhase } from '../../src/model/pod.js';
import type { ControlPlaneConfig, KubeletConfig } from '../../src/model/scenario.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../src/model/taints.js';
import { withDefaultTolerations } from '../../src/sim/admission.js';
import { container, makeNode, makePod, s } from '../kubelet/world.js';

export { s };

export const IMAGE = 'busybox:1.36';

export interface FaultWorldOptions {
  readonly controlPlane?: Partial<ControlPlaneConfig>;
  readonly kubelet?: Partial<KubeletConfig>;
}

/** DaemonSet pods' automatic tolerations: not-ready and unreachable NoExecute, no seconds. */
const DAEMON_TOLERATIONS: readonly Toleration[] = [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE].map((key) => ({
  key,
  operator: 'Exists' as const,
  effect: 'NoExecute' as const,
}));

/**
 * Kubelets, the node lifecycle and taint eviction controllers over one
 * cluster, with recorders. Pods get the DefaultTolerationSeconds tolerations
 * (300 s) unless they are `daemon` pods. Times in assertions are seconds.
 */
export class FaultWorld {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly events: KubeEvent[] = [];
  readonly transitions: [number, string, PodPhase, PodPhase, string][] = [];
  readonly deleting: [number, string][] = [];
  readonly removed: [number, string][] = [];
  /** [t, node, ready, taints] after every node update. */
  readonly nodeLog: [number, string, string, string][] = [];
  readonly kubelets: Kubelets;
  readonly faults: NodeFaults;
  readonly config: ControlPlaneConfig;

  constructor(o: FaultWorldOptions = {}) {
    const t = () => this.engine.now / 1000;
    this.config = { ...DEFAULT_CONTROL_PLANE, ...o.controlPlane };
    this.cluster.watch({
      eventRecorded: (e) => this.events.push(e),
      podStatusChanged: (pod, from, reason) => {
        if (from !== pod.status.phase) this.transitions.push([t(), pod.metadata.name, from, pod.status.phase, reason]);
      },
      podDeleting: (pod) => this.deleting.push([t(), pod.metadata.name]),
      podRemoved: (pod) => this.removed.push([t(), pod.metadata.name]),
      nodeUpdated: (n) => this.nodeLog.push([t(), n.name, n.ready, n.taints.map(taintString).join(',')]),
    });
    this.kubelets = new Kubelets({
      cluster: this.cluster,
      engine: this.engine,
      streams: new RandomStreams(1),
      config: { ...DEFAULT_KUBELET, containerStartLatencyMs: s(1), ...o.kubelet },
      registry: DEFAULT_REGISTRY,
      images: new Map(),
    });
    this.cluster.watch(this.kubelets);
    this.cluster.watch(new NodeLifecycleController({ cluster: this.cluster, engine: this.engine, config: this.config }));
    this.cluster.watch(new TaintEvictionController({ cluster: this.cluster, engine: this.engine }));
    this.faults = new NodeFaults(this.cluster, this.kubelets, this.engine);
  }

  /** Adds nodes at t = 0 (call before run). */
  addNode(name: string, labels: Labels = {}): Node {
    const node = { ...makeNode(name, this.cluster.nodeCount, [IMAGE]), labels };
    this.cluster.addNode(node);
    return node;
  }

  /** A Node object `node-<i>` (not added). */
  addNodeManifest(i: number, labels: Labels = {}): Node {
    return { ...makeNode(`node-${i}`, i, [IMAGE]), labels };
  }

  node(name: string): Node {
    const n = this.cluster.node(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  /** A pod that runs forever, bound to `node` at `at` seconds; `owner` sets a controller ownerReference. */
  pod(name: string, node: string, o: { owner?: 'ReplicaSet' | 'DaemonSet'; at?: number; restartPolicy?: Pod['spec']['restartPolicy']; runs?: number } = {}): Pod {
    const base = makePod(name, { containers: [container('c', o.runs === undefined ? {} : { runs: o.runs })], restartPolicy: o.restartPolicy ?? 'Always' });
    const daemon = o.owner === 'DaemonSet';
    const pod: Pod = {
      ...base,
      metadata: {
        ...base.metadata,
        ownerReferences: o.owner ? [{ kind: o.owner, name: `${name}-owner`, uid: `uid-${name}-owner`, controller: true }] : [],
      },
      spec: { ...base.spec, tolerations: daemon ? DAEMON_TOLERATIONS : withDefaultTolerations([], this.config.defaultTolerationSeconds) },
    };
    this.engine.at(s(o.at ?? 0), () => {
      this.cluster.createPod(pod);
      this.cluster.bindPod(pod, node);
    });
    return pod;
  }

  at(seconds: number, f: () => void): void {
    this.engine.at(s(seconds), f);
  }

  run(untilSeconds: number): void {
    this.engine.run(s(untilSeconds));
  }

  /** `t reason kind/name` of the events with one of `reasons` (all when empty). */
  eventLog(...reasons: string[]): string[] {
    return this.events
      .filter((e) => reasons.length === 0 || reasons.includes(e.reason))
      .map((e) => `${e.time / 1000} ${e.reason} ${e.kind}/${e.name}`);
  }

  messages(reason: string): string[] {
    return this.events.filter((e) => e.reason === reason).map((e) => e.message);
  }

  transitionsOf(pod: string): [number, PodPhase, PodPhase, string][] {
    return this.transitions.filter(([, p]) => p === pod).map(([t, , from, to, why]) => [t, from, to, why]);
  }

  /** When `node`'s taints (as `key:effect` list) first read `taints`. */
  taintTimes(node: string): [number, string][] {
    const out: [number, string][] = [];
    let last = '';
    for (const [t, n, , taints] of this.nodeLog) {
      if (n !== node || taints === last) continue;
      last = taints;
      out.push([t, taints]);
    }
    return out;
  }

  readyTimes(node: string): [number, string][] {
    const out: [number, string][] = [];
    let last = 'True';
    for (const [t, n, ready] of this.nodeLog) {
      if (n !== node || ready === last) continue;
      last = ready;
      out.push([t, ready]);
    }
    return out;
  }
}

function taintString(t: { key: string; effect: string; timeAdded?: number }): string {
  return `${t.key.replace('node.kubernetes.io/', '')}:${t.effect}`;
}
