import type { Cluster } from '../api/cluster.js';
import type { Engine } from '../engine/engine.js';
import type { RandomStreams } from '../engine/random.js';
import type { ControlPlaneConfig } from '../model/scenario.js';

/**
 * What every controller is built from: the API (the only place it reads and
 * writes cluster state), the clock it schedules its work on, the seeded
 * random streams, and the control plane's knobs (apiLatencyMs...).
 */
export interface ControllerContext {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly streams: RandomStreams;
  readonly config: ControlPlaneConfig;
  /** The wall-clock time simulated t=0 stands for (RFC 3339; CronJob schedules); DEFAULT_START_TIME when absent. */
  readonly startTime?: string;
}
