import path from 'node:path';

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
   * Registers what to do on SIGINT: `handler` on the first; on a second,
   * `abandon` (synchronous cleanup) and then the process ends with 130.
   * Returns an unregister function.
   */
  readonly onInterrupt: (handler: () => void, abandon?: () => void) => () => void;
}

/** Exit codes of cli.md. */
export const EXIT = { ok: 0, problems: 1, usage: 2, interrupted: 130 } as const;

/** A path as the user would write it: relative to the working folder when inside it. */
export function displayPath(cwd: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
