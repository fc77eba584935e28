import type { Node } from '../model/node.js';
import { podKey, type Pod } from '../model/pod.js';
import { podRequests, resourceNameOrder } from '../model/requests.js';
import { CPU, PODS, type ResourceList } from '../model/resources.js';

interface Charge {
  readonly node: string;
  readonly requests: ResourceList;
}

/**
 * What each node has committed: the summed requests (podRequests) and the
 * count of the non-terminal pods bound to it, kept incrementally: O(resources)
 * per bind, phase change or removal. A pod stops counting when it reaches
 * Succeeded or Failed or leaves the API, as the scheduler's cache and the
 * kubelet's admission count them (a Terminating pod still counts).
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
