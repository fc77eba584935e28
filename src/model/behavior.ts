import type { Distribution } from './distribution.js';

/**
 * What a container does once started (a podsim notion; Kubernetes has no
 * such field). Durations are in milliseconds.
 */
export interface ContainerBehavior {
  /** How long it runs before exiting; 'forever' never exits. */
  readonly run: 'forever' | Distribution;
  /** Exit code when it exits normally. */
  readonly exitCode: number;
  /** Probability in [0,1] that a run ends with `failExitCode` instead. */
  readonly failureProbability: number;
  readonly failExitCode: number;
}

export const RUN_FOREVER: ContainerBehavior = {
  run: 'forever',
  exitCode: 0,
  failureProbability: 0,
  failExitCode: 1,
};
