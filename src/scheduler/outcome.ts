import { appended, type Cluster } from '../api/cluster.js';
import type { Millis } from '../model/meta.js';
import type { Pod } from '../model/pod.js';
import { truncateMessage } from './fit-error.js';

/** The PodScheduled=False reasons (v1.PodReasonUnschedulable, v1.PodReasonSchedulerError). */
export type FailureReason = 'Unschedulable' | 'SchedulerError';

/** The binding cycle's event once the Binding succeeded; returns its message. */
export function recordScheduled(cluster: Cluster, pod: Pod, nodeName: string): string {
  const { namespace, name } = pod.metadata;
  const message = `Successfully assigned ${namespace}/${name} to ${nodeName}`;
  cluster.recordEvent({
    type: 'Normal',
    reason: 'Scheduled',
    kind: 'Pod',
    namespace,
    name,
    node: nodeName,
    message,
  });
  return message;
}

/**
 * handleSchedulingFailure's writes: a FailedScheduling event for every attempt
 * (the API would aggregate repeats; podsim's trace counts attempts from them),
 * then PodScheduled=False with the untruncated message, written only when it
 * changes (podutil.UpdatePodCondition). Returns the event's message.
 */
export function recordFailedScheduling(
  cluster: Cluster,
  pod: Pod,
  reason: FailureReason,
  message: string,
  now: Millis,
  /** status.nominatedNodeName changed in this attempt: the status is written even if the condition is not. */
  nominationChanged = false,
): string {
  const { namespace, name } = pod.metadata;
  const eventMessage = truncateMessage(message);
  cluster.recordEvent({
    type: 'Warning',
    reason: 'FailedScheduling',
    kind: 'Pod',
    namespace,
    name,
    node: '',
    message: eventMessage,
  });
  const conditions = pod.status.conditions;
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  const old = i >= 0 ? conditions[i] : undefined;
  if (old && old.status === 'False' && old.reason === reason && old.message === message) {
    if (nominationChanged) cluster.updatePodStatus(pod, pod.status.phase, reason);
    return eventMessage;
  }
  const lastTransitionTime = old && old.status === 'False' ? old.lastTransitionTime : now;
  const next = { type: 'PodScheduled' as const, status: 'False' as const, reason, message, lastTransitionTime };
  if (i >= 0) conditions[i] = next;
  // A new array of just this length (as setCondition).
  else pod.status.conditions = appended(conditions, next);
  cluster.updatePodStatus(pod, pod.status.phase, reason);
  return eventMessage;
}
