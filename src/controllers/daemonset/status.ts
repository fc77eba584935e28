import { isPodAvailable, isPodReady } from '../../model/podutil.js';
import type { DaemonSetStatus } from '../../model/workloads.js';
import { shouldRun } from './eligibility.js';
import type { DaemonSetView } from './manage.js';
import { byCreationTimestampAndPhase, isPodUpdated } from './node-pods.js';

/** The status of a DaemonSet nobody has synced yet. */
export function emptyDaemonSetStatus(): DaemonSetStatus {
  return {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
    updatedNumberScheduled: 0,
    observedGeneration: 0,
  };
}

/**
 * updateDaemonSetStatus's counts, from scratch: over the nodes that should
 * run the daemon, those with a pod (current), whose oldest pod is ready,
 * available (ready for minReadySeconds) and of the current hash; and the
 * nodes holding a pod they should not (misscheduled).
 */
export function calculateStatus(view: DaemonSetView, observedGeneration: number): DaemonSetStatus {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of view.nodes) {
    const pods = view.podsByNode.get(node.name) ?? [];
    if (!shouldRun(view.eligibility.get(node.name) ?? 'none')) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    const pod = pods.length > 1 ? [...pods].sort(byCreationTimestampAndPhase)[0] : pods[0];
    if (!pod) continue;
    current++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, view.ds.spec.minReadySeconds, view.now)) available++;
    }
    if (isPodUpdated(pod, view.hash)) updated++;
  }
  return {
    desiredNumberScheduled: desired,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    numberAvailable: available,
    numberUnavailable: desired - available,
    updatedNumberScheduled: updated,
    observedGeneration,
  };
}

/** storeDaemonSetStatus's early return: every count equal and the generation already observed. */
export function statusUnchanged(old: DaemonSetStatus, next: DaemonSetStatus, generation: number): boolean {
  return (
    old.desiredNumberScheduled === next.desiredNumberScheduled &&
    old.currentNumberScheduled === next.currentNumberScheduled &&
    old.numberMisscheduled === next.numberMisscheduled &&
    old.numberReady === next.numberReady &&
    old.updatedNumberScheduled === next.updatedNumberScheduled &&
    old.numberAvailable === next.numberAvailable &&
    old.numberUnavailable === next.numberUnavailable &&
    old.observedGeneration >= generation
  );
}
