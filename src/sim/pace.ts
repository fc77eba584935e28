/**
 * When a run lets the process breathe. JavaScript runs a signal handler (or
 * reads a message from the launching process) only when the synchronous work
 * in progress returns to the event loop, so a run that never returned could
 * not be interrupted. The run loop asks `due()` every few steps and awaits
 * `pause()` when it says so.
 *
 * Pacing decides only when the loop yields, never what happens: the same
 * events fire in the same order whether or how often it yields, so a wall
 * clock may drive it without making the simulation depend on one.
 */
export interface Pace {
  due(): boolean;
  pause(): Promise<void>;
}

/** Yield once `budgetS` seconds of `wallClock` (monotonic seconds) have passed since the last yield: 50 ms by default. */
export function wallTimePace(wallClock: () => number, budgetS = 0.05): Pace {
  let last = wallClock();
  return {
    due: () => wallClock() - last >= budgetS,
    pause: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          last = wallClock();
          resolve();
        }),
      ),
  };
}
