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
  const used = new Map<string, number>([[PODS, 0]]);
  let pods = 0;
  for (const p of admitted) {
    if (isTerminal(p.status.phase)) continue;
    pods++;
    const requests = sharedPodRequests(p.spec);
    for (const r in requests) used.set(r, (used.get(r) ?? 0) + (requests[r] as number));
  }
  used.set(PODS, (used.get(PODS) ?? 0) + pods);
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
