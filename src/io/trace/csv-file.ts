import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { textMemo } from '../../model/text-memo.js';
import { writing } from './errors.js';

/** LF line ends; a field with a CR is quoted too (RFC 4180), which csv-stringify does not do by itself for LF records. */
const OPTIONS = { record_delimiter: 'unix', quoted_match: /\r/ } as const;

/** A character that makes csv-stringify quote a field under OPTIONS. */
const NEEDS_QUOTES = /[,"\n\r]/;

/**
 * One row as CSV text with its LF: its fields joined by commas, each as
 * csv-stringify writes it under OPTIONS. A field that needs no quotes (nearly
 * every one) is itself; one that does is csv-stringify's text for it
 * (`quoted`). test/trace/csv-file.test.ts holds the rows to csv-stringify's
 * own on arbitrary input. Calling csv-stringify per batch checked every
 * field (~10 % of a whole simulation's CPU), and per row allocated its
 * options each time (~18 % of all bytes allocated).
 */
export function csvRow(row: readonly Field[]): string {
  let text = '';
  for (let i = 0; i < row.length; i++) {
    const f = row[i];
    if (i > 0) text += ',';
    if (f !== undefined) text += csvField(f);
  }
  return text + '\n';
}

/**
 * One field as csvRow writes it, for a row written as one template string
 * (the busiest files: no array of fields, no string per comma).
 */
export function csvField(f: string | undefined): string {
  return f === undefined ? '' : NEEDS_QUOTES.test(f) ? quoted(f) : f;
}

/** csv-stringify's text for a field that needs quotes, alone in its record; kept for the repeated ones (`Container image "x" already present on machine`). */
const quoted = textMemo((field) => stringify([[field]], OPTIONS).slice(0, -1));

/** A CSV field as the trace writes it: already formatted; `undefined` is the empty field ("none"). */
export type Field = string | undefined;

/** Rows buffered before one write: ~80 KiB per write for typical rows. */
const BATCH_ROWS = 1024;

/**
 * One CSV file written as the run goes: a header row, then rows, each quoted
 * per RFC 4180 by csv-stringify (a field with a comma, quote or line break is
 * quoted, quotes doubled), LF line ends, UTF-8. Memory is one batch of rows.
 * Every failure to write is an OutputError naming the file.
 */
export class CsvFile {
  private fd: number | undefined;
  /** Rows written since the last flush, as text (joined once at the flush: no string per concatenation). */
  private batch: string[] = [];
  private rowsWritten = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.fd = writing(path, () => openSync(path, 'w'));
    this.write([...header]);
  }

  /** Rows accepted so far, the header not counted. */
  get rows(): number {
    return this.rowsWritten - 1;
  }

  write(row: Field[]): void {
    this.writeText(csvRow(row));
  }

  /** A row already written as CSV text by `csvRow`. */
  writeText(line: string): void {
    this.batch.push(line);
    this.rowsWritten++;
    if (this.batch.length >= BATCH_ROWS) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0 || this.fd === undefined) return;
    const text = this.batch.join('');
    this.batch = [];
    const fd = this.fd;
    writing(this.path, () => writeAll(fd, text));
  }

  /** Writes what is buffered and closes the file; idempotent. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    const fd = this.fd;
    this.fd = undefined;
    writing(this.path, () => closeSync(fd));
  }

  /** Closes without writing the buffer (the run is being aborted); never throws. */
  discard(): void {
    if (this.fd === undefined) return;
    this.batch = [];
    try {
      closeSync(this.fd);
    } catch {
      // the folder is about to be removed
    }
    this.fd = undefined;
  }
}

/** writeSync may write less than asked (a full pipe, a signal): loop until all bytes are out. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}
