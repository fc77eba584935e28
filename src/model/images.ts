import { goQuote } from './goquote.js';
import type { PullPolicy } from './pod.js';
import { textMemo } from './text-memo.js';

/**
 * Image references as Kubernetes reads them: `parsers.ParseImageName`
 * (pkg/util/parsers) over distribution/reference's ParseNormalizedNamed
 * (normalize.go, regexp.go), and the pull-policy default of
 * `SetDefaults_Container` (pkg/apis/core/v1/defaults.go).
 */
export type ParsedImage =
  | {
      readonly ok: true;
      /** Fully qualified: `docker.io/library/nginx`, `localhost:5000/app`. */
      readonly repository: string;
      /** The tag, `latest` when neither tag nor digest is given; '' for a digest alone. */
      readonly tag: string;
      /** `sha256:<hex>`, or ''. */
      readonly digest: string;
    }
  | { readonly ok: false; readonly message: string };

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
/** go-digest's DigestRegexp, anchored. */
const GO_DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);
const NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';

/** splitDockerDomain: `nginx` -> docker.io + library/nginx; a first part with `.` or `:`, `localhost` or upper case is a host. */
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf('/');
  let domain = DEFAULT_DOMAIN;
  let remainder = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
      domain = first === 'index.docker.io' ? DEFAULT_DOMAIN : first;
      remainder = name.slice(slash + 1);
    }
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

/** go-digest Digest.Validate, or undefined when valid. */
function digestError(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const hexLength = DIGEST_HEX_LENGTH.get(digest.slice(0, colon));
  if (hexLength === undefined) {
    return GO_DIGEST_RE.test(digest) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  }
  const encoded = digest.slice(colon + 1);
  if (encoded.length !== hexLength) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}

/** reference.ParseNormalizedNamed: the error text, or the parts. */
function parseNormalizedNamed(image: string): string | { name: string; tag: string; digest: string } {
  if (IDENTIFIER_RE.test(image)) {
    return `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`;
  }
  const [domain, remainder] = splitDockerDomain(image);
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) {
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  }
  const full = `${domain}/${remainder}`;
  const m = REFERENCE_RE.exec(full);
  if (!m) {
    return REFERENCE_RE.test(full.toLowerCase()) ? 'repository name must be lowercase' : 'invalid reference format';
  }
  const name = m[1] ?? '';
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
  }
  const digest = m[3] ?? '';
  const error = digest === '' ? undefined : digestError(digest);
  return error ?? { name, tag: m[2] ?? '', digest };
}

/** parsers.ParseImageName: repository, tag (defaulted to `latest`) and digest, or upstream's error. */
export function parseImageName(image: string): ParsedImage {
  const named = parseNormalizedNamed(image);
  if (typeof named === 'string') return { ok: false, message: `couldn't parse image name ${goQuote(image)}: ${named}` };
  const tag = named.tag === '' && named.digest === '' ? 'latest' : named.tag;
  return { ok: true, repository: named.name, tag, digest: named.digest };
}

/**
 * SetDefaults_Container: Always when the (defaulted) tag is `latest` (`nginx`,
 * `nginx:latest`, even `nginx:latest@sha256:…`), IfNotPresent otherwise,
 * including digests and names that do not parse.
 */
export const defaultPullPolicy: (image: string) => PullPolicy = textMemo((image) => {
  const parsed = parseImageName(image);
  return parsed.ok && parsed.tag === 'latest' ? 'Always' : 'IfNotPresent';
});

/**
 * The identity of an image in a node's cache and the registry catalogue:
 * `repository:tag`, or `repository@digest` when a digest is given (the digest
 * decides; a tag beside it is dropped). So `nginx`, `nginx:latest` and
 * `docker.io/library/nginx:latest` are one image. Names that do not parse are
 * returned unchanged (the kubelet rejects them before any pull).
 */
export const normalizeImage: (image: string) => string = textMemo((image) => {
  const parsed = parseImageName(image);
  return !parsed.ok ? image : parsed.digest !== '' ? `${parsed.repository}@${parsed.digest}` : `${parsed.repository}:${parsed.tag}`;
});
