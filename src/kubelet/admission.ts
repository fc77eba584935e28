import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import { sharedPodRequests } from '../model/requests.js';
import { CPU, MEMORY, PODS } from '../model/resources.js';
import { findUntoleratedTaint } from '../model/taints.js';

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
 * beside the pods the kubelet already admitted; the first resource short, in
 * the order cpu, memory, then the rest (pods counted as one each).
 *
 * What the admitted pods of one node use, kept as pods are admitted, turn
 * Succeeded or Failed, or go: `refusal` then costs the new pod's resources,
 * not the node's pods. It holds sums only, not the pods: the caller adds a
 * pod at most once and removes only a pod it added (NodeAgent marks which on
 * each PodWorker: `countsAgainstAdmission`).
 */
export class AdmittedUsage {
  private readonly used = new Map<string, number>([[PODS, 0]]);

  /** Counts `pod`'s requests (and one pod). */
  add(pod: Pod): void {
    this.count(pod, 1);
  }

  /** Stops counting `pod`, added before (terminal, or gone from the node). */
  remove(pod: Pod): void {
    this.count(pod, -1);
  }

  private count(pod: Pod, sign: 1 | -1): void {
    const { used } = this;
    used.set(PODS, (used.get(PODS) ?? 0) + sign);
    const requests = sharedPodRequests(pod.spec);
    for (const r in requests) used.set(r, (used.get(r) ?? 0) + sign * (requests[r] as number));
  }

  /** The kubelet's verdict on admitting `pod` beside the pods counted: cpu, memory, the rest by name, then pods. */
  refusal(pod: Pod, node: Node): Rejection | undefined {
    const requests = sharedPodRequests(pod.spec);
    let rest: string[] | undefined;
    for (const r in requests) if (r !== CPU && r !== MEMORY && r !== PODS) (rest ??= []).push(r);
    let short = this.short(CPU, requests[CPU], node) ?? this.short(MEMORY, requests[MEMORY], node);
    if (rest !== undefined) for (const r of rest.sort(byteOrder)) short ??= this.short(r, requests[r], node);
    return short ?? this.short(PODS, 1, node) ?? this.short(PODS, requests[PODS], node);
  }

  /** The rejection for `resource` when `requested` more does not fit; undefined when it does or none is asked. */
  private short(resource: string, requested: number | undefined, node: Node): Rejection | undefined {
    if (requested === undefined || requested === 0) return undefined;
    const capacity = node.allocatable[resource] ?? 0;
    const inUse = this.used.get(resource) ?? 0;
    if (inUse + requested <= capacity) return undefined;
    const detail = `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${inUse}, capacity: ${capacity}`;
    return { reason: `OutOf${resource}`, message: `Pod was rejected: ${detail}` };
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NO_EXECUTE = ['NoExecute'] as const;

/**
 * The kubelet's taint admission (pkg/kubelet/lifecycle/predicate.go,
 * generalFilter, after the resources): a pod that does not tolerate one of
 * the node's NoExecute taints is refused, reason TaintToleration (the
 * PredicateFailureError's name; its Error(), `Predicate %s failed: %s` with
 * tainttoleration.ErrReasonNotMatch, the message); NoSchedule taints are the
 * scheduler's alone. podsim has no static pods, which upstream exempts.
 */
export function taintRefusal(pod: Pod, node: Node): Rejection | undefined {
  if (findUntoleratedTaint(node.taints, pod.spec.tolerations, NO_EXECUTE) === undefined) return undefined;
  return { reason: 'TaintToleration', message: `Pod was rejected: Predicate TaintToleration failed: ${TAINTS_NOT_TOLERATED}` };
}

/** tainttoleration.ErrReasonNotMatch. */
const TAINTS_NOT_TOLERATED = "node(s) had taints that the pod didn't tolerate";
