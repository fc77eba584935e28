/** What a command needs from the process, injected so commands run in-process in tests. */
export interface CommandContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** The command line as typed, for run.json. */
  readonly argv: readonly string[];
  /** Wall-clock seconds (monotonic); only run.json's figures use it. */
  readonly wallClock: () => number;
  /** Registers what to do on SIGINT; returns an unregister function. */
  readonly onInterrupt: (handler: () => void) => () => void;
}

/** Exit codes of cli.md. */
export const EXIT = { ok: 0, problems: 1, usage: 2, interrupted: 130 } as const;
