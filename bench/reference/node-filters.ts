import type { Taint, Toleration } from '../../src/model/meta.js';
import type { ContainerPort, Pod } from '../../src/model/pod.js';
import { isScalar, requestedOnNode, requests, requiredNodeAffinityMatches, type RefNode } from './snapshot.js';
import type { Code, Rejection } from './types.js';

/**
 * The per-node filters of the default profile that need nothing but the pod
 * and the node with its pods. Each returns null (pass) or a Rejection with
 * upstream's reason strings.
 */

const reject = (plugin: string, code: Code, ...reasons: string[]): Rejection => ({ plugin, code, reasons });

/** v1helper.ToleratesTaint (component-helpers/scheduling/corev1/helpers.go). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function tolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/** nodeunschedulable: spec.unschedulable unless node.kubernetes.io/unschedulable:NoSchedule is tolerated. */
export function nodeUnschedulable(pod: Pod, n: RefNode): Rejection | null {
  if (!n.node.unschedulable) return null;
  if (tolerated(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return null;
  return reject('NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');
}

/** nodename: spec.nodeName, when set, must be this node. */
export function nodeName(pod: Pod, n: RefNode): Rejection | null {
  const want = pod.spec.nodeName;
  if (want === undefined || want === '' || want === n.node.name) return null;
  return reject('NodeName', 'UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");
}

/** tainttoleration Filter: every NoSchedule/NoExecute taint tolerated (reason since v1.34 names no taint). */
export function taintToleration(pod: Pod, n: RefNode): Rejection | null {
  for (const taint of n.node.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerated(pod.spec.tolerations, taint)) {
      return reject('TaintToleration', 'UnschedulableAndUnresolvable', 'node(s) had untolerated taint(s)');
    }
  }
  return null;
}

/** nodeaffinity Filter: nodeSelector and required node affinity. */
export function nodeAffinity(pod: Pod, n: RefNode): Rejection | null {
  if (requiredNodeAffinityMatches(pod, n.node)) return null;
  return reject('NodeAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector");
}

/**
 * nodeaffinity PreFilter: when every required term pins `metadata.name In`,
 * only those nodes are evaluated. Returns undefined (all nodes), a set of
 * names, or a rejection when the terms conflict.
 */
export function nodeAffinityPreFilter(pod: Pod): ReadonlySet<string> | undefined | Rejection {
  const terms = pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms;
  if (terms === undefined || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      termNames = termNames === undefined ? values : new Set([...termNames].filter((v) => values.has(v)));
    }
    if (termNames === undefined) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  if (names !== undefined && names.size === 0) return reject('NodeAffinity', 'UnschedulableAndUnresolvable', 'pod affinity terms conflict');
  return names;
}

/** The host ports a pod's app containers ask for (nodeports getContainerPorts: hostPort > 0 only). */
export function hostPorts(pod: Pod): ContainerPort[] {
  return pod.spec.containers.flatMap((c) => c.ports.filter((p) => (p.hostPort ?? 0) > 0));
}

/** HostPortInfo.CheckConflict: 0.0.0.0 clashes with any IP on the same protocol and port. */
function conflicts(want: ContainerPort, used: ContainerPort): boolean {
  if ((want.protocol ?? 'TCP') !== (used.protocol ?? 'TCP') || want.hostPort !== used.hostPort) return false;
  const a = want.hostIP || '0.0.0.0';
  const b = used.hostIP || '0.0.0.0';
  return a === '0.0.0.0' || b === '0.0.0.0' || a === b;
}

/** nodeports Filter. */
export function nodePorts(pod: Pod, n: RefNode): Rejection | null {
  const want = hostPorts(pod);
  if (want.length === 0) return null;
  const used = n.pods.flatMap((p) => hostPorts(p));
  if (!want.some((w) => used.some((u) => conflicts(w, u)))) return null;
  return reject('NodePorts', 'Unschedulable', "node(s) didn't have free ports for the requested pod ports");
}

/**
 * noderesources fitsRequest: pod count, then cpu, memory, ephemeral-storage,
 * then scalar resources; a request above the node's allocatable itself is
 * UnschedulableAndUnresolvable.
 */
export function nodeResourcesFit(pod: Pod, n: RefNode): Rejection | null {
  const alloc = (name: string) => n.node.allocatable[name] ?? 0;
  const reasons: string[] = [];
  let unresolvable = false;
  if (n.pods.length + 1 > alloc('pods')) reasons.push('Too many pods');
  const want = requests(pod);
  const used = requestedOnNode(n);
  const names = ['cpu', 'memory', 'ephemeral-storage', ...Object.keys(want).filter(isScalar)];
  for (const name of names) {
    const amount = want[name] ?? 0;
    if (amount <= 0) continue;
    if (amount > alloc(name) - (used[name] ?? 0)) {
      reasons.push(`Insufficient ${name}`);
      if (amount > alloc(name)) unresolvable = true;
    }
  }
  if (reasons.length === 0) return null;
  return { plugin: 'NodeResourcesFit', code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons };
}
