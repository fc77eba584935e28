import { cutQuotedValues } from '../model/long-values.js';

/**
 * Problems found in input files. Every user mistake becomes a Diagnostic
 * (collected, never thrown); all of a file's problems are reported at once.
 */

export const DIAGNOSTIC_CODES = [
  /** The file cannot be read: missing, a directory, not text, empty. */
  'file-unreadable',
  'yaml-syntax',
  /** A value of the wrong YAML type (a string where a number belongs...). */
  'type-invalid',
  /** The API server's field errors. */
  'field-invalid',
  'field-required',
  'field-unsupported',
  'field-duplicate',
  'field-forbidden',
  /** A field Kubernetes (or the Scenario document) does not know: strict field validation, src/io/fields/. */
  'field-unknown',
  /** A Kubernetes feature podsim does not simulate (probes, volumes...): a warning, once per kind of thing. */
  'field-not-simulated',
  'kind-unknown',
  'kind-not-supported',
  'api-version',
  'object-duplicate',
  'scenario-count',
  'scenario-misplaced',
  'include-missing',
  'include-cycle',
  'set-invalid',
  'reference-unknown',
  'image-not-in-catalogue',
  /** More than podsim reads (objects per scenario). */
  'limit-exceeded',
  /** What a run will not carry out as written: an event after its end, a target that does not exist then, a Job that never completes. */
  'horizon',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
  /** The field path (`spec.containers[0].image`), empty when the problem is not a field's. */
  readonly path: string;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** Where a diagnostic points. */
export interface Position {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/**
 * `file:line:col: error: message`, the form compilers use and editors
 * understand. Quoted values longer than MAX_SHOWN characters are cut
 * (model/long-values.ts), wherever the message came from.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${cutQuotedValues(d.message)}`;
}

/** By file, then line, then column; stable, so equal positions keep their report order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * The one error class of io/: failures below the level of fields (a file that
 * cannot be read). It carries a literal code and converts to a Diagnostic; it
 * is returned as a value, not thrown, whenever the cause is the user's input.
 */
export class PodsimIoError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly position: Position,
  ) {
    super(message);
    this.name = 'PodsimIoError';
  }

  toDiagnostic(severity: Severity = 'error'): Diagnostic {
    const { file, line, col } = this.position;
    return { severity, file, line, col, path: '', code: this.code, message: this.message };
  }
}
