import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POD, SCENARIO, folderWith, run, tree } from './files.js';

/**
 * A disk that fills up: node:fs as the trace writers see it, failing with
 * ENOSPC once `budget` bytes are written (the real disk is untouched). Every
 * failure must end in a clear message, exit 2, and no folder under the final
 * name: neither a half-written one nor a damaged previous one.
 */
const disk = vi.hoisted(() => ({ budget: Infinity, written: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
  const spend = (n: number) => {
    if (disk.written + n > disk.budget) throw full();
    disk.written += n;
  };
  const writeSync = ((fd: number, buffer: Uint8Array | string, ...rest: never[]) => {
    spend(typeof buffer === 'string' ? Buffer.byteLength(buffer) : buffer.length);
    return (real.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
  }) as typeof real.writeSync;
  const writeFileSync = ((file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, ...rest: never[]) => {
    spend(typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength);
    return (real.writeFileSync as (...a: unknown[]) => void)(file, data, ...rest);
  }) as typeof real.writeFileSync;
  return { ...real, default: { ...real, writeSync, writeFileSync }, writeSync, writeFileSync };
});

afterEach(() => {
  disk.budget = Infinity;
  disk.written = 0;
});

const SCENARIO_TEXT =
  SCENARIO(`  duration: 10m
  nodePools: [{name: w, count: 3, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]
  behaviors: [{match: {labels: {app: crash}}, run: {duration: 3s, exitCode: 1}}]
`) + POD('crash');

/** How many bytes a whole run writes (the budget for the cases below). */
async function fullRunBytes(): Promise<number> {
  const cwd = folderWith({ 's.yml': SCENARIO_TEXT });
  disk.written = 0;
  expect((await run(cwd, { scenario: 's.yml', out: 'out' })).code).toBe(0);
  return disk.written;
}

describe('a full disk', () => {
  it.each([
    ['while the CSV files stream', 0.05],
    ['when the last CSV rows are flushed', 0.6],
    ['when summary.json or run.json is written', 0.995],
  ])('%s: exit 2, a clear message, nothing under the final name', async (_, fraction) => {
    const total = await fullRunBytes();
    const cwd = folderWith({ 's.yml': SCENARIO_TEXT });
    disk.written = 0;
    disk.budget = Math.floor(total * fraction);
    const r = await run(cwd, { scenario: 's.yml', out: 'out' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write .*out\.tmp-test\/\S+: no space left on device \(ENOSPC\); nothing was written\n$/);
    expect(r.stdout).toBe('');
    expect(tree(cwd)).toEqual(['s.yml']);
  });

  it('leaves the previous run in place, untouched', async () => {
    const total = await fullRunBytes();
    const cwd = folderWith({ 's.yml': SCENARIO_TEXT, 'out/pods.csv': 'previous\n', 'out/run.json': '{}\n' });
    disk.written = 0;
    disk.budget = Math.floor(total / 2);
    const r = await run(cwd, { scenario: 's.yml', out: 'out' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write .*: no space left on device \(ENOSPC\); nothing was written\n$/);
    expect(tree(cwd)).toEqual(['out', 'out/pods.csv', 'out/run.json', 's.yml']);
    expect(fs.readFileSync(path.join(cwd, 'out/pods.csv'), 'utf8')).toBe('previous\n');
  });
});

describe('an unwritable --out', () => {
  it.each([
    ['its parent is a file', (cwd: string) => (fs.writeFileSync(path.join(cwd, 'file'), ''), 'file/out'), /a parent is not a folder \(ENOTDIR\)/],
    ['it is a file', (cwd: string) => (fs.writeFileSync(path.join(cwd, 'out'), 'x'), 'out'), /exists and is not a folder/],
  ])('%s: exit 2 before simulating, a clear message, nothing created', async (_, setup, reason) => {
    const cwd = folderWith({ 's.yml': SCENARIO_TEXT });
    const out = setup(cwd);
    const before = tree(cwd);
    const r = await run(cwd, { scenario: 's.yml', out });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: cannot write \\S*${out}: ${reason.source}; nothing was written\\n$`));
    expect(tree(cwd)).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)('a folder without write permission: exit 2, nothing created', async () => {
    const cwd = folderWith({ 's.yml': SCENARIO_TEXT });
    fs.mkdirSync(path.join(cwd, 'locked'), { mode: 0o555 });
    const r = await run(cwd, { scenario: 's.yml', out: 'locked/out' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/permission denied \(EACCES\); nothing was written/);
    expect(tree(path.join(cwd, 'locked'))).toEqual([]);
  });
});
