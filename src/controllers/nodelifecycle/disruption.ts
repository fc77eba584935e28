import type { Timer } from '../../engine/engine.js';
import type { Millis } from '../../model/meta.js';
import { LARGE_CLUSTER_SIZE_THRESHOLD, SECONDARY_NODE_EVICTION_RATE } from './constants.js';
import { RateLimitedTimedQueue } from './rate-limited-queue.js';
import { computeZoneState, type ZoneState } from './zones.js';

/** One zone: its node tallies, its state and its NoExecute tainting queue. */
export interface Zone {
  readonly key: string;
  /** Nodes counted (those not excluded from disruption checks). */
  size: number;
  /** Counted nodes whose Ready is not True. */
  notReady: number;
  state: ZoneState;
  readonly tainter: RateLimitedTimedQueue;
  /** The next tainting pass while the queue waits for a token. */
  retry: Timer | undefined;
}

/** What a monitor run's handleDisruption did to the cluster-wide mode. */
export type DisruptionChange = 'none' | 'enteredMasterDisruption' | 'exitedMasterDisruption';

/**
 * The zones of the node lifecycle controller and handleDisruption: after each
 * monitor run, each zone's state from its tallies sets its tainting rate
 * (Normal and FullDisruption: nodeEvictionRate; PartialDisruption:
 * secondary rate in zones above the large-cluster threshold, else 0). When
 * every zone is fully disrupted the controller stops all evictions ("master
 * disruption mode"). Zones are kept in the order they were first seen.
 */
export class Zones {
  private readonly zones = new Map<string, Zone>();

  constructor(private readonly evictionRate: number) {}

  /** The zone of `key`, created on first sight with a full token bucket. */
  zone(key: string): Zone {
    let z = this.zones.get(key);
    if (!z) {
      z = { key, size: 0, notReady: 0, state: 'Initial', tainter: new RateLimitedTimedQueue(this.evictionRate), retry: undefined };
      this.zones.set(key, z);
    }
    return z;
  }

  all(): IterableIterator<Zone> {
    return this.zones.values();
  }

  /** Adds (+1) or removes (-1) a counted node of Ready status `ready` (true when Ready=True). */
  count(key: string, ready: boolean, sign: 1 | -1): void {
    const z = this.zone(key);
    z.size += sign;
    if (!ready) z.notReady += sign;
  }

  /** handleDisruption: new zone states and limiters; reports a change of the cluster-wide mode. */
  handle(now: Millis): DisruptionChange {
    const present = [...this.zones.values()].filter((z) => z.size > 0);
    for (const z of this.zones.values()) if (z.size === 0) z.state = 'Initial';
    const next = new Map(present.map((z) => [z, computeZoneState(z.size, z.notReady)] as const));
    const allAre = [...next.values()].every((s) => s === 'FullDisruption');
    const allWas = present.every((z) => z.state === 'FullDisruption');
    if (allAre && allWas) return 'none';
    if (allAre) {
      for (const z of this.zones.values()) z.tainter.swapLimiter(0, now);
      for (const z of present) z.state = 'FullDisruption';
      return 'enteredMasterDisruption';
    }
    for (const [z, state] of next) {
      if (!allWas && z.state === state) continue;
      this.setLimiter(z, state, now);
      z.state = state;
    }
    return allWas ? 'exitedMasterDisruption' : 'none';
  }

  /** setLimiterInZone. */
  private setLimiter(z: Zone, state: ZoneState, now: Millis): void {
    if (state === 'PartialDisruption') {
      z.tainter.swapLimiter(z.size > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0, now);
    } else if (state === 'Normal' || state === 'FullDisruption') {
      z.tainter.swapLimiter(this.evictionRate, now);
    }
  }
}
