import type { Pod } from '../../model/pod.js';

/**
 * The SchedulingGates PreEnqueue plugin (pkg/scheduler/framework/plugins/
 * schedulinggates): a pod with scheduling gates is held out of activeQ (the
 * queue's `gated` place) and never attempted, so it gets no FailedScheduling
 * event; removing the last gate (an update, UpdatePodSchedulingGatesEliminated)
 * moves it to activeQ at once, keeping the timestamp it was first queued with.
 */
export function schedulingGated(pod: Pod): boolean {
  const gates = pod.spec.schedulingGates;
  return gates !== undefined && gates.length > 0;
}
