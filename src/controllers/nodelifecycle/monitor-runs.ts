import type { Engine } from '../../engine/engine.js';
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

/**
 * The monitor runs some node is due at. A run is one engine event at its
 * instant that defers itself once (engine.schedule(0)), so that it comes after
 * everything already scheduled for that instant: heartbeats and faults apply
 * before the monitor. Cost: one run per distinct instant, not per node.
 */
export class MonitorRuns {
  private readonly due = new Map<Millis, Set<string>>();

  constructor(
    private readonly engine: Engine,
    private readonly run: (at: Millis, names: ReadonlySet<string>) => void,
  ) {}

  /** `name` is due at the run at `at` (a run already over at this instant gets a new one). */
  visit(name: string, at: Millis): void {
    const pending = this.due.get(at);
    if (pending) {
      pending.add(name);
      return;
    }
    const names = new Set([name]);
    this.due.set(at, names);
    this.engine.at(at, () =>
      this.engine.schedule(0, () => {
        this.due.delete(at);
        this.run(at, names);
      }),
    );
  }
}
