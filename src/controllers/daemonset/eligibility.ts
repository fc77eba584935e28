import { matchesNodeSelector, matchesNodeSelectorTerms } from '../../model/labels.js';
import type { Toleration } from '../../model/meta.js';
import type { Node } from '../../model/node.js';
import type { PodTemplateSpec } from '../../model/scenario.js';
import { DO_NOT_SCHEDULE_EFFECTS, findUntoleratedTaint } from '../../model/taints.js';

/**
 * What NodeShouldRunDaemonPod answers for one node, as one value:
 * - 'run': shouldRun and shouldContinueRunning (a pod belongs there);
 * - 'continue': only shouldContinueRunning (an untolerated NoSchedule taint:
 *   no new pod, but a pod already there stays);
 * - 'none': neither (a pod there is deleted).
 */
export type Eligibility = 'run' | 'continue' | 'none';

export const shouldRun = (e: Eligibility): boolean => e === 'run';
export const shouldContinueRunning = (e: Eligibility): boolean => e !== 'none';

/**
 * NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go) for the
 * daemon pod `spec` with its `tolerations` (the template's plus the daemon
 * ones, daemonPodTolerations): a fixed spec.nodeName must be this node; the
 * nodeSelector and required node affinity must match; every NoSchedule and
 * NoExecute taint must be tolerated to run, every NoExecute one to continue.
 * Resources, readiness and spec.unschedulable are not looked at (the daemon
 * tolerates the unschedulable taint). Cost: one pass over selector and taints.
 */
export function nodeShouldRunDaemonPod(node: Node, spec: PodTemplateSpec, tolerations: readonly Toleration[]): Eligibility {
  if (spec.nodeName && spec.nodeName !== node.name) return 'none';
  if (!matchesNodeSelector(spec.nodeSelector, node.labels)) return 'none';
  const required = spec.affinity?.nodeAffinity?.required;
  if (required && !matchesNodeSelectorTerms(required.nodeSelectorTerms, node)) return 'none';
  if (!findUntoleratedTaint(node.taints, tolerations, DO_NOT_SCHEDULE_EFFECTS)) return 'run';
  return findUntoleratedTaint(node.taints, tolerations, ['NoExecute']) ? 'none' : 'continue';
}
