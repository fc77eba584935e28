import { goQuote } from '../../model/goquote.js';
import type { Diagnostic, Position } from '../diagnostics.js';
import { didYouMean } from './did-you-mean.js';

/**
 * What an unknown field in a document does, as the API server's
 * `fieldValidation` (kubectl's `--validate=strict|warn|ignore`, strict by
 * default since kubectl 1.27): Strict refuses the object, Warn accepts it
 * with a warning per unknown field, Ignore drops such fields silently.
 * Values as metav1.FieldValidationStrict/Warn/Ignore
 * (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go).
 */
export const FIELD_VALIDATIONS = ['Strict', 'Warn', 'Ignore'] as const;
export type FieldValidation = (typeof FIELD_VALIDATIONS)[number];
export const DEFAULT_FIELD_VALIDATION: FieldValidation = 'Strict';

/** Which object the fields are checked for, and how. */
export interface ObjectValidation {
  readonly mode: FieldValidation;
  /** The object's kind and the version of its apiVersion (`v1` of `apps/v1`). */
  readonly kind: string;
  readonly version: string;
}

/** The version part of an apiVersion (`apps/v1` -> `v1`), as gvk.Version. */
export function versionOf(apiVersion: string): string {
  return apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
}

/**
 * The diagnostic for an unknown field at `path` (a Kubernetes field path:
 * `spec.template.spec.containers[0].request`), undefined under Ignore. Strict:
 * the API server's refusal, `Deployment in version "v1" cannot be handled as
 * a Deployment: strict decoding error: unknown field "spec.replica"`
 * (handlers/rest.go transformDecodeError, runtime.strictDecodingError,
 * sigs.k8s.io/json's unknown field); Warn: the warning kubectl prints,
 * `unknown field "spec.replica"`. Either way with a did-you-mean when one
 * known field is close.
 */
export function unknownFieldDiagnostic(
  validation: ObjectValidation,
  at: Position,
  path: string,
  name: string,
  known: Iterable<string>,
): Diagnostic | undefined {
  if (validation.mode === 'Ignore') return undefined;
  const body = `unknown field ${goQuote(path)}${didYouMean(name, known)}`;
  const { file, line, col } = at;
  if (validation.mode === 'Warn') return { severity: 'warning', file, line, col, path, code: 'field-unknown', message: body };
  const { kind, version } = validation;
  const message = `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: strict decoding error: ${body}`;
  return { severity: 'error', file, line, col, path, code: 'field-unknown', message };
}
