import type { Pod } from '../../model/pod.js';
import { isSuccess, newStatus, type CycleState, type PostFilterContext, type Status } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { podResources } from '../pod-resources.js';

/** A node preemption could use and the pods it would evict there, most important first. */
export interface Candidate {
  readonly node: string;
  readonly victims: readonly Pod[];
  readonly numPDBViolations: number;
}

const MAX_INT32 = 2147483647;
/** SelectVictimsOnNode's answer for a node without a pod of lower priority. */
export const NO_VICTIMS = newStatus('UnschedulableAndUnresolvable', 'No preemption victims found for incoming pod');

/** When a pod started (status.startTime; not yet started counts as the far future, like metav1.Now at the call). */
function startTime(p: Pod): number {
  return p.status.startTime ?? Number.MAX_SAFE_INTEGER;
}

/** util.MoreImportantPod: higher priority, then earlier start. */
export function moreImportant(a: Pod, b: Pod): number {
  return b.spec.priority - a.spec.priority || startTime(a) - startTime(b);
}

/**
 * SelectVictimsOnNode (on copies of the node and the state): remove every
 * pod of strictly lower priority; if the pod then fits, add them back one by
 * one from the most important, keeping each that still lets the pod fit.
 * The rest are the victims, most important first.
 */
export function selectVictimsOnNode(
  state: CycleState,
  pod: Pod,
  nodeInfo: NodeInfo,
  context: PostFilterContext,
): { victims: Pod[]; status: Status | null } {
  const potential = [...nodeInfo.pods].filter((p) => p.spec.priority < pod.spec.priority);
  if (potential.length === 0) return { victims: [], status: NO_VICTIMS };
  for (const p of potential) {
    nodeInfo.removePod(p, podResources(p));
    context.removePod(state, pod, p, nodeInfo);
  }
  const status = context.runFilters(state, pod, nodeInfo);
  if (!isSuccess(status)) return { victims: [], status };
  potential.sort(moreImportant);
  const victims: Pod[] = [];
  for (const p of potential) {
    nodeInfo.addPod(p, podResources(p));
    context.addPod(state, pod, p, nodeInfo);
    if (isSuccess(context.runFilters(state, pod, nodeInfo))) continue;
    nodeInfo.removePod(p, podResources(p));
    context.removePod(state, pod, p, nodeInfo);
    victims.push(p);
  }
  return { victims, status: null };
}

/**
 * pickOneNodeForPreemption: the candidate with the fewest PDB violations,
 * then the lowest highest-victim priority, the smallest sum of priorities
 * (each + 2^31), the fewest victims, the latest earliest start among the
 * highest-priority victims; then the first.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  const criteria: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -(c.victims[0]?.spec.priority ?? 0),
    (c) => -c.victims.reduce((sum, p) => sum + p.spec.priority + MAX_INT32 + 1, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c),
  ];
  let remaining = [...candidates];
  for (const score of criteria) {
    let max = -Infinity;
    let selected: Candidate[] = [];
    for (const c of remaining) {
      const s = score(c);
      if (s > max) {
        max = s;
        selected = [];
      }
      if (s === max) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    remaining = selected;
  }
  return remaining[0];
}

/** GetEarliestPodStartTime over the victims of the highest priority. */
function earliestStartOfTopVictims(c: Candidate): number {
  const top = c.victims[0]?.spec.priority;
  let earliest = Number.MAX_SAFE_INTEGER;
  for (const p of c.victims) if (p.spec.priority === top) earliest = Math.min(earliest, startTime(p));
  return earliest;
}
