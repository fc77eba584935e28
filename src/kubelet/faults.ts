import type { Cluster } from '../api/cluster.js';
import type { Engine } from '../engine/engine.js';
import type { Node } from '../model/node.js';
import { drainNode } from './drain.js';
import type { Kubelets } from './kubelets.js';

/**
 * The node faults and operations a scenario's timed events ask for. Call from
 * engine events (never from a watcher callback). A node that no longer exists
 * is left alone. `for:` durations are the caller's: schedule `heal` or
 * `reboot` that much later.
 */
export class NodeFaults {
  constructor(
    private readonly cluster: Cluster,
    private readonly kubelets: Kubelets,
    private readonly engine: Engine,
  ) {}

  /** The node loses the control plane; its containers keep running (NodeAgent.partition). */
  partition(node: Node): void {
    this.kubelets.agent(node.name)?.partition();
  }

  /** The partition ends; the kubelet reports at its first heartbeat after now. */
  heal(node: Node): void {
    this.kubelets.agent(node.name)?.heal();
  }

  /** The node goes down; its containers die at once (NodeAgent.crash). */
  crash(node: Node): void {
    this.kubelets.agent(node.name)?.crash();
  }

  /** The node is back; the kubelet reports at its first heartbeat after now and restarts per restartPolicy. */
  reboot(node: Node): void {
    this.kubelets.agent(node.name)?.reboot();
  }

  /** `kubectl drain --ignore-daemonsets --force`: cordon, then evict every other pod, retrying what a PodDisruptionBudget refuses. */
  drain(node: Node): void {
    if (this.cluster.node(node.name) === node) drainNode(this.cluster, node, this.engine);
  }
}
