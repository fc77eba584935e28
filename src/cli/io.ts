import path from 'node:path';
import type { StopSignal } from '../sim/run-loop.js';

/** What a command needs from the process, injected so commands run in-process in tests. */
export interface CommandContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** The command line as typed, for run.json. */
  readonly argv: readonly string[];
  /** Wall-clock seconds (monotonic); only run.json's figures use it. */
  readonly wallClock: () => number;
  /** Peak resident memory of the process so far, in bytes (run.json). */
  readonly peakMemoryBytes: () => number;
  /** CPU seconds (user + system) the process has used so far (run.json). */
  readonly cpuSeconds: () => number;
  /** Distinguishes concurrent runs' temporary folders. */
  readonly runTag: string;
  /**
   * Registers what to do on SIGINT or SIGTERM: `handler` on the first (stop
   * at the next event boundary and write what there is); on a second,
   * `abandon` (synchronous cleanup: remove the temporary folder) and then
   * the process ends at once with 130 or 143. Returns an unregister function.
   */
  readonly onInterrupt: (handler: (signal: StopSignal) => void, abandon?: () => void) => () => void;
  /** Colour the tables: stdout is a terminal and NO_COLOR is unset or empty (no-color.org). */
  readonly colour?: boolean;
  /** Draw progress on stderr: it is a terminal. */
  readonly progress?: boolean;
}

/**
 * Exit codes (cli.md, and `podsim --help`): 0 done; 1 problems found; 2 bad
 * usage, invalid input or unwritable output; 130 interrupted by SIGINT, 143
 * by SIGTERM (128 + the signal's number, as a shell reports a process a
 * signal ended); 141 stdout closed early (`| head`), as if ended by SIGPIPE.
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, interrupted: 130, brokenPipe: 141, terminated: 143 } as const;

/** The exit code of a run a signal stopped. */
export function signalExit(signal: StopSignal): number {
  return signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}

/** A path as the user would write it: relative to the working folder when inside it. */
export function displayPath(cwd: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
