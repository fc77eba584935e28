import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../src/sweep/shard.js';

describe('sharding the run list', () => {
  it('round robin: every run in exactly one shard', () => {
    const owners = Array.from({ length: 10 }, (_, i) => [0, 1, 2].filter((s) => inShard(i, { index: s, count: 3 })));
    expect(owners).toEqual([[0], [1], [2], [0], [1], [2], [0], [1], [2], [0]]);
  });

  it.each([
    [undefined, undefined, {}, { index: 0, count: 1 }],
    ['1/3', undefined, {}, { index: 1, count: 3 }],
    ['auto', 4, { JOB_COMPLETION_INDEX: '2' }, { index: 2, count: 4 }],
    ['auto', undefined, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '3' }, { index: 1, count: 3 }],
    ['auto', undefined, { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '2' }, { index: 2, count: 3 }],
  ])('--shard %s --shards %s with %j', (text, shards, env, expected) => {
    expect(parseShard(text, shards, env)).toEqual(expected);
  });

  it.each([
    ['3/3', undefined, {}, 'I must be from 0 to N-1'],
    ['1-3', undefined, {}, '--shard takes I/N'],
    ['auto', undefined, { JOB_COMPLETION_INDEX: '0' }, 'needs --shards N'],
    ['auto', 2, { JOB_COMPLETION_INDEX: '2' }, 'is not below --shards 2'],
    ['auto', undefined, {}, 'neither JOB_COMPLETION_INDEX'],
    [undefined, 3, {}, '--shards needs --shard auto'],
    ['0/2', 2, {}, '--shards goes with --shard auto'],
  ])('--shard %s --shards %s with %j: %s', (text, shards, env, message) => {
    expect(parseShard(text, shards, env)).toContain(message);
  });
});
