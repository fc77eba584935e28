/** This process's share of the run list: shard `index` of `count` (0-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

/** Whether run `i` of the list is this shard's: round robin, so each shard gets every grid point's share of seeds. */
export function inShard(runIndex: number, shard: Shard): boolean {
  return runIndex % shard.count === shard.index;
}

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^[0-9]+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/**
 * `--shard I/N` (0 <= I < N), or `auto`: a Kubernetes Indexed Job's
 * JOB_COMPLETION_INDEX with `--shards N` (the Job's completions), else a
 * Slurm array's SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (the index
 * counted from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP).
 * Returns the shard or the message of a usage error.
 */
export function parseShard(text: string | undefined, shards: number | undefined, env: Readonly<Record<string, string | undefined>>): Shard | string {
  if (text === undefined) return shards === undefined ? WHOLE : '--shards needs --shard auto';
  if (text === 'auto') return autoShard(shards, env);
  if (shards !== undefined) return '--shards goes with --shard auto (--shard I/N says N itself)';
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text.trim());
  if (m === null) return `--shard takes I/N (0-based: 0/3, 1/3, 2/3) or auto, not ${JSON.stringify(text)}`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) return `--shard ${text}: I must be from 0 to N-1`;
  return { index, count };
}

function autoShard(shards: number | undefined, env: Readonly<Record<string, string | undefined>>): Shard | string {
  const k8s = wholeNumber(env.JOB_COMPLETION_INDEX);
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    if (k8s === undefined) return `--shard auto: JOB_COMPLETION_INDEX is not a whole number: ${JSON.stringify(env.JOB_COMPLETION_INDEX)}`;
    if (shards === undefined) return '--shard auto in an Indexed Job needs --shards N (the Job\'s completions)';
    if (k8s >= shards) return `--shard auto: JOB_COMPLETION_INDEX ${k8s} is not below --shards ${shards}`;
    return { index: k8s, count: shards };
  }
  const id = wholeNumber(env.SLURM_ARRAY_TASK_ID);
  if (id !== undefined) {
    const count = shards ?? wholeNumber(env.SLURM_ARRAY_TASK_COUNT);
    if (count === undefined || count < 1) return '--shard auto in a Slurm array needs SLURM_ARRAY_TASK_COUNT or --shards N';
    const min = wholeNumber(env.SLURM_ARRAY_TASK_MIN) ?? 0;
    const step = wholeNumber(env.SLURM_ARRAY_TASK_STEP) ?? 1;
    const index = (id - min) / (step || 1);
    if (!Number.isInteger(index) || index < 0 || index >= count) return `--shard auto: Slurm task ${id} (min ${min}, step ${step}) is not one of ${count} shards`;
    return { index, count };
  }
  return '--shard auto: neither JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (a Slurm array) is set';
}
