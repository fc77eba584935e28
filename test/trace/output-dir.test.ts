import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputDir, OutputError } from '../../src/io/trace/output-dir.js';
import { tempDir } from './world.js';

function siblings(parent: string): string[] {
  return readdirSync(parent).sort();
}

describe('OutputDir', () => {
  it('writes into a temp sibling and shows nothing under the final name until commit', () => {
    const parent = tempDir();
    const out = OutputDir.create(join(parent, 'run'), 't1');
    expect(out.path).toBe(join(parent, 'run.tmp-t1'));
    writeFileSync(out.file('a.csv'), 'x\n');
    expect(siblings(parent)).toEqual(['run.tmp-t1']);
    out.commit();
    expect(siblings(parent)).toEqual(['run']);
    expect(readFileSync(join(parent, 'run', 'a.csv'), 'utf8')).toBe('x\n');
  });

  it('replaces an existing results folder of that name, leaving no old copy behind', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'run', 'sub'), { recursive: true });
    writeFileSync(join(parent, 'run', 'run.json'), '{}\n');
    writeFileSync(join(parent, 'run', 'sub', 'stale.csv'), 'old\n');
    const out = OutputDir.create(join(parent, 'run'), 't1');
    writeFileSync(out.file('new.csv'), 'new\n');
    out.commit();
    expect(out.takeNotes()).toEqual([]);
    expect(siblings(parent)).toEqual(['run']);
    expect(readdirSync(join(parent, 'run'))).toEqual(['new.csv']);
  });

  it('replaces an empty folder', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'run'));
    const out = OutputDir.create(join(parent, 'run'), 't1');
    out.commit();
    expect(siblings(parent)).toEqual(['run']);
  });

  it('refuses to replace a folder that is not a podsim results folder (no run.json), touching nothing', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'work'));
    writeFileSync(join(parent, 'work', 'notes.txt'), 'mine\n');
    expect(() => OutputDir.create(join(parent, 'work'), 't1')).toThrow(/work: exists and is not a podsim results folder \(no run\.json\)/);
    expect(siblings(parent)).toEqual(['work']);
    expect(readdirSync(join(parent, 'work'))).toEqual(['notes.txt']);
  });

  it('removes the folders a killed run left (its pid no longer runs), naming each; leaves a running one\'s alone', () => {
    const parent = tempDir();
    const final = join(parent, 'run');
    const dead = 4_000_000_000; // above any pid_max
    for (const name of [`run.tmp-${dead}`, `run.old-${dead}`, `run.tmp-${process.pid}`, 'run.tmp-x', 'other.tmp-1']) {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, 'nodes.csv'), 'x\n');
    }
    const out = OutputDir.create(final, 't1');
    const notes = out.takeNotes();
    expect(notes).toEqual([
      `removed ${final}.old-${dead}/: the previous results of a podsim run (pid ${dead}) that was killed before it could clean up`,
      `removed ${final}.tmp-${dead}/: the unfinished output of a podsim run (pid ${dead}) that was killed before it could clean up`,
    ]);
    out.commit();
    expect(siblings(parent)).toEqual(['other.tmp-1', 'run', `run.tmp-${process.pid}`, 'run.tmp-x']);
  });

  it('removes the temp folder on abort and leaves an existing final folder untouched', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'run'));
    writeFileSync(join(parent, 'run', 'run.json'), '{}\n');
    writeFileSync(join(parent, 'run', 'keep.csv'), 'keep\n');
    const out = OutputDir.create(join(parent, 'run'), 't1');
    writeFileSync(out.file('half.csv'), 'half');
    out.abort();
    out.abort();
    expect(siblings(parent)).toEqual(['run']);
    expect(readdirSync(join(parent, 'run')).sort()).toEqual(['keep.csv', 'run.json']);
  });

  it('makes missing parents and clears a stale temp folder of the same tag', () => {
    const parent = tempDir();
    const final = join(parent, 'results', 'deep', 'run');
    mkdirSync(`${final}.tmp-t1`, { recursive: true });
    writeFileSync(join(`${final}.tmp-t1`, 'leftover.csv'), 'x');
    const out = OutputDir.create(final, 't1');
    expect(readdirSync(out.path)).toEqual([]);
    out.commit();
    expect(existsSync(final)).toBe(true);
  });

  it('is a no-op to abort after commit, and a bug to commit twice', () => {
    const parent = tempDir();
    const out = OutputDir.create(join(parent, 'run'), 't1');
    out.commit();
    out.abort();
    expect(siblings(parent)).toEqual(['run']);
    expect(() => out.commit()).toThrow(/already committed/);
  });

  it.each([
    ['the parent is a file', (p: string) => (writeFileSync(join(p, 'file'), ''), join(p, 'file', 'run')), /a parent is not a folder \(ENOTDIR\)/],
    ['the final name is a file', (p: string) => (writeFileSync(join(p, 'run'), ''), join(p, 'run')), /exists and is not a folder/],
  ])('refuses with OutputUnwritable when %s, creating nothing', (_, setup, reason) => {
    const parent = tempDir();
    const final = setup(parent);
    const before = siblings(parent);
    let error: unknown;
    try {
      OutputDir.create(final, 't1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    const err = error as OutputError;
    expect(err.code).toBe('OutputUnwritable');
    expect(err.message).toContain(final);
    expect(err.message).toMatch(reason);
    expect(siblings(parent)).toEqual(before);
  });
});
