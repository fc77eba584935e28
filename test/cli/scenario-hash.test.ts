import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO, folderWith, run } from '../reliability/files.js';

const json = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

describe('scenario_sha256', () => {
  it('differs with a --set that changes the run, in run.json and summary.json alike', async () => {
    const cwd = folderWith({ 's.yml': SCENARIO('  duration: 10s\n  nodePools: [{name: w, count: 1}]\n') });
    expect((await run(cwd, { scenario: 's.yml', out: 'a' })).code).toBe(0);
    expect((await run(cwd, { scenario: 's.yml', out: 'b', set: ['nodePools.w.count=2'] })).code).toBe(0);
    expect((await run(cwd, { scenario: 's.yml', out: 'c', set: ['nodePools.w.count=2'] })).code).toBe(0);
    const [a, b, c] = ['a', 'b', 'c'].map((d) => json(path.join(cwd, d), 'run.json').scenario_sha256);
    expect(a).not.toBe(b);
    expect(b).toBe(c);
    for (const d of ['a', 'b']) expect(json(path.join(cwd, d), 'summary.json').scenario_sha256).toBe(json(path.join(cwd, d), 'run.json').scenario_sha256);
  });
});
