import type { Cluster } from '../api/cluster.js';
import type { Node } from '../model/node.js';
import { isTerminal, podKey, type Pod } from '../model/pod.js';
import { podRequests, resourceNameOrder } from '../model/requests.js';
import { CPU, PODS, type ResourceList } from '../model/resources.js';

interface Charge {
  readonly node: string;
  readonly requests: ResourceList;
}

/**
 * What each node has committed: the summed requests (podRequests) and the
 * count of the pods charged to it, kept incrementally: O(resources) per
 * charge or release. Which pods are charged, and until when, is the
 * caller's (CapacityCheck).
 */
export class NodeCommitments {
  private readonly charges = new Map<Pod, Charge>();
  private readonly sums = new Map<string, Map<string, number>>();

  /** Counts `pod` on `node`; no-op when already counted. */
  charge(pod: Pod, node: string): void {
    if (this.charges.has(pod)) return;
    const requests = podRequests(pod.spec);
    this.charges.set(pod, { node, requests });
    const sum = this.sumOf(node);
    for (const [name, amount] of Object.entries(requests)) sum.set(name, (sum.get(name) ?? 0) + amount);
    sum.set(PODS, (sum.get(PODS) ?? 0) + 1);
  }

  /** Stops counting `pod`; returns the node it was counted on. */
  release(pod: Pod): string | undefined {
    const c = this.charges.get(pod);
    if (!c) return undefined;
    this.charges.delete(pod);
    const sum = this.sumOf(c.node);
    for (const [name, amount] of Object.entries(c.requests)) sum.set(name, (sum.get(name) ?? 0) - amount);
    sum.set(PODS, (sum.get(PODS) ?? 0) - 1);
    return c.node;
  }

  /**
   * How `node` is over its allocatable, one clause per resource
   * (`cpu 2100m > 2000m`), empty when it is not. A resource the node does not
   * list has an allocatable of 0. Pods (the `pods` count) are a resource like
   * any other. Resources in resourceNameOrder.
   */
  excess(node: Node): string[] {
    const sum = this.sums.get(node.name);
    if (!sum) return [];
    const out: string[] = [];
    for (const name of resourceNameOrder(sum.keys())) {
      const used = sum.get(name) ?? 0;
      const allocatable = node.allocatable[name] ?? 0;
      if (used > allocatable) out.push(`${name} ${amount(name, used)} > ${amount(name, allocatable)}`);
    }
    return out;
  }

  /** The pods counted on `node`, `namespace/name`, in the order given. */
  podsOn(node: string, pods: Iterable<Pod>): string[] {
    const out: string[] = [];
    for (const p of pods) if (this.charges.get(p)?.node === node) out.push(podKey(p));
    return out;
  }

  private sumOf(node: string): Map<string, number> {
    let sum = this.sums.get(node);
    if (!sum) this.sums.set(node, (sum = new Map()));
    return sum;
  }
}

function amount(name: string, value: number): string {
  return name === CPU ? `${value}m` : String(value);
}

/** How many pods a node-capacity message names. */
const PODS_NAMED = 5;

/**
 * The node-capacity invariant over NodeCommitments, as a cluster keeps it: a
 * node runs no more than its allocatable. A pod counts from the moment it is
 * committed to its node until it reaches Succeeded or Failed or leaves the API
 * (a Terminating pod still counts), as the scheduler's cache and the kubelet's
 * admission count it:
 *
 * - a pod the scheduler bound counts from its binding (the scheduler binds
 *   only what fits beside every pod bound to the node);
 * - a pod bound by its manifest (spec.nodeName at creation) counts once its
 *   kubelet has admitted it, which its status shows (the kubelet sets
 *   startTime at admission). The API server accepts any such binding, and a
 *   node cut off from the API holds one that does not fit until its kubelet
 *   refuses it (Failed, OutOfcpu...); until then it is not a violation.
 *
 * Checked when an instant ends: only nodes that gained a pod (or were over
 * and lost one) are looked at, and a node is reported when it goes over, not
 * again until it has been back within its allocatable.
 */
export class CapacityCheck {
  private readonly commitments = new NodeCommitments();
  private readonly dirty = new Set<string>();
  private readonly over = new Set<string>();
  /** Pods bound by their manifest that their kubelet has not admitted yet: not counted. */
  private readonly unadmitted = new Set<Pod>();

  constructor(private readonly cluster: Cluster) {}

  /** A pod entered the API: one bound by its manifest waits for its kubelet's admission. */
  created(pod: Pod): void {
    if (pod.spec.nodeName !== undefined && !isTerminal(pod.status.phase)) this.unadmitted.add(pod);
  }

  bound(pod: Pod, node: string): void {
    if (this.unadmitted.has(pod) || isTerminal(pod.status.phase)) return;
    this.charge(pod, node);
  }

  /** The pod's status changed: terminal, it stops counting; admitted by its kubelet (startTime), it counts. */
  statusChanged(pod: Pod): void {
    if (isTerminal(pod.status.phase)) return this.released(pod);
    const node = pod.spec.nodeName;
    if (node === undefined || pod.status.startTime === undefined || !this.unadmitted.delete(pod)) return;
    this.charge(pod, node);
  }

  released(pod: Pod): void {
    this.unadmitted.delete(pod);
    const node = this.commitments.release(pod);
    if (node !== undefined && this.over.has(node)) this.dirty.add(node);
  }

  private charge(pod: Pod, node: string): void {
    this.commitments.charge(pod, node);
    this.dirty.add(node);
  }

  nodeRemoved(node: string): void {
    this.dirty.delete(node);
    this.over.delete(node);
  }

  /** `[node name, message]` for each node newly over its allocatable. */
  endInstant(): [string, string][] {
    const out: [string, string][] = [];
    for (const name of this.dirty) {
      const node = this.cluster.node(name);
      if (!node) continue;
      const excess = this.commitments.excess(node);
      if (excess.length === 0) {
        this.over.delete(name);
      } else if (!this.over.has(name)) {
        this.over.add(name);
        const pods = this.commitments.podsOn(name, this.cluster.podsOn(name));
        const named = pods.slice(0, PODS_NAMED).join(', ') + (pods.length > PODS_NAMED ? ` and ${pods.length - PODS_NAMED} more` : '');
        out.push([name, `requests exceed allocatable: ${excess.join(', ')} (pods: ${named})`]);
      }
    }
    this.dirty.clear();
    return out;
  }
}
