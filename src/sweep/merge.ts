import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tabulate, type SweepTable } from './aggregate.js';
import { SWEEP_COPY } from './folder-layout.js';
import type { PlannedRun } from './grid.js';
import { readRun, type RunResult } from './results.js';
import type { Sweep } from './sweep.js';

/**
 * The table of a sweep whose runs are spread over several folders (the
 * shards' `--out`, or one shared folder): each run is read from the first
 * folder holding it finished. The aggregates are recomputed from the runs,
 * so the merged table is the one an unsharded sweep writes.
 */
export function mergeTable(sweep: Sweep, dirs: readonly string[]): SweepTable {
  return tabulate(sweep, (run: PlannedRun): RunResult | undefined => {
    for (const d of dirs) {
      const r = readRun(join(d, run.id));
      if (r !== undefined) return r;
    }
    return undefined;
  });
}

/**
 * The folders' copies of the Sweep document (sweep.yml): the first, or why
 * they cannot be merged (none has one; two differ: they are not one sweep).
 */
export function sweepCopy(dirs: readonly string[]): { file: string } | { error: string } {
  let first: { file: string; text: string } | undefined;
  for (const d of dirs) {
    const file = join(d, SWEEP_COPY);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (first === undefined) first = { file, text };
    else if (text !== first.text) return { error: `${file} differs from ${first.file}: these folders hold different sweeps` };
  }
  if (first === undefined) return { error: `no ${SWEEP_COPY} in ${dirs.join(', ')}: not folders that podsim sweep wrote` };
  return { file: first.file };
}
