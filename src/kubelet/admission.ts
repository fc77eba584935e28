import type { Node } from '../model/node.js';
import { isTerminal, type Pod } from '../model/pod.js';
import { sharedPodRequests } from '../model/requests.js';
import { PODS } from '../model/resources.js';

/** Why the kubelet refused a pod: the resource it ran out of, as its admit handler reports it. */
export interface Rejection {
  /** `OutOf<resource>` (OutOfcpu, OutOfmemory, OutOfpods, OutOfnvidia.com/gpu...). */
  readonly reason: string;
  /** `Pod was rejected: Node didn't have enough resource: cpu, requested: 600, used: 600, capacity: 1000` */
  readonly message: string;
}

/**
 * The kubelet's resource admission (pkg/kubelet/lifecycle/predicate.go,
 * GeneralPredicates' NodeResourcesFit): a pod bound without the scheduler
 * (spec.nodeName in its manifest) is refused when its requests do not fit
 * beside the pods the kubelet already admitted. The first resource short,
 * in the order cpu, memory, then the rest (pods counted as one each).
 */
export function admissionFailure(pod: Pod, node: Node, admitted: Iterable<Pod>): Rejection | undefined {
  const usage = new AdmittedUsage();
  for (const p of admitted) usage.add(p);
  return usage.refusal(pod, node);
}

/**
 * What the admitted pods of one node use, kept as pods are admitted, turn
 * Succeeded or Failed, or go: `refusal` then costs the new pod's resources,
 * not the node's pods.
 */
export class AdmittedUsage {
  private readonly pods = new Set<Pod>();
  private readonly used = new Map<string, number>([[PODS, 0]]);

  /** Counts `pod` unless it is terminal or counted already. */
  add(pod: Pod): void {
    if (isTerminal(pod.status.phase) || this.pods.has(pod)) return;
    this.pods.add(pod);
    this.count(pod, 1);
  }

  /** Stops counting `pod` (terminal, or gone from the node). */
  remove(pod: Pod): void {
    if (this.pods.delete(pod)) this.count(pod, -1);
  }

  private count(pod: Pod, sign: 1 | -1): void {
    const { used } = this;
    used.set(PODS, (used.get(PODS) ?? 0) + sign);
    const requests = sharedPodRequests(pod.spec);
    for (const r in requests) used.set(r, (used.get(r) ?? 0) + sign * (requests[r] as number));
  }

  /** The kubelet's verdict on admitting `pod` beside the pods counted. */
  refusal(pod: Pod, node: Node): Rejection | undefined {
    const { used } = this;
    const wanted: [string, number][] = [[PODS, 1], ...Object.entries(sharedPodRequests(pod.spec))];
    const order = (r: string) => (r === 'cpu' ? 0 : r === 'memory' ? 1 : r === PODS ? 3 : 2);
    wanted.sort((a, b) => order(a[0]) - order(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [resource, requested] of wanted) {
      if (requested === 0) continue;
      const capacity = node.allocatable[resource] ?? 0;
      const inUse = used.get(resource) ?? 0;
      if (inUse + requested > capacity) {
        const detail = `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${inUse}, capacity: ${capacity}`;
        return { reason: `OutOf${resource}`, message: `Pod was rejected: ${detail}` };
      }
    }
    return undefined;
  }
}
