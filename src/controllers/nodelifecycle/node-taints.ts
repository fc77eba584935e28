import type { Millis, Taint, TaintEffect } from '../../model/meta.js';
import type { Node } from '../../model/node.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE } from '../../model/taints.js';

/** A taint as the controller names it: key and effect (values are empty). */
export interface TaintRef {
  readonly key: string;
  readonly effect: TaintEffect;
}

export const UNREACHABLE_NO_EXECUTE: TaintRef = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_NO_EXECUTE: TaintRef = { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' };

/**
 * The NoSchedule taint keys doNoScheduleTaintingPass keeps in step with the
 * node: the Ready condition's (not-ready for False, unreachable for Unknown)
 * and unschedulable. podsim models no pressure or network conditions, so the
 * taints for those are left as the scenario wrote them.
 */
const MANAGED_NO_SCHEDULE: ReadonlySet<string> = new Set([TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE]);

export function hasTaint(node: Node, ref: TaintRef): boolean {
  return node.taints.some((t) => t.key === ref.key && t.effect === ref.effect);
}

/** The NoSchedule taints the node's conditions and spec call for (TaintNodesByCondition). */
function wantedNoSchedule(node: Node): string[] {
  const keys: string[] = [];
  if (node.ready === 'False') keys.push(TAINT_NODE_NOT_READY);
  if (node.ready === 'Unknown') keys.push(TAINT_NODE_UNREACHABLE);
  if (node.unschedulable) keys.push(TAINT_NODE_UNSCHEDULABLE);
  return keys;
}

/** TaintSetDiff between what the node has and what it should have; empty lists when in step. */
export function noScheduleDiff(node: Node): { add: TaintRef[]; remove: TaintRef[] } {
  const wanted = wantedNoSchedule(node);
  const have = node.taints.filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)).map((t) => t.key);
  return {
    add: wanted.filter((k) => !have.includes(k)).map((key) => ({ key, effect: 'NoSchedule' })),
    remove: have.filter((k) => !wanted.includes(k)).map((key) => ({ key, effect: 'NoSchedule' })),
  };
}

/**
 * SwapNodeControllerTaint: adds the taints the node lacks (timeAdded now, at
 * the end) and removes the others. Returns whether the taints changed; the
 * caller records the change with Cluster.updateNode.
 */
export function swapTaints(node: Node, add: readonly TaintRef[], remove: readonly TaintRef[], now: Millis): boolean {
  const matches = (t: Taint, r: TaintRef) => t.key === r.key && t.effect === r.effect;
  const kept = node.taints.filter((t) => !remove.some((r) => matches(t, r)));
  const added = add.filter((r) => !kept.some((t) => matches(t, r))).map((r): Taint => ({ ...r, timeAdded: now }));
  if (kept.length === node.taints.length && added.length === 0) return false;
  node.taints = [...kept, ...added];
  return true;
}
