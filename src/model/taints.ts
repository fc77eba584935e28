import type { Taint, TaintEffect, Toleration } from './meta.js';

/**
 * Taints and tolerations as upstream matches them: `Toleration.ToleratesTaint`
 * (k8s.io/api/core/v1/toleration.go) and `FindMatchingUntoleratedTaint`
 * (pkg/apis/core/v1/helper). An absent key, value or effect is the empty string.
 */

/** Taint keys the control plane and kubelet set (k8s.io/api/core/v1 well_known_taints.go). */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';
export const TAINT_NODE_UNINITIALIZED = 'node.cloudprovider.kubernetes.io/uninitialized';

/** The effects the scheduler's TaintToleration filter enforces (DoNotScheduleTaintsFilterFunc). */
export const DO_NOT_SCHEDULE_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'NoExecute'];

/**
 * ToleratesTaint: a set effect must equal the taint's; a set key must equal
 * the taint's; then Exists tolerates any value and Equal compares values. So
 * an empty key with Exists tolerates every taint, and (what validation
 * forbids) an empty key with Equal tolerates every taint with the same value.
 */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator) {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      // An operator upstream does not know (an empty one means Equal there).
      return (toleration.operator as string) === '' && (toleration.value ?? '') === (taint.value ?? '');
  }
}

/** TolerationsTolerateTaint: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (tolerates(tolerations[i] as Toleration, taint)) return true;
  return false;
}

/**
 * FindMatchingUntoleratedTaint: the first taint, in the node's order, whose
 * effect is one of `effects` and that no toleration tolerates. The scheduler
 * filters with DO_NOT_SCHEDULE_EFFECTS; taint eviction with ['NoExecute'].
 */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  effects: readonly TaintEffect[],
): Taint | undefined {
  // A loop, not taints.find: the scheduler's filter calls this for every node it looks at, and a closure each is garbage.
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i] as Taint;
    if (effects.includes(taint.effect) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/**
 * A taint as kube-scheduler's TaintToleration filter names it: `{key: value}`,
 * `{node-role.kubernetes.io/control-plane: }` when the value is empty.
 */
export function formatTaint(taint: Taint): string {
  return `{${taint.key}: ${taint.value ?? ''}}`;
}

/**
 * The filter's reason, `node(s) had untolerated taint {dedicated: gpu}`, as
 * v1.25-v1.34 print it. (kubernetes PR #134740, v1.35, replaced it with the
 * generic `node(s) had untolerated taint(s)`.)
 */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint ${formatTaint(taint)}`;
}

/** Taint.ToString(): `key=value:effect`, `key:effect` without a value (kubectl's form). */
export function taintToString(taint: Taint): string {
  const value = taint.value ? `=${taint.value}` : '';
  return `${taint.key}${value}:${taint.effect}`;
}
