import { goQuote } from './goquote.js';
import type { LabelSelector, LabelSelectorRequirement, Labels } from './meta.js';

/**
 * Label keys, values and selectors checked as the API server checks them, with
 * its messages: `IsLabelKey`/`IsLabelValue` (k8s.io/apimachinery
 * pkg/api/validate/content/kube.go, formerly util/validation IsQualifiedName /
 * IsValidLabelValue) and `ValidateLabelSelector` (pkg/apis/meta/v1/validation).
 * Length errors use the wording of v1.29-v1.34, "must be no more than 63
 * characters" (newer trees say "bytes").
 */

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const MAX_NAME_LENGTH = 63;
const MAX_SUBDOMAIN_LENGTH = 253;

const labelKeyRe = new RegExp(`^${LABEL_KEY_FMT}$`);
const labelValueRe = new RegExp(`^${LABEL_VALUE_FMT}$`);
const subdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const encoder = new TextEncoder();

/** Go's len(): UTF-8 bytes (an ASCII string's length; other strings encoded, lone surrogates as U+FFFD). */
function byteLength(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return encoder.encode(s).length;
  return s.length;
}

/** validation.RegexError. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** IsDNS1123Subdomain: messages, empty when valid. */
export function validateDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > MAX_SUBDOMAIN_LENGTH) errs.push(maxLenError(MAX_SUBDOMAIN_LENGTH));
  if (!subdomainRe.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

const LABEL_KEY_REGEX_ERROR = regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc');

/** IsLabelKey (IsQualifiedName): `[prefix/]name`. Messages, empty when valid. */
export function validateLabelKey(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  const nameRegexError = LABEL_KEY_REGEX_ERROR;
  if (parts.length > 2) {
    return [
      `a valid label key ${nameRegexError} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') errs.push('prefix part must be non-empty');
    else errs.push(...validateDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (byteLength(name) > MAX_NAME_LENGTH) errs.push(`name part ${maxLenError(MAX_NAME_LENGTH)}`);
  if (!labelKeyRe.test(name)) errs.push(`name part ${nameRegexError}`);
  return errs;
}

/**
 * ValidateAnnotations' rule for a key: a qualified name, case aside
 * (`IsQualifiedName(strings.ToLower(k))`). Messages, empty when valid.
 */
export function validateAnnotationKey(key: string): string[] {
  return validateLabelKey(key.toLowerCase());
}

/** IsLabelValue. Messages, empty when valid. */
export function validateLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > MAX_NAME_LENGTH) errs.push(maxLenError(MAX_NAME_LENGTH));
  if (!labelValueRe.test(value)) {
    errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

const invalid = (path: string, value: string, detail: string): string =>
  `${path}: Invalid value: ${goQuote(value)}: ${detail}`;

/** ValidateLabels: `<path>: Invalid value: "<key or value>": <detail>`, in the object's key order. */
export function validateLabels(labels: Labels, path: string): string[] {
  const errs: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    errs.push(...validateLabelKey(key).map((m) => invalid(path, key, m)));
    errs.push(...validateLabelValue(value).map((m) => invalid(path, value, m)));
  }
  return errs;
}

/** ValidateLabelSelectorRequirement, values checked as for a new object. */
export function validateLabelSelectorRequirement(req: LabelSelectorRequirement, path: string): string[] {
  const errs: string[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errs.push(`${path}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(`${path}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`);
      }
      break;
    default:
      errs.push(invalid(`${path}.operator`, String(req.operator), 'not a valid selector operator'));
  }
  errs.push(...validateLabelKey(req.key).map((m) => invalid(`${path}.key`, req.key, m)));
  values.forEach((v, i) => errs.push(...validateLabelValue(v).map((m) => invalid(`${path}.values[${i}]`, v, m))));
  return errs;
}

/** ValidateLabelSelector: full field errors under `path` (e.g. `spec.selector`); empty when valid. */
export function validateLabelSelector(selector: LabelSelector, path = 'selector'): string[] {
  const errs = validateLabels(selector.matchLabels ?? {}, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((req, i) => {
    errs.push(...validateLabelSelectorRequirement(req, `${path}.matchExpressions[${i}]`));
  });
  return errs;
}
