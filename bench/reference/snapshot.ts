import { matchesNodeSelector, matchesNodeSelectorTerms } from '../../src/model/labels.js';
import type { Labels } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import { isTerminal, type Pod } from '../../src/model/pod.js';
import { podRequests } from '../../src/model/requests.js';
import type { ResourceList } from '../../src/model/resources.js';
import type { ReferenceCluster } from './types.js';

/** One node and its pods, rebuilt for every evaluation (no caching across calls). */
export interface RefNode {
  readonly node: Node;
  readonly pods: readonly Pod[];
}

/** Groups the cluster's non-terminal assigned pods by node, in snapshot order. */
export function snapshot(cluster: ReferenceCluster): RefNode[] {
  const byName = new Map<string, Pod[]>();
  for (const node of cluster.nodes) byName.set(node.name, []);
  for (const pod of cluster.pods) {
    if (pod.spec.nodeName === undefined || isTerminal(pod.status.phase)) continue;
    byName.get(pod.spec.nodeName)?.push(pod);
  }
  return cluster.nodes.map((node) => ({ node, pods: byName.get(node.name) ?? [] }));
}

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest. */
export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

/** resourcehelper.PodRequests: the effective request vector. */
export function requests(pod: Pod): ResourceList {
  return podRequests(pod.spec);
}

/**
 * PodRequests with NonMissingContainerRequests {cpu: 100m, memory: 200Mi}:
 * a container that does not name cpu (memory) counts the default.
 */
export function nonZeroRequests(pod: Pod): ResourceList {
  const fill = (r: ResourceList): ResourceList => ({ cpu: DEFAULT_MILLI_CPU, memory: DEFAULT_MEMORY, ...r });
  return podRequests({
    containers: pod.spec.containers.map((c) => ({ requests: fill(c.requests) })),
    initContainers: pod.spec.initContainers.map((c) => ({
      requests: fill(c.requests),
      ...(c.restartPolicy !== undefined ? { restartPolicy: c.restartPolicy } : {}),
    })),
    overhead: pod.spec.overhead,
  });
}

/** schedutil.IsScalarResourceName, as far as podsim's resource names go. */
export function isScalar(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/** Resources NodeInfo.Requested sums. */
export function summed(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isScalar(name);
}

/** NodeInfo.Requested: the sum of the pods' effective requests. */
export function requestedOnNode(n: RefNode): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pod of n.pods) {
    for (const [name, amount] of Object.entries(requests(pod))) {
      if (summed(name)) out[name] = (out[name] ?? 0) + amount;
    }
  }
  return out;
}

/** NodeInfo.NonZeroRequested: cpu and memory with the defaults for unnamed requests. */
export function nonZeroRequestedOnNode(n: RefNode): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const pod of n.pods) {
    const r = nonZeroRequests(pod);
    cpu += r.cpu ?? 0;
    memory += r.memory ?? 0;
  }
  return { cpu, memory };
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND required terms. */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  if (!matchesNodeSelector(pod.spec.nodeSelector, node.labels)) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms;
  return terms === undefined || matchesNodeSelectorTerms(terms, node);
}

export function hasLabel(labels: Labels, key: string): boolean {
  return Object.hasOwn(labels, key);
}

export function label(labels: Labels, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}
