import { closeSync, openSync, readSync } from 'node:fs';

/** One CSV record, addressed by column name (an absent column reads as ''). */
export type CsvRow = (column: string) => string;

const CHUNK = 1 << 20;

/**
 * The records of a CSV file as podsim writes it (RFC 4180: a header row,
 * fields quoted when they hold a comma, quote or line end, quotes doubled),
 * read in 1 MiB chunks so that a trace of any size streams through in
 * constant memory. Calls `visit` once per record after the header, in file
 * order, with the header's names. Throws the fs error when the file cannot be read.
 */
export function readCsv(file: string, visit: (row: CsvRow, header: string[]) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    const decoder = new TextDecoder('utf-8');
    const parser = new CsvParser();
    let header: Map<string, number> | undefined;
    let names: string[] = [];
    const onRecord = (fields: string[]): void => {
      if (header === undefined) {
        header = new Map(fields.map((f, i) => [f, i]));
        names = fields;
        return;
      }
      const index = header;
      visit((column) => {
        const i = index.get(column);
        return i === undefined ? '' : (fields[i] ?? '');
      }, names);
    };
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      parser.feed(decoder.decode(buffer.subarray(0, n), { stream: true }), onRecord);
    }
    parser.end(onRecord);
  } finally {
    closeSync(fd);
  }
}

/** An incremental RFC 4180 parser: text in, records out; a record may span chunks. */
export class CsvParser {
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  /** Inside quotes, a quote was just seen: either the closing one or the first of a doubled pair. */
  private quoteSeen = false;
  private fieldStarted = false;

  feed(text: string, onRecord: (fields: string[]) => void): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false; // the quote closed the field: read c as outside
        } else if (c === '"') {
          this.quoteSeen = true;
          continue;
        } else {
          this.field += c;
          continue;
        }
      }
      if (c === '"' && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
      } else if (c === ',') this.endField();
      else if (c === '\n') this.endRecord(onRecord);
      else if (c !== '\r') {
        this.field += c;
        this.fieldStarted = true;
      }
    }
  }

  /** The last record when the text does not end with a line end. */
  end(onRecord: (fields: string[]) => void): void {
    if (this.quoteSeen) this.quoted = false;
    if (this.fieldStarted || this.fields.length > 0) this.endRecord(onRecord);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }

  private endRecord(onRecord: (fields: string[]) => void): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    onRecord(fields);
  }
}
