import { createHash } from 'node:crypto';
import { type Diagnostic, PodsimIoError } from './diagnostics.js';
import { type FileSystem, type SourceFile, nodeFileSystem, unreadableMessage } from './fs.js';
import { type ObjectDocument, documentObjects } from './documents.js';
import { type ReadDocument, type YamlDocument, readYamlDocuments } from './yaml/parse.js';
import type { Field } from './yaml/field.js';
import { UnmodelledFields } from './manifests/unmodelled.js';
import { DEFAULT_FIELD_VALIDATION, type FieldValidation } from './fields/field-validation.js';

/**
 * The most Kubernetes objects one scenario may hold: documents and List
 * items, in every file it reads (includes, apply files). Ten times what a
 * Kubernetes cluster may hold at its scalability limits (150,000 pods,
 * 5,000 nodes); at about 1.5 KB of heap and 60 µs per object, a file at the
 * limit takes a minute and more than a gigabyte to load.
 */
export const MAX_OBJECTS = 1_000_000;

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
  /** What unknown fields do: the Scenario's spec.fieldValidation, set once it is read (before any object converts). */
  fieldValidation: FieldValidation = DEFAULT_FIELD_VALIDATION;
  private readonly hash = createHash('sha256');
  /** Paths read so far: true when readable. */
  private readonly files = new Map<string, boolean>();
  private objectCount = 0;
  private overLimit = false;

  constructor(
    readonly fs: FileSystem = nodeFileSystem,
    private readonly maxObjects = MAX_OBJECTS,
  ) {}

  /**
   * The objects of `document`, counted against the scenario's limit. The
   * first object past it is reported (an error at its position) and nothing
   * more is read: the callers stop reading documents once `full`.
   */
  objectsOf(document: YamlDocument): ObjectDocument[] {
    if (this.overLimit) return [];
    const room = this.maxObjects - this.objectCount;
    const objects = documentObjects(document, this.diagnostics, room);
    if (objects.length <= room) {
      this.objectCount += objects.length;
      return objects;
    }
    this.overLimit = true;
    this.objectCount = this.maxObjects;
    const { file, line, col } = objects[room]!.source;
    const message = `too many objects: podsim reads at most ${this.maxObjects.toLocaleString('en-US')} Kubernetes objects per scenario (documents and List items, in all the files it reads); this is one more, and nothing after it is read`;
    this.diagnostics.push({ severity: 'error', file, line, col, path: '', code: 'limit-exceeded', message });
    return objects.slice(0, room);
  }

  /** True once the objects limit was crossed: read no more documents. */
  get full(): boolean {
    return this.overLimit;
  }

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

  /** The sha256 (hex) over the bytes of every file read so far, in read order: the scenario's files, whatever the overrides. */
  filesSha256(): string {
    return this.hash.copy().digest('hex');
  }

  /**
   * The scenario's sha256 (hex): over the bytes of every file read, in read
   * order; with `overrides` (the --set arguments, --seed and --duration
   * among them), over that hash and the overrides as given, in order, so that
   * a run changed on the command line has a hash of its own.
   */
  sha256(overrides: readonly string[] = []): string {
    return scenarioSha256(this.filesSha256(), overrides);
  }
}

/** A scenario's sha256 from its files' (LoadSession.filesSha256) and the overrides as given, in order: LoadSession.sha256. */
export function scenarioSha256(filesSha256: string, overrides: readonly string[]): string {
  if (overrides.length === 0) return filesSha256;
  return createHash('sha256').update(`podsim scenario with overrides\0${filesSha256}\0${JSON.stringify(overrides)}`).digest('hex');
}
