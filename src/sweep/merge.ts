import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tabulate, type SweepTable } from './aggregate.js';
import { SWEEP_COPY } from './folder-layout.js';
import type { PlannedRun } from './grid.js';
import { readRun, type RunResult } from './results.js';
import type { Sweep } from './sweep.js';

/** A merge's table, or why its runs are not one sweep's. */
export type Merged = { readonly table: SweepTable } | { readonly error: string };

/**
 * The table of a sweep whose runs are spread over several folders (the
 * shards' `--out`, or one shared folder): each run is read from the first
 * folder holding it finished. The aggregates are recomputed from the runs,
 * so the merged table is the one an unsharded sweep writes. Runs made from
 * different scenario files (a shard run after the scenario was edited) are
 * not one sweep's: an error naming them, by the files' hash each run.json
 * records (runs from before it was recorded are not checked).
 */
export function mergeTable(sweep: Sweep, dirs: readonly string[]): Merged {
  const byFiles = new Map<string, string[]>();
  const table = tabulate(sweep, (run: PlannedRun): RunResult | undefined => {
    for (const d of dirs) {
      const r = readRun(join(d, run.id));
      if (r === undefined) continue;
      if (r.filesSha256 !== undefined) {
        const ids = byFiles.get(r.filesSha256);
        if (ids === undefined) byFiles.set(r.filesSha256, [run.id]);
        else ids.push(run.id);
      }
      return r;
    }
    return undefined;
  });
  if (byFiles.size <= 1) return { table };
  const groups = [...byFiles].map(([hash, ids]) => `${ids.length} from files ${hash.slice(0, 12)} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', ...' : ''})`);
  return {
    error:
      `the runs were made from different scenario files (run.json's scenario_files_sha256): ${groups.join('; ')}. ` +
      'Rerun the stale ones from the scenario as it is now (podsim sweep --resume in their folder), or remove them',
  };
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
