import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POD, SCENARIO, folderWith, run, tree } from './files.js';

/**
 * An --out podsim may not write or replace: a read-only file system, a
 * folder without write permission, an old results folder part of which the
 * user may not delete. The tests run as root on some machines, where
 * permissions do not bite: node:fs fails as the OS would for paths that
 * match, the real disk is untouched. Each case: one `error:` line naming the
 * path and the cause, exit 2, nothing under the final name but what was
 * there, and no `out.tmp-*` or `out.old-*` left.
 */
const fail = vi.hoisted(() => ({ mkdir: undefined as RegExp | undefined, access: undefined as RegExp | undefined, rm: undefined as RegExp | undefined, code: 'EACCES' }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const error = (syscall: string, p: string) => {
    const words: Record<string, string> = { EACCES: 'permission denied', EROFS: 'read-only file system' };
    return Object.assign(new Error(`${fail.code}: ${words[fail.code]}, ${syscall} '${p}'`), { code: fail.code, syscall, path: p });
  };
  const mkdirSync = ((p: fs.PathLike, ...rest: never[]) => {
    if (fail.mkdir?.test(String(p))) throw error('mkdir', String(p));
    return (real.mkdirSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof real.mkdirSync;
  const accessSync = ((p: fs.PathLike, mode?: number) => {
    if (fail.access?.test(String(p))) throw error('access', String(p));
    return real.accessSync(p, mode);
  }) as typeof real.accessSync;
  const rmSync = ((p: fs.PathLike, options?: fs.RmOptions) => {
    // Removing what is not there succeeds (force), as it would on the real disk.
    if (fail.rm?.test(String(p)) && real.existsSync(p)) throw error('rm', String(p));
    return real.rmSync(p, options);
  }) as typeof real.rmSync;
  const patched = { mkdirSync, accessSync, rmSync };
  return { ...real, ...patched, default: { ...real, ...patched } };
});

afterEach(() => {
  fail.mkdir = fail.access = fail.rm = undefined;
  fail.code = 'EACCES';
});

const S =
  SCENARIO(`  duration: 1m
  nodePools: [{name: w, count: 1, allocatable: {cpu: "1", memory: 1Gi}, images: [busybox:1.36]}]
`) + POD('web');

const PREVIOUS = { 'out/run.json': '{"previous": true}\n', 'out/locked/kept.csv': 'x\n' };

describe('an --out that cannot be written', () => {
  it.each([
    ['EROFS', 'read-only file system (EROFS)'],
    ['EACCES', 'permission denied (EACCES)'],
  ])('%s on the folder it is made in: one error line, exit 2, nothing created', async (code, words) => {
    const cwd = folderWith({ 's.yml': S, 'ro/keep': '' });
    fail.code = code;
    fail.mkdir = /\/ro\/out\.tmp-/;
    const r = await run(cwd, { scenario: 's.yml', out: 'ro/out' });
    expect(r.stderr).toBe(`error: cannot write ${path.join(cwd, 'ro/out')}: ${words}; nothing was written\n`);
    expect(r.code).toBe(2);
    expect(tree(cwd)).toEqual(['ro', 'ro/keep', 's.yml']);
  });

  it('an old results folder part of which cannot be removed: refused before the run, the old folder untouched, no out.old-* left', async () => {
    const cwd = folderWith({ 's.yml': S, ...PREVIOUS });
    fail.access = /\/out\/locked$/;
    const r = await run(cwd, { scenario: 's.yml', out: 'out' });
    expect(r.stderr).toBe(
      `error: cannot write ${path.join(cwd, 'out')}: the previous results cannot be replaced: ${path.join(cwd, 'out/locked')}: permission denied (EACCES); nothing was written\n`,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(tree(cwd)).toEqual(['out', 'out/locked', 'out/locked/kept.csv', 'out/run.json', 's.yml']);
    expect(fs.readFileSync(path.join(cwd, 'out/run.json'), 'utf8')).toBe(PREVIOUS['out/run.json']);
  });

  it('an old folder that still cannot be removed at the commit (past the check): the new results in place, no throw, the old one named in a warning', async () => {
    const cwd = folderWith({ 's.yml': S, ...PREVIOUS });
    fail.rm = /\/out\.old-test$/;
    const r = await run(cwd, { scenario: 's.yml', out: 'out' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: the previous results, moved aside to ${path.join(cwd, 'out.old-test')}/, could not all be removed (permission denied (EACCES)): remove it by hand\n`,
    );
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'out/run.json'), 'utf8')).status).toBe('complete');
  });

  it.skipIf(process.getuid?.() === 0)('with real permissions: an old results folder holding a folder the user may not empty', async () => {
    const cwd = folderWith({ 's.yml': S, ...PREVIOUS });
    fs.chmodSync(path.join(cwd, 'out/locked'), 0o555);
    try {
      const r = await run(cwd, { scenario: 's.yml', out: 'out' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the previous results cannot be replaced: .*out\/locked: permission denied \(EACCES\); nothing was written\n$/);
      expect(tree(cwd)).toEqual(['out', 'out/locked', 'out/locked/kept.csv', 'out/run.json', 's.yml']);
    } finally {
      fs.chmodSync(path.join(cwd, 'out/locked'), 0o755);
    }
  });

  it('a folder that is not a podsim results folder (--out .): refused, nothing touched', async () => {
    const cwd = folderWith({ 's.yml': S, 'work/notes.txt': 'mine\n' });
    const r = await run(path.join(cwd, 'work'), { scenario: '../s.yml', out: '.' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write \S+\/work: exists and is not a podsim results folder \(no run\.json\); .*nothing was written\n$/);
    expect(tree(cwd)).toEqual(['s.yml', 'work', 'work/notes.txt']);
  });
});
