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

/**
 * A regular init container's behaviour when the scenario gives it none: it
 * exits 0 as soon as it has started. Real init containers wait for a service,
 * copy files or run migrations, a few seconds of work podsim cannot know;
 * completing at once keeps the cost Kubernetes imposes (the image, the
 * container start, one init container after another) without inventing a
 * duration.
 */
export const COMPLETES_AT_START: ContainerBehavior = {
  run: { kind: 'constant', value: 0 },
  exitCode: 0,
  failureProbability: 0,
  failExitCode: 1,
};
