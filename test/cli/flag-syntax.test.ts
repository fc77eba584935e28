import { describe, expect, it } from 'vitest';
import { REPEATABLE, SWITCHES, VALUE_FLAGS, flagSyntaxProblem } from '../../src/cli/flag-syntax.js';
import { folderWith, tree } from '../reliability/files.js';
import { podsim } from './run-cli.js';

describe('flagSyntaxProblem: the command line before yargs reads it', () => {
  it.each([
    [['run', 's.yml', '--seed', '1', '--seed', '2'], '--seed is given more than once: give it once'],
    [['run', 's.yml', '--out', 'a', '--out=b'], '--out is given more than once: give it once'],
    [['run', 's.yml', '--out', 'ox', '--out='], '--out is given more than once: give it once'],
    [['run', 's.yml', '--duration', '1h', '--duration', '2h'], '--duration is given more than once: give it once'],
    [['run', '--max-events', '5', '--max-events', '6', 's.yml'], '--max-events is given more than once: give it once'],
    [['run', '-f', 'a.yml', '--filename', 'b.yml'], '-f (--filename) is given more than once: give it once'],
    [['run', 's.yml', '-o', 'json', '--output', 'yaml'], '-o (--output) is given more than once: give it once'],
    [['explain', 's.yml', 'p', '--at', '1m', '--at', '2m'], '--at is given more than once: give it once'],
    [['sweep', 'w.yml', '--jobs', '1', '--jobs', '2'], '--jobs is given more than once: give it once'],
    [['run', 's.yml', '--duration', '-5s'], "--duration needs a value; a value that starts with '-' is written --duration=-5s"],
    [['run', 's.yml', '--set'], '--set needs a value'],
    [['run', 's.yml', '--set', '--check'], "--set needs a value; a value that starts with '-' is written --set=--check"],
    [['run', 's.yml', '--seed'], '--seed needs a value'],
    [['run', 's.yml', '--check=maybe'], '--check is a switch: give it alone (or =true, =false), not =maybe'],
    [['sweep', 'w.yml', '--resume=1'], '--resume is a switch: give it alone (or =true, =false), not =1'],
    [['run', 's.yml', '--no-seed'], '--no-seed: --seed takes a value; it has no --no-seed form'],
    [['validate', 's.yml', '--no-set'], '--no-set: --set takes a value; it has no --no-set form'],
    [['explain', 's.yml', 'web-0', '--no-n'], '--no-n: -n takes a value; it has no --no-n form'],
    [['run', 's.yml', '--maxEvents'], '--maxEvents needs a value'],
    [['run', 's.yml', '--maxEvents', '5', '--max-events', '6'], '--maxEvents (--max-events) is given more than once: give it once'],
  ])('%j', (args, message) => {
    expect(flagSyntaxProblem(args)).toBe(message);
  });

  it.each([
    [['run', 's.yml', '--seed', '-1']],
    [['run', 's.yml', '--seed', '-.5']], // yargs' negative number: a value (refused later, at --seed)
    [['run', 's.yml', '--no-check', '--no-report']],
    [['run', 's.yml', '--maxEvents', '5']],
    [['run', 's.yml', '--set', 'a=1', '--set', 'b=2', '--check=true', '--report=false']],
    [['validate', '-f', 'a.yml', '-f', 'b.yml', '--filename', 'c.yml']],
    [['bench', '--suite', 'e2e', '--suite', 'sweep', '--only', 'SchedulingBasic', '--only', 'SchedulingPodAffinity']],
    [['merge', 'a', 'b', 'c', '--out', 'x']],
    [['run', 's.yml', '--duration=-5s']], // a value, refused later by the duration parser, at --duration
    [['run', 's.yml', '--', '--seed', '1', '--seed', '2']],
  ])('%j passes', (args) => {
    expect(flagSyntaxProblem(args)).toBeUndefined();
  });
});

describe('every flag of every command is known to flag-syntax.ts', () => {
  it.each(['run', 'explain', 'validate', 'sweep', 'merge', 'bench', 'report'])('podsim %s --help', (command) => {
    const r = podsim([command, '--help'], folderWith({}));
    expect(r.code).toBe(0);
    const flags = [...r.stdout.matchAll(/^\s+(?:-(\w), )?--([\w-]+)/gm)].flatMap((m) => (m[1] ? [m[1], m[2]!] : [m[2]!]));
    expect(flags).toEqual(expect.arrayContaining(['help', 'version']));
    for (const f of flags) expect([...VALUE_FLAGS, ...SWITCHES], `--${f}`).toContain(f);
    for (const f of REPEATABLE) expect(VALUE_FLAGS).toContain(f);
  });
});

describe('podsim as a user runs it', () => {
  it.each([
    [['run', 's.yml', '--seed', '1', '--seed', '2'], '--seed is given more than once'],
    [['run', 's.yml', '--duration', '-5s'], '--duration needs a value'],
    [['validate', 's.yml', '--set'], '--set needs a value'],
    [['run', 's.yml', '--check=maybe'], '--check is a switch'],
  ])('%j: one error line naming the flag, exit 2, nothing written', (args, message) => {
    const cwd = folderWith({ 's.yml': 'kind: Scenario\n' });
    const r = podsim(args, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${message}${r.stderr.slice(7 + message.length)}`);
    expect(r.stderr).toMatch(/^error: .* \(podsim --help lists the commands and flags\)\n$/);
    expect(r.stdout).toBe('');
    expect(tree(cwd)).toEqual(['s.yml']);
  });
});
