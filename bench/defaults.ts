/**
 * Unmeasured runs of each measurement when a suite is not given --warmup (0
 * with --quick): the figures are the steady state a long simulation runs
 * at, as benchmark harnesses for JIT runtimes warm up by default. A fresh
 * process's first runs still compile the hot path (--warmup 0 shows them).
 */
export const DEFAULT_WARMUP = 3;
