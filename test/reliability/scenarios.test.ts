import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { folderWith, run } from './files.js';

/**
 * Every ready-to-run scenario users copy from, run with the invariant checker
 * (`podsim run --check`): a new scenario is checked without anyone adding it here.
 */
const SCENARIOS = path.join(ROOT, 'scenarios');
const names = fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.yml')).sort();

describe('the scenarios under scenarios/ break no invariant', () => {
  it.each(names)('%s', async (name) => {
    const cwd = folderWith({});
    const r = await run(cwd, { scenario: path.join(SCENARIOS, name), out: 'out', check: true });
    expect(r.stderr).not.toMatch(/invariant violated/);
    expect(r.code).toBe(0);
  });
});
