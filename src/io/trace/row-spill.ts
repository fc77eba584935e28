import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { writing } from './errors.js';

/** Bytes of appended text kept in memory before one write. */
const WRITE_BYTES = 1 << 16;
/** Bytes read at once when a row is asked for: rows are mostly read back near each other. */
const READ_BYTES = 1 << 16;
/** A handle is `offset * LENGTH_SPAN + length`: rows up to 1 MiB, files up to 8 TiB within 2^53. */
const LENGTH_SPAN = 1 << 20;

/**
 * Text set aside on disk until it is wanted, so that memory does not grow
 * with what waits: `append` returns a handle (a number), `read` gives the text
 * back, in any order and as often as asked. The file is created on the first
 * append and removed by `close`, so a run that never appends leaves nothing.
 * Every failure is an OutputError naming the file.
 */
export class RowSpill {
  private fd: number | undefined;
  /** Bytes in the file plus bytes still in `pending`. */
  private size = 0;
  /** Bytes already in the file. */
  private flushed = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The bytes of the file from `windowStart`, `windowBytes` of them valid. */
  private window = Buffer.alloc(0);
  private windowStart = 0;
  private windowBytes = 0;

  constructor(readonly path: string) {}

  append(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length >= LENGTH_SPAN) throw new Error(`RowSpill: a row of ${bytes.length} bytes`);
    const handle = this.size * LENGTH_SPAN + bytes.length;
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BYTES) this.flush();
    return handle;
  }

  read(handle: number): string {
    const length = handle % LENGTH_SPAN;
    const offset = (handle - length) / LENGTH_SPAN;
    if (offset + length > this.flushed) this.flush();
    const start = offset - this.windowStart;
    if (start < 0 || start + length > this.windowBytes) {
      const size = Math.min(Math.max(READ_BYTES, length), this.flushed - offset);
      if (this.window.length < size) this.window = Buffer.alloc(Math.max(size, READ_BYTES));
      const fd = this.fd as number;
      const window = this.window;
      let got = 0;
      while (got < size) got += writing(this.path, () => readSync(fd, window, got, size - got, offset + got));
      this.windowStart = offset;
      this.windowBytes = size;
      return window.toString('utf8', 0, length);
    }
    return this.window.toString('utf8', start, start + length);
  }

  /** Removes the file; idempotent, never throws (what was set aside is no longer wanted). */
  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
      unlinkSync(this.path);
    } catch {
      // the folder it lives in is removed with the run's temporary output
    }
    this.fd = undefined;
    this.pending = [];
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    if (this.fd === undefined) this.fd = writing(this.path, () => openSync(this.path, 'w+'));
    const fd = this.fd;
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    let off = 0;
    while (off < bytes.length) off += writing(this.path, () => writeSync(fd, bytes, off, bytes.length - off, this.flushed + off));
    this.flushed += bytes.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
