import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../cli/run-cli.js';
import { folderWith, tree } from './files.js';

/**
 * A standard output that goes away (`podsim ... | head`, `| true`) or cannot
 * be written (`> /dev/full`): podsim ends quietly with 141 for the first (as
 * a tool ended by SIGPIPE), with one error line and 2 for the second; never a
 * stack trace. Whatever was already written (a results folder) stays.
 */
async function podsimInto(args: readonly string[], cwd: string, stdout: 'closed' | number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', stdout === 'closed' ? 'pipe' : stdout, 'pipe'] });
  // The reader goes away before podsim writes anything: its first write fails with EPIPE.
  if (stdout === 'closed') child.stdout?.destroy();
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, stderr };
}

const CRASHLOOP = path.join(ROOT, 'scenarios/crashloop.yml');

describe('a standard output closed early', () => {
  it('validate: exit 141, nothing on stderr', async () => {
    const r = await podsimInto(['validate', CRASHLOOP], folderWith({}), 'closed');
    expect(r).toEqual({ code: 141, stderr: '' });
  });

  it('run: exit 141, nothing on stderr, the results folder written whole', async () => {
    const cwd = folderWith({});
    const r = await podsimInto(['run', CRASHLOOP, '--out', 'out'], cwd, 'closed');
    expect(r).toEqual({ code: 141, stderr: '' });
    expect(tree(cwd)).toEqual(['out', ...['events.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.json', 'transitions.csv', 'workloads.csv'].map((f) => `out/${f}`)]);
  });
});

describe.skipIf(!fs.existsSync('/dev/full'))('a standard output on a full disk (/dev/full)', () => {
  it('validate: exit 2, one error line naming the cause', async () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const r = await podsimInto(['validate', CRASHLOOP], folderWith({}), fd);
      expect(r).toEqual({ code: 2, stderr: 'error: cannot write the standard output: no space left on device (ENOSPC)\n' });
    } finally {
      fs.closeSync(fd);
    }
  });
});
