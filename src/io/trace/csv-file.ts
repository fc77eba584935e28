import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { writing } from './errors.js';

/** LF line ends; a field with a CR is quoted too (RFC 4180), which csv-stringify does not do by itself for LF records. */
const OPTIONS_CR = { record_delimiter: 'unix', quoted_match: /\r/ } as const;
/**
 * The same for a batch without a CR anywhere, the usual one: csv-stringify
 * tests quoted_match against every field, which made a batch about 8 times
 * slower to write (a node micro-benchmark: 24 ms against 3 ms per 1,024 event rows).
 */
const OPTIONS = { record_delimiter: 'unix' } as const;

function hasCR(rows: readonly Field[][]): boolean {
  for (const row of rows) for (const f of row) if (f !== undefined && f.includes('\r')) return true;
  return false;
}

/** A CSV field as the trace writes it: already formatted; `undefined` is the empty field ("none"). */
export type Field = string | undefined;

/**
 * Rows buffered before one csv-stringify call and one write. bench/trace.bench.ts:
 * a sync `stringify` per batch is ~2x faster than one per row or the stream
 * API (~300k rows/s against 100-200k on Node 20); ~80 KiB per write for
 * typical rows.
 */
const BATCH_ROWS = 1024;

/**
 * One CSV file written as the run goes: a header row, then rows, each quoted
 * per RFC 4180 by csv-stringify (a field with a comma, quote or line break is
 * quoted, quotes doubled), LF line ends, UTF-8. Memory is one batch of rows.
 * Every failure to write is an OutputError naming the file.
 */
export class CsvFile {
  private fd: number | undefined;
  private batch: Field[][] = [];
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
    this.batch.push(row);
    this.rowsWritten++;
    if (this.batch.length >= BATCH_ROWS) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0 || this.fd === undefined) return;
    const text = stringify(this.batch, hasCR(this.batch) ? OPTIONS_CR : OPTIONS);
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
