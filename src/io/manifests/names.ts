import { maxLenError, regexError, validateDNS1123Subdomain } from '../../model/label-validation.js';

/**
 * Object and container name rules with apimachinery's messages
 * (k8s.io/apimachinery/pkg/util/validation IsDNS1123Label;
 * api/validation NameIsDNSSubdomain with maskTrailingDash).
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

/** Problems with `value` as an RFC 1123 label (namespaces, container names); empty when valid. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL.test(value)) errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  return errs;
}

/** NameIsDNSSubdomain: with `prefix` (a generateName), one trailing dash is allowed. */
export function nameIsDNSSubdomain(name: string, prefix: boolean): string[] {
  const masked = prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
  return validateDNS1123Subdomain(masked);
}
