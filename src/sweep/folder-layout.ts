/**
 * The names in a sweep folder, for the executor that writes it and for
 * those that read it (`podsim merge`, `podsim report`, --resume): plain
 * constants, so a reader does not load the executor (nor, through it, the
 * simulation) to find a file.
 *
 *   sweep.yml                      the Sweep document's copy (SWEEP_COPY)
 *   sweep.csv                      the table (SWEEP_CSV), or a shard's
 *   sweep-shard-I-of-N.csv         (shardCsv)
 *   <param>=<value>/seed=<s>/      one folder per run, _SUCCESS (DONE_MARKER) last
 */

/** The copy of the Sweep document each sweep folder keeps, for `podsim merge`. */
export const SWEEP_COPY = 'sweep.yml';

/** The table of a whole sweep (or of a merge). */
export const SWEEP_CSV = 'sweep.csv';

/** The table of shard `index` of `count`, which `podsim merge` joins into sweep.csv. */
export function shardCsv(index: number, count: number): string {
  return `sweep-shard-${index}-of-${count}.csv`;
}

/** The marker of a finished run folder (Hadoop's and Hive's name): written last, inside the folder renamed into place. */
export const DONE_MARKER = '_SUCCESS';
