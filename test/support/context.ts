import type { CommandContext } from '../../src/cli/io.js';

/** A command context for in-process CLI calls: captured output, fixed clock, no signals. */
export function testContext(cwd: string): CommandContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd,
    argv: ['podsim', 'test'],
    wallClock: () => 0,
    peakMemoryBytes: () => 0,
    cpuSeconds: () => 0,
    runTag: 'test',
    onInterrupt: () => () => {},
  };
}
