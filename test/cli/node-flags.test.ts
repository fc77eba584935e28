import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../src/cli/node-flags.js';
import { BIN, ROOT, tempDir } from './run-cli.js';

describe('the V8 flags podsim runs under', () => {
  it('bin.ts passes NODE_FLAGS to node in its #! line (env -S), and the build keeps the line', () => {
    const expected = `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`;
    expect(fs.readFileSync(path.join(ROOT, 'src/cli/bin.ts'), 'utf8').split('\n')[0]).toBe(expected);
    expect(fs.readFileSync(BIN, 'utf8').split('\n')[0]).toBe(expected);
  });

  it('the command runs through its #! line, and node gets the flags', () => {
    // Executed directly, as npm's bin link runs it (--version: the cheapest command).
    expect(spawnSync(BIN, ['--version'], { encoding: 'utf8' }).status).toBe(0);
    // A script under the same #! line reports what node was started with.
    const dir = tempDir();
    const script = path.join(dir, 'flags.mjs');
    const shebang = fs.readFileSync(BIN, 'utf8').split('\n')[0] as string;
    fs.writeFileSync(script, `${shebang}\nconsole.log(process.execArgv.join(' '));\n`, { mode: 0o755 });
    expect(spawnSync(script, [], { encoding: 'utf8' }).stdout.trim()).toBe(NODE_FLAGS.join(' '));
  });
});
