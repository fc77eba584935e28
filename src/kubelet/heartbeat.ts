import type { Millis } from '../model/meta.js';

/*
 * A node's heartbeats (lease renewals) fall at creation + k x frequency
 * (spec/scenario.md §3). Nothing is scheduled for them: these functions say
 * where they fall. A heartbeat at the same instant as a fault applies first.
 */

/** The last heartbeat at or before `t` (a fault at `t` comes after the heartbeat at `t`). */
export function lastHeartbeatAtOrBefore(created: Millis, frequency: Millis, t: Millis): Millis {
  return created + Math.floor((t - created) / frequency) * frequency;
}

/** The first heartbeat strictly after `t` (a heal at a heartbeat's instant misses it). */
export function firstHeartbeatAfter(created: Millis, frequency: Millis, t: Millis): Millis {
  return lastHeartbeatAtOrBefore(created, frequency, t) + frequency;
}
