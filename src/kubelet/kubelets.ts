import type { Cluster, ClusterWatcher } from '../api/cluster.js';
import type { Engine } from '../engine/engine.js';
import type { RandomStreams } from '../engine/random.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import { isTerminal, type Pod, type PodPhase } from '../model/pod.js';
import type { KubeletConfig, RegistryConfig } from '../model/scenario.js';
import { NodeAgent, type NodeAgentOptions } from './node-agent.js';
import { workloadDraws } from './workload-draws.js';

export interface KubeletsOptions {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly streams: RandomStreams;
  readonly config: KubeletConfig;
  readonly registry: RegistryConfig;
  /** The registry's catalogue: image -> size in bytes. */
  readonly images: ReadonlyMap<string, number>;
  /** controlPlane.terminationGracePeriod: replaces every pod's grace period when set. */
  readonly terminationGracePeriodMs?: Millis;
}

/**
 * Every node's kubelet: one NodeAgent per node, created when the node is
 * added; bound pods are routed to their node's agent. As a watcher it only
 * schedules work (engine.schedule); the agents write from those events.
 * Random draws come from each workload's `durations` and `exits` streams (workload-draws.ts) and from `pulls`.
 */
export class Kubelets implements ClusterWatcher {
  private readonly agents = new Map<string, NodeAgent>();
  /** What every node's agent is given: the same for all, so one object shared by them. */
  private readonly agentOptions: NodeAgentOptions;

  constructor(private readonly o: KubeletsOptions) {
    const { cluster, engine, config, registry, images, terminationGracePeriodMs } = o;
    this.agentOptions = {
      cluster,
      engine,
      config,
      registry,
      catalogue: images,
      streams: {
        draws: workloadDraws(o.streams),
        pulls: o.streams.stream('pulls'),
      },
      ...(terminationGracePeriodMs !== undefined ? { terminationGracePeriodMs } : {}),
    };
  }

  /** The kubelet of `nodeName`, if the node exists. */
  agent(nodeName: string): NodeAgent | undefined {
    return this.agents.get(nodeName);
  }

  nodeAdded(node: Node): void {
    this.agents.set(node.name, new NodeAgent(node, this.agentOptions));
  }

  nodeRemoved(node: Node): void {
    this.agents.get(node.name)?.dispose();
    this.agents.delete(node.name);
  }

  podBound(pod: Pod, node: Node): void {
    this.agents.get(node.name)?.podBound(pod);
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase): void {
    if (!isTerminal(oldPhase) && isTerminal(pod.status.phase)) this.agentOf(pod)?.podTerminated(pod);
  }

  podDeleting(pod: Pod): void {
    const agent = this.agentOf(pod);
    if (agent) this.o.engine.schedule(0, () => agent.podDeleting(pod));
  }

  podRemoved(pod: Pod): void {
    this.agentOf(pod)?.podRemoved(pod);
  }

  private agentOf(pod: Pod): NodeAgent | undefined {
    const nodeName = pod.spec.nodeName;
    return nodeName === undefined ? undefined : this.agents.get(nodeName);
  }
}
