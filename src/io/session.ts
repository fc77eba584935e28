import { createHash } from 'node:crypto';
import { type Diagnostic, PodsimIoError } from './diagnostics.js';
import { type FileSystem, type SourceFile, nodeFileSystem, unreadableMessage } from './fs.js';
import { type ReadDocument, readYamlDocuments } from './yaml/parse.js';
import type { Field } from './yaml/field.js';
import { UnmodelledFields } from './manifests/unmodelled.js';

/**
 * One load: the diagnostics found so far, the files read (each read, parsed
 * and hashed once, in first-read order) and what is reported only once per load.
 */
export class LoadSession {
  readonly diagnostics: Diagnostic[] = [];
  /** Unknown kinds already warned about. */
  readonly unknownKinds = new Set<string>();
  /** What the objects carry that podsim does not simulate, worded once per load by `finish`. */
  readonly unmodelled = new UnmodelledFields();
  private readonly hash = createHash('sha256');
  /** Paths read so far: true when readable. */
  private readonly files = new Map<string, boolean>();

  constructor(readonly fs: FileSystem = nodeFileSystem) {}

  /**
   * Reads `path` and yields its documents as they are parsed, each one's
   * syntax diagnostics added to the session's before it is yielded. Without
   * `from`, an unreadable file is reported at its own 1:1; with `from` (the
   * include or apply entry naming it), there. Undefined when unreadable. A
   * path is read once per load: read again, it yields nothing and reports
   * nothing (its documents went to the first reader).
   */
  readDocuments(path: string, from?: Field): Iterable<ReadDocument> | undefined {
    const known = this.files.get(path);
    if (known !== undefined) return known ? [] : undefined;
    const result = this.fs.read(path);
    if (!result.ok) {
      this.files.set(path, false);
      const message = unreadableMessage(result.reason, path);
      if (from) {
        const empty = result.reason === 'empty';
        from.report(empty ? 'warning' : 'error', 'include-missing', `${from.path}: ${message}`);
      } else {
        this.diagnostics.push(new PodsimIoError('file-unreadable', message, { file: path, line: 1, col: 1 }).toDiagnostic());
      }
      return undefined;
    }
    this.hash.update(result.file.bytes);
    this.files.set(path, true);
    return this.parse(result.file);
  }

  private *parse(file: SourceFile): Generator<ReadDocument> {
    for (const read of readYamlDocuments(file)) {
      for (const d of read.diagnostics) this.diagnostics.push(d);
      yield read;
    }
  }

  /** The diagnostics of the load, the once-per-load warnings added. Call once, at the end. */
  finish(): Diagnostic[] {
    for (const d of this.unmodelled.diagnostics()) this.diagnostics.push(d);
    return this.diagnostics;
  }

  /** sha256 (hex) over the bytes of every file read, in read order. */
  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}
