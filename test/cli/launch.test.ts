import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCHED_ENV, shouldRelaunch } from '../../src/cli/launch.js';
import { NODE_FLAGS } from '../../src/cli/node-flags.js';
import { CRASH_POD, LONG, folderWith, tree } from '../reliability/files.js';
import { BIN, podsim } from './run-cli.js';

const proc = (argv: string[], o: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}) => ({
  argv: ['node', 'bin.js', ...argv],
  execArgv: o.execArgv ?? [],
  execPath: 'node',
  env: o.env ?? {},
});

describe('shouldRelaunch', () => {
  it('relaunches the simulating commands, run and explain', () => {
    expect(shouldRelaunch(proc(['run', 's.yml']))).toBe(true);
    expect(shouldRelaunch(proc(['explain', 's.yml', '--pod', 'default/p']))).toBe(true);
  });

  it('runs validate, bench, --help and usage errors in place', () => {
    for (const argv of [['validate', 's.yml'], ['bench'], ['--help'], [], ['nonsense']]) expect(shouldRelaunch(proc(argv))).toBe(false);
  });

  it('never relaunches the child it started, nor over a flag the user chose', () => {
    expect(shouldRelaunch(proc(['run', 's.yml'], { env: { [LAUNCHED_ENV]: '123' } }))).toBe(false);
    expect(shouldRelaunch(proc(['run', 's.yml'], { execArgv: ['--max-semi-space-size=16'] }))).toBe(false);
    expect(shouldRelaunch(proc(['run', 's.yml'], { env: { NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=32' } }))).toBe(false);
    expect(shouldRelaunch(proc(['run', 's.yml'], { env: { NODE_OPTIONS: '--enable-source-maps' } }))).toBe(true);
  });
});

async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((r) => setTimeout(r, 20));
}

/** The command lines of `pid`'s child processes (Linux /proc). */
function childCommandLines(pid: number): string[] {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return children.map((c) => fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0').join(' '));
}

describe('podsim run under the young-generation flags', () => {
  it.skipIf(!fs.existsSync('/proc/self/task'))(
    'simulates in a node started with NODE_FLAGS, which stops at once and cleans up when the launching process is killed outright',
    async () => {
      const cwd = folderWith({ 's.yml': LONG, 'pod.yml': CRASH_POD });
      const child = spawn(process.execPath, [BIN, 'run', 's.yml', '--out', 'out'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
      child.stdout.resume();
      child.stderr.resume();
      const pid = child.pid ?? 0;
      // The temporary folder is named after the pid the user started, not the simulating child's.
      await until(() => fs.existsSync(path.join(cwd, `out.tmp-${pid}`, 'events.csv')));
      const lines = childCommandLines(pid);
      expect(lines).toHaveLength(1);
      for (const flag of NODE_FLAGS) expect(lines[0]).toContain(flag);
      const simulating = Number(fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim());
      child.kill('SIGKILL');
      await until(() => !fs.existsSync(`/proc/${simulating}/cmdline`) || fs.readFileSync(`/proc/${simulating}/stat`, 'utf8').includes(') Z'));
      expect(tree(cwd)).toEqual(['pod.yml', 's.yml']);
    },
  );

  it('validate runs in place and still exits with its own code', () => {
    const cwd = folderWith({ 's.yml': 'kind: [' });
    const r = podsim(['validate', 's.yml'], cwd);
    expect(r.code).toBe(1);
  });
});
