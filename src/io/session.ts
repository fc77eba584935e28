import { createHash } from 'node:crypto';
import { type Diagnostic, PodsimIoError } from './diagnostics.js';
import { type FileSystem, nodeFileSystem, unreadableMessage } from './fs.js';
import { type ParsedFile, parseYamlFile } from './yaml/parse.js';
import type { Field } from './yaml/field.js';
import { UnmodelledFields } from './manifests/unmodelled.js';

/**
 * One load: the diagnostics found so far, the files read (each read and hashed
 * once, in first-read order) and what is reported only once per load.
 */
export class LoadSession {
  readonly diagnostics: Diagnostic[] = [];
  /** Unknown kinds already warned about. */
  readonly unknownKinds = new Set<string>();
  /** What the objects carry that podsim does not simulate, worded once per load by `finish`. */
  readonly unmodelled = new UnmodelledFields();
  private readonly hash = createHash('sha256');
  private readonly files = new Map<string, ParsedFile | undefined>();

  constructor(readonly fs: FileSystem = nodeFileSystem) {}

  /**
   * Reads and parses `path`. Without `from`, an unreadable file is reported at
   * its own 1:1; with `from` (the include or apply entry naming it), there.
   * Undefined when unreadable; the same ParsedFile when read before.
   */
  readFile(path: string, from?: Field): ParsedFile | undefined {
    if (this.files.has(path)) return this.files.get(path);
    const result = this.fs.read(path);
    if (!result.ok) {
      this.files.set(path, undefined);
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
    const parsed = parseYamlFile(result.file);
    this.diagnostics.push(...parsed.diagnostics);
    this.files.set(path, parsed);
    return parsed;
  }

  /** The diagnostics of the load, the once-per-load warnings added. Call once, at the end. */
  finish(): Diagnostic[] {
    this.diagnostics.push(...this.unmodelled.diagnostics());
    return this.diagnostics;
  }

  /** sha256 (hex) over the bytes of every file read, in read order. */
  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}
