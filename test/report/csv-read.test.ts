import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvParser, readCsv } from '../../src/io/report/csv-read.js';
import { tempDir } from '../cli/run-cli.js';

function parse(text: string, chunk = text.length): string[][] {
  const p = new CsvParser();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk) p.feed(text.slice(i, i + chunk), (r) => out.push(r));
  p.end((r) => out.push(r));
  return out;
}

describe('CsvParser', () => {
  const text = 'a,b,c\n1,,"x, y"\n2,"say ""hi""","two\nlines"\n';
  const records = [['a', 'b', 'c'], ['1', '', 'x, y'], ['2', 'say "hi"', 'two\nlines']];

  it('reads quoted commas, doubled quotes and line ends inside quotes', () => {
    expect(parse(text)).toEqual(records);
  });

  it('gives the same records whatever the chunks (a quote pair split across two)', () => {
    for (const chunk of [1, 2, 3, 7]) expect(parse(text, chunk)).toEqual(records);
  });

  it('takes a last record without a line end, and CRLF line ends', () => {
    expect(parse('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('readCsv', () => {
  it('addresses fields by column name; an absent column reads as empty', () => {
    const file = path.join(tempDir(), 'x.csv');
    fs.writeFileSync(file, 'time_s,name\n1.500,"web-0"\n');
    const seen: string[] = [];
    readCsv(file, (r, header) => seen.push(`${r('time_s')}|${r('name')}|${r('nope')}|${header.join(' ')}`));
    expect(seen).toEqual(['1.500|web-0||time_s name']);
  });
});
