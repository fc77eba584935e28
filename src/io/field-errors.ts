import { goQuote } from '../model/goquote.js';

/**
 * The API server's field-error bodies (k8s.io/apimachinery/pkg/util/validation/field,
 * `Error.ErrorBody`): `Invalid value: "x": detail`, `Required value`,
 * `Unsupported value: "x": supported values: "a", "b"`, `Duplicate value: "x"`.
 */

/** A bad value as ErrorBody prints it: strings quoted (%q), numbers and booleans plain. */
export function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '[...]';
  return '{...}';
}

export function invalidBody(value: unknown, detail: string): string {
  const body = `Invalid value: ${formatBadValue(value)}`;
  return detail === '' ? body : `${body}: ${detail}`;
}

export function requiredBody(detail = ''): string {
  return detail === '' ? 'Required value' : `Required value: ${detail}`;
}

export function unsupportedBody(value: unknown, supported: readonly string[]): string {
  const body = `Unsupported value: ${formatBadValue(value)}`;
  if (supported.length === 0) return body;
  return `${body}: supported values: ${supported.map(goQuote).join(', ')}`;
}

export function duplicateBody(value: unknown): string {
  return `Duplicate value: ${formatBadValue(value)}`;
}

export function forbiddenBody(detail: string): string {
  return `Forbidden: ${detail}`;
}

/** `<path>: <body>`, or the body alone at the root. */
export function fieldMessage(path: string, body: string): string {
  return path === '' ? body : `${path}: ${body}`;
}

/** `The Pod "web" is invalid: `, the prefix kubectl shows before a field error. */
export function invalidObjectPrefix(kind: string, name: string): string {
  return `The ${kind} ${goQuote(name)} is invalid: `;
}
