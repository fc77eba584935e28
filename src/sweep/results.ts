import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dipsOf } from './dips.js';
import type { RunData } from './evaluate.js';
import { DONE_MARKER } from './folder-layout.js';

/** A finished run's folder as the sweep reads it back. */
export interface RunResult {
  /** run.json's status: `complete` or `incomplete`. */
  readonly status: string;
  readonly data: RunData;
  /** run.json's scenario_files_sha256: the scenario files it was made from (absent in folders written before it was recorded). */
  readonly filesSha256?: string;
}

/** A finished run's folder whose files cannot be read as podsim wrote them (edited, truncated, unreadable). */
export class RunFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFolderError';
  }
}

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    throw new RunFolderError(`${join(dir, file)}: ${e instanceof Error ? e.message : String(e)} (a finished run's file: rerun it, or remove its folder)`);
  }
}

/**
 * Reads a run folder: undefined unless it is finished (its done marker is
 * there: the folder was renamed into place whole). workloads.csv is read
 * if there (a folder written before it existed has no dips).
 */
export function readRun(dir: string): RunResult | undefined {
  if (!existsSync(join(dir, DONE_MARKER))) return undefined;
  const summary: unknown = readJson(dir, 'summary.json');
  const info = readJson(dir, 'run.json') as { status?: unknown; scenario_files_sha256?: unknown };
  const end = typeof summary === 'object' && summary !== null ? (summary as { duration_s?: unknown }).duration_s : undefined;
  const series = join(dir, 'workloads.csv');
  const dips = existsSync(series) ? dipsOf(readFileSync(series, 'utf8'), typeof end === 'number' ? end : 0) : [];
  const status = typeof info.status === 'string' ? info.status : 'complete';
  const files = info.scenario_files_sha256;
  return { status, data: { summary, dips }, ...(typeof files === 'string' ? { filesSha256: files } : {}) };
}

/** Whether a run folder is finished (--resume skips it). */
export function isDone(dir: string): boolean {
  return existsSync(join(dir, DONE_MARKER));
}

/** A finished run folder's scenario_sha256 (run.json): what it was made from; undefined when run.json has none. */
export function runScenarioHash(dir: string): string | undefined {
  const info = readJson(dir, 'run.json') as { scenario_sha256?: unknown };
  return typeof info.scenario_sha256 === 'string' ? info.scenario_sha256 : undefined;
}
