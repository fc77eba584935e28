import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFile, csvRow } from '../../src/io/trace/csv-file.js';
import { OutputError } from '../../src/io/trace/errors.js';
import { tempDir } from './world.js';

describe('CsvFile', () => {
  it('quotes per RFC 4180 and writes LF line ends, empty fields for none', () => {
    const path = join(tempDir(), 'x.csv');
    const f = new CsvFile(path, ['a', 'b', 'c']);
    f.write(['plain', undefined, '']);
    f.write(['with, comma', 'say "hi"', 'two\nlines']);
    f.write(['cr\rinside', ' spaced ', 'ünïcödé']);
    f.close();
    expect(readFileSync(path, 'utf8')).toBe(
      'a,b,c\nplain,,\n"with, comma","say ""hi""","two\nlines"\n"cr\rinside", spaced ,ünïcödé\n',
    );
  });

  it('writes every row exactly as csv-stringify does (LF records, CR quoted)', () => {
    const field = fc.option(fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\n', '\r', '=', '0', '') }), {
      nil: undefined,
    });
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 9 }), (row) => {
        expect(csvRow(row)).toBe(stringify([row], { record_delimiter: 'unix', quoted_match: /\r/ }));
      }),
      { numRuns: 2000 },
    );
  });

  it('streams in batches: a long file is complete after close', () => {
    const path = join(tempDir(), 'long.csv');
    const f = new CsvFile(path, ['i']);
    for (let i = 0; i < 5000; i++) f.write([String(i)]);
    expect(f.rows).toBe(5000);
    f.close();
    f.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.length).toBe(5002);
    expect(lines[5000]).toBe('4999');
  });

  it('reports a full disk as OutputUnwritable naming the file', () => {
    if (!existsSync('/dev/full')) return;
    const f = new CsvFile('/dev/full', ['a']);
    expect(() => f.close()).toThrow(OutputError);
    const g = new CsvFile('/dev/full', ['a']);
    expect(() => g.close()).toThrow(/cannot write \/dev\/full: no space left on device \(ENOSPC\)/);
  });

  it('reports a file that cannot be created as OutputUnwritable', () => {
    const path = join(tempDir(), 'missing', 'x.csv');
    expect(() => new CsvFile(path, ['a'])).toThrow(`cannot write ${path}: no such file or folder (ENOENT)`);
  });
});
