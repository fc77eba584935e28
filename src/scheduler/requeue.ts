import { isWildCard, matchesEvent, type ClusterEvent, type EventObjects, type HintRegistration } from './events.js';
import type { QueuedPodInfo } from './queued-pod.js';

/** How an event sends an unschedulable pod back (queueingStrategy). */
export type Strategy = 'skip' | 'afterBackoff' | 'immediately';

/** An event seen while a pod was in flight, replayed when the pod comes back. */
export interface RecordedEvent {
  readonly event: ClusterEvent;
  readonly objects: EventObjects;
}

/**
 * isPodWorthRequeuing: only the hints of the plugins that rejected the pod
 * count. A Queue from a Pending plugin means immediately; from an
 * Unschedulable one, after backoff; all QueueSkip means stay. A pod no plugin
 * rejected (its attempt errored) and wildcard events always go after backoff.
 */
export function worthRequeuing(
  info: QueuedPodInfo,
  event: ClusterEvent,
  objects: EventObjects,
  hints: readonly HintRegistration[],
): Strategy {
  const { unschedulablePlugins: rejected, pendingPlugins: pending } = info;
  if (rejected.size === 0 && pending.size === 0) return 'afterBackoff';
  if (isWildCard(event)) return 'afterBackoff';
  let strategy: Strategy = 'skip';
  for (const { plugin, registration } of hints) {
    if (!matchesEvent(registration.event, event)) continue;
    if (!rejected.has(plugin) && !pending.has(plugin)) continue;
    const hint = registration.hint ? registration.hint(info.pod, objects) : 'Queue';
    if (hint === 'QueueSkip') continue;
    if (pending.has(plugin)) return 'immediately';
    if (pending.size === 0) return 'afterBackoff';
    strategy = 'afterBackoff';
  }
  return strategy;
}

/** determineSchedulingHintForInFlightPod: the strongest strategy any replayed event gives. */
export function hintForInFlight(
  info: QueuedPodInfo,
  events: readonly RecordedEvent[],
  hints: readonly HintRegistration[],
): Strategy {
  if (info.unschedulablePlugins.size === 0 && info.pendingPlugins.size === 0) return 'afterBackoff';
  let strategy: Strategy = 'skip';
  for (const { event, objects } of events) {
    const s = worthRequeuing(info, event, objects, hints);
    if (s === 'immediately') return s;
    if (s === 'afterBackoff') {
      strategy = s;
      if (info.pendingPlugins.size === 0) return s;
    }
  }
  return strategy;
}
