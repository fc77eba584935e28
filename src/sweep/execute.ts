import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writing } from '../io/trace/errors.js';
import { shellJoin } from '../io/trace/run-info.js';
import type { Override } from '../io/scenario/overrides.js';
import { writeFileWhole } from '../io/write-whole.js';
import { tabulate, type SweepTable } from './aggregate.js';
import { SWEEP_COPY, SWEEP_CSV, shardCsv } from './folder-layout.js';
import { planRuns, type GridPoint, type PlannedRun } from './grid.js';
import { runOverrides, runScenarioHasher } from './plan.js';
import type { RunPool } from './pool.js';
import { isDone, readRun, runScenarioHash } from './results.js';
import type { RunOutcome, RunRequest } from './run-one.js';
import { bisect } from './search.js';
import { inShard, type Shard } from './shard.js';
import type { Sweep } from './sweep.js';
import { sweepCsv } from './sweep-csv.js';

export interface ExecuteOptions {
  /** The sweep folder, absolute: `results/<sweep>/` by default. */
  readonly out: string;
  readonly shard: Shard;
  /** Skip runs whose folder is finished. */
  readonly resume: boolean;
  /** Bisect this parameter instead of running the whole grid. */
  readonly search?: string;
  readonly pool: RunPool;
  /** The temporary folders' tag (the process id). */
  readonly tag: string;
  /** Hears every run that ends (progress). */
  readonly onDone: (o: RunOutcome) => void;
}

export interface ExecuteResult {
  readonly table: SweepTable;
  /** Runs that failed (input changed since the check, unwritable folder, a crash), with why. */
  readonly failures: readonly RunOutcome[];
  /** Runs skipped because their folder was finished (--resume). */
  readonly skipped: number;
  /**
   * Finished runs (--resume) made from the scenario as it was, not as it is
   * now (run.json's scenario_sha256 is not the one the run would have: a
   * file it reads was edited, or an override's wording changed): run again,
   * their folders replaced.
   */
  readonly rerun: number;
  /** The search's verdicts (--search). */
  readonly found?: readonly { group: string; found?: GridPoint }[];
  /** The file written: sweep.csv, or a shard's sweep-shard-I-of-N.csv. */
  readonly csvFile: string;
}

/** The `podsim run` command that makes the same run, for its run.json. */
function runCommandLine(sweep: Sweep, overrides: readonly Override[], out: string): string[] {
  const sets = overrides.flatMap((o) => (typeof o === 'string' ? ['--set', o] : o.flag === '--seed' ? ['--seed', o.value] : ['--set', `${o.path}=${o.value}`]));
  return ['podsim', 'run', sweep.scenario, ...sets, '--out', out];
}

export function runRequest(sweep: Sweep, run: PlannedRun, out: string, tag: string): RunRequest {
  const overrides = runOverrides(sweep, run);
  const dir = join(out, run.id);
  return { id: run.id, scenario: sweep.scenario, overrides, out: dir, tag, command: shellJoin(runCommandLine(sweep, overrides, dir)) };
}

/**
 * Runs a sweep's share of runs (its shard; with `resume`, those not yet
 * finished from the scenario as it is now; with `search`, the probes of a
 * bisection) on the pool, then
 * reads every run of the list back from the sweep folder and writes the
 * table: sweep.csv, or sweep-shard-I-of-N.csv for a shard (`podsim merge`
 * joins them). The Sweep document is copied beside it first.
 */
export async function executeSweep(sweep: Sweep, o: ExecuteOptions): Promise<ExecuteResult> {
  const { out, shard, pool, tag } = o;
  writing(out, () => mkdirSync(out, { recursive: true }));
  writeFileWhole(join(out, SWEEP_COPY), readFileSync(sweep.file), tag);
  const runs = planRuns(sweep);
  const failures: RunOutcome[] = [];
  let skipped = 0;
  let rerun = 0;
  // Finished runs of another scenario not yet replaced (their rerun failed or was interrupted): not read into the table.
  const stale = new Set<string>();
  const expectedSha256 = runScenarioHasher(sweep);
  const execute = async (list: readonly PlannedRun[]) => {
    const todo = list.filter((r) => {
      const dir = join(out, r.id);
      if (!o.resume || !isDone(dir)) return true;
      // A run kept only when both hashes are known and equal: a run.json without one, or a scenario that no longer loads, runs again.
      const kept = runScenarioHash(dir);
      if (kept === undefined || kept !== expectedSha256(r)) {
        rerun++;
        stale.add(r.id);
        return true;
      }
      skipped++;
      return false;
    });
    const outcomes = await pool.runAll(todo.map((r) => runRequest(sweep, r, out, tag)), o.onDone);
    for (const oc of outcomes) {
      if (oc === undefined) continue;
      if (oc.status === 'failed') failures.push(oc);
      if (oc.status === 'complete' || oc.status === 'incomplete') stale.delete(oc.id);
    }
  };
  const results = (r: PlannedRun) => (stale.has(r.id) ? undefined : readRun(join(out, r.id)));
  let found: { group: string; found?: GridPoint }[] | undefined;
  /** Search: the grid points probed, and whether they met the SLOs. */
  const probed = new Map<number, boolean>();
  if (o.search !== undefined) {
    found = await bisect(sweep, o.search, async (point) => {
      const known = probed.get(point.index);
      if (known !== undefined) return known;
      const mine = runs.filter((r) => r.point.index === point.index);
      await execute(mine);
      const one = tabulate(sweep, (r) => (r.point.index === point.index ? results(r) : undefined));
      const row = one.points[point.index];
      const ok = row !== undefined && row.n === sweep.seeds.length && row.allShare === 1;
      probed.set(point.index, ok);
      return ok && pool.interrupted === undefined;
    });
  } else {
    await execute(runs.filter((r) => inShard(r.index, shard)));
  }
  const whole = shard.count === 1;
  // Only this sweep's runs: its shard's, or the points a search probed (the folder may hold others from before).
  const mine = (r: PlannedRun) => (o.search !== undefined ? probed.has(r.point.index) : whole || inShard(r.index, shard));
  const table = tabulate(sweep, (r) => (mine(r) ? results(r) : undefined));
  const csvFile = whole ? SWEEP_CSV : shardCsv(shard.index, shard.count);
  writeFileWhole(join(out, csvFile), sweepCsv(sweep, table), tag);
  return { table, failures, skipped, rerun, csvFile, ...(found !== undefined ? { found } : {}) };
}
