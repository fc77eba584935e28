import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writing } from './errors.js';
import { round3 } from './format.js';

export type RunStatus = 'complete' | 'interrupted' | 'incomplete';

/** What the caller measured; run-info reads no clock. */
export interface RunInfoInput {
  readonly podsimVersion: string;
  /** The command line as typed (argv after the node binary), or already joined. */
  readonly command: readonly string[] | string;
  readonly seed: number;
  readonly scenarioSha256: string;
  /** The scenario's files' sha256 (Scenario.filesSha256): the same for every run of a sweep made from the same files. */
  readonly scenarioFilesSha256?: string;
  /** Wall-clock seconds the run took (the CLI's monotonic clock). */
  readonly wallClockSeconds: number;
  /** Peak resident set size in bytes, measured by the caller. */
  readonly peakMemoryBytes: number;
  /** CPU seconds (user + system) the process used, measured by the caller. */
  readonly cpuSeconds: number;
  readonly eventsProcessed: number;
  readonly status: RunStatus;
  /** Why the run is interrupted or incomplete. */
  readonly reason?: string;
}

/** run.json, the one file that differs between two runs of the same scenario and seed. Keys in this order. */
export interface RunInfo {
  readonly podsim_version: string;
  readonly command: string;
  readonly seed: number;
  readonly scenario_sha256: string;
  readonly scenario_files_sha256?: string;
  readonly wall_clock_s: number;
  readonly cpu_s: number;
  readonly peak_memory_bytes: number;
  readonly events_processed: number;
  /** Simulation events per wall-clock second, whole; null when the wall time is 0. */
  readonly events_per_wall_s: number | null;
  readonly status: RunStatus;
  readonly reason?: string;
}

export function runInfo(input: RunInfoInput): RunInfo {
  const wall = input.wallClockSeconds;
  return {
    podsim_version: input.podsimVersion,
    command: typeof input.command === 'string' ? input.command : shellJoin(input.command),
    seed: input.seed,
    scenario_sha256: input.scenarioSha256,
    ...(input.scenarioFilesSha256 !== undefined ? { scenario_files_sha256: input.scenarioFilesSha256 } : {}),
    wall_clock_s: round3(wall),
    cpu_s: round3(input.cpuSeconds),
    peak_memory_bytes: input.peakMemoryBytes,
    events_processed: input.eventsProcessed,
    events_per_wall_s: wall > 0 ? Math.round(input.eventsProcessed / wall) : null,
    status: input.status,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  };
}

/** Writes `<dir>/run.json` (2-space indent, final newline). */
export function writeRunInfo(dir: string, input: RunInfoInput): RunInfo {
  const info = runInfo(input);
  const path = join(dir, 'run.json');
  writing(path, () => writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`));
  return info;
}

/** Arguments joined so a POSIX shell reads them back: anything unusual goes in single quotes. */
export function shellJoin(args: readonly string[]): string {
  return args.map((a) => (/^[\w./=:,@%+-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}
