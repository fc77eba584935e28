import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import { snapshotNode, type NodeProps } from './events.js';
import { NodeInfo } from './nodeinfo.js';
import { podResources } from './pod-resources.js';

/**
 * The scheduler cache (pkg/scheduler/backend/cache): one NodeInfo per node,
 * kept current from watch events. A removed node that still has pods stays
 * as a ghost (off the node list) until its pods go, and comes back with them
 * if a node of the same name is added again, as upstream's RemoveNode does.
 * Node order is the order nodes were added; it only decides tie order.
 */
export class SchedulerCache {
  private readonly byName = new Map<string, NodeInfo>();
  private readonly present: NodeInfo[] = [];
  /** The last scheduling properties seen per node: the `old` side of the next update. */
  private readonly lastSeen = new Map<string, NodeProps>();
  /** Pods counted in some NodeInfo, with the node they count on. */
  private readonly assigned = new Map<Pod, NodeInfo>();

  /** Present nodes, in the order they were added (the snapshot's node list). */
  nodeInfos(): readonly NodeInfo[] {
    return this.present;
  }

  get numNodes(): number {
    return this.present.length;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const info = this.byName.get(name);
    return info && this.lastSeen.has(name) ? info : undefined;
  }

  addNode(node: Node): NodeInfo {
    let info = this.byName.get(node.name);
    if (info) info.node = node;
    else this.byName.set(node.name, (info = new NodeInfo(node)));
    if (!this.present.includes(info)) this.present.push(info);
    this.lastSeen.set(node.name, snapshotNode(node));
    return info;
  }

  /** Records the node's new properties and returns the previous ones. */
  updateNode(node: Node): NodeProps | undefined {
    const old = this.lastSeen.get(node.name);
    if (old === undefined) return undefined;
    const info = this.byName.get(node.name);
    if (info) info.node = node;
    this.lastSeen.set(node.name, snapshotNode(node));
    return old;
  }

  removeNode(node: Node): void {
    const info = this.byName.get(node.name);
    if (!info || !this.lastSeen.delete(node.name)) return;
    const i = this.present.indexOf(info);
    if (i >= 0) this.present.splice(i, 1);
    if (info.podCount === 0) this.byName.delete(node.name);
  }

  /** Counts a bound, non-terminal pod on its node. Idempotent. */
  addPod(pod: Pod): void {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || this.assigned.has(pod)) return;
    const info = this.byName.get(nodeName);
    if (!info) return;
    info.addPod(pod, podResources(pod));
    this.assigned.set(pod, info);
  }

  /** Stops counting a pod (deleted, or terminal). Returns whether it was counted. */
  removePod(pod: Pod): boolean {
    const info = this.assigned.get(pod);
    if (!info) return false;
    this.assigned.delete(pod);
    info.removePod(pod, podResources(pod));
    if (info.podCount === 0 && !this.lastSeen.has(info.name) && this.byName.get(info.name) === info) {
      this.byName.delete(info.name);
    }
    return true;
  }

  isAssigned(pod: Pod): boolean {
    return this.assigned.has(pod);
  }
}
