import type { Millis } from '../../model/meta.js';

/*
 * The node monitor (monitorNodeHealth) runs at t = 0, P, 2P... with P =
 * nodeMonitorPeriod. These say which run sees what; nothing runs unless a
 * node needs it.
 */

/** The first run at or after `t` (a run at the instant of a heartbeat sees it: heartbeats apply first). */
export function runAtOrAfter(t: Millis, period: Millis): Millis {
  return Math.ceil(t / period) * period;
}

/** The first run strictly after `t`. */
export function runAfter(t: Millis, period: Millis): Millis {
  return Math.floor(t / period) * period + period;
}

/**
 * probeTimestamp: the controller stamps a lease renewal with the time of the
 * run that first sees it, so a node whose last heartbeat was at `t` was last
 * probed at the first run at or after `t`.
 */
export function probeOf(lastHeartbeat: Millis, period: Millis): Millis {
  return runAtOrAfter(lastHeartbeat, period);
}

/** tryUpdateNodeHealth marks the node Unknown at the first run with now > probe + grace. */
export function unknownRun(probe: Millis, period: Millis, grace: Millis): Millis {
  return runAfter(probe + grace, period);
}
