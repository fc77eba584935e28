import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/io/trace/errors.js';
import { writeFileWhole } from '../../src/io/write-whole.js';
import { listTree, tempDir } from '../cli/run-cli.js';

/** What writeFileWhole threw, or undefined. */
function thrown(op: () => void): unknown {
  try {
    op();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('writeFileWhole', () => {
  it('puts the whole text in place, replacing the file there, and leaves no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sweep.csv');
    fs.writeFileSync(file, 'old\n');
    writeFileWhole(file, 'new\n', '42');
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    writeFileWhole(path.join(dir, 'sweep.yml'), Buffer.from('kind: Sweep\n'), '42');
    expect(listTree(dir)).toEqual(['sweep.csv', 'sweep.yml']);
  });

  it('a rename that fails (a folder is where the file goes) removes the temporary file and throws an OutputError naming the file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.html');
    fs.mkdirSync(path.join(file, 'inside'), { recursive: true });
    const e = thrown(() => writeFileWhole(file, '<html></html>', '42'));
    expect(e).toBeInstanceOf(OutputError);
    expect((e as OutputError).path).toBe(file);
    expect((e as OutputError).message).toMatch(new RegExp(`^cannot write ${file}: `));
    // The written temporary file was there until the rename failed.
    expect(listTree(dir)).toEqual(['report.html', 'report.html/inside']);
  });

  it('a write under a missing folder throws an OutputError naming the file, and creates nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'missing', 'sweep.csv');
    const e = thrown(() => writeFileWhole(file, 'x\n', '42'));
    expect(e).toBeInstanceOf(OutputError);
    expect((e as OutputError).message).toBe(`cannot write ${file}: no such file or folder (ENOENT)`);
    expect(listTree(dir)).toEqual([]);
  });
});
