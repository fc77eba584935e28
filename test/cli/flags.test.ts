import { describe, expect, it } from 'vitest';
import { SCENARIO, folderWith, run, tree } from '../reliability/files.js';
import { podsim } from './run-cli.js';

/** Every flag's mistake is one `error` line that names the flag, exit 2, nothing written. */
const S = SCENARIO(`  duration: 1m
  nodePools: [{name: w, count: 1, allocatable: {cpu: "1", memory: 1Gi}}]
`);

describe('a bad flag value, reported against the flag (in-process)', () => {
  it.each([
    [{ seed: 'abc' }, '--seed:1:1: error: spec.seed: Invalid value: "abc": must be an integer\n'],
    [{ seed: '' }, '--seed:1:1: error: --seed needs a value\n'],
    [{ duration: '5x' }, '--duration:1:1: error: spec.duration: Invalid value: "5x": time: unknown unit "x" in duration "5x"\n'],
    [{ duration: '0s' }, '--duration:1:1: error: spec.duration: Invalid value: "0s": must be greater than zero\n'],
    [{ out: '' }, 'error: --out needs a folder name\n'],
  ])('%o', async (flags, stderr) => {
    const cwd = folderWith({ 's.yml': S });
    const r = await run(cwd, { scenario: 's.yml', ...flags });
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(2);
    expect(tree(cwd)).toEqual(['s.yml']);
  });

  it('--set still reports at --set', async () => {
    const cwd = folderWith({ 's.yml': S });
    const r = await run(cwd, { scenario: 's.yml', set: ['seed=abc'] });
    expect(r.stderr).toBe('--set:1:6: error: spec.seed: Invalid value: "abc": must be an integer\n');
  });
});

describe('flags the command line refuses (podsim as a user runs it)', () => {
  it.each([
    [['run', 's.yml', '--seed'], /^error: --seed needs a value /],
    [['run', 's.yml', '--max-events', 'abc'], /^error: --max-events takes a whole number above 0 /],
    [['run', 's.yml', '--max-events', '2.5'], /^error: --max-events takes a whole number above 0, not 2\.5 /],
    [['explain', 's.yml', '--pod', 'default/p', '--format', 'xml'], /^error: Invalid values: --format: Given: "xml", Choices: "text", "json" /],
    [['bench', '--reps', 'abc'], /^error: --reps takes a whole number above 0 /],
  ])('%j', (args, message) => {
    const cwd = folderWith({ 's.yml': S });
    const r = podsim(args, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(2); // one line
    expect(r.stdout).toBe('');
    expect(tree(cwd)).toEqual(['s.yml']);
  });

  it('podsim --help lists the exit codes', () => {
    const r = podsim(['--help'], folderWith({}));
    expect(r.code).toBe(0);
    for (const code of ['0', '1', '2', '129', '130', '141', '143']) expect(r.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });
});
