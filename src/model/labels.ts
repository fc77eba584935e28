import type { LabelSelector, LabelSelectorRequirement, Labels, NodeSelectorRequirement } from './meta.js';
import type { NodeSelectorTerm } from './pod.js';

export {
  validateAnnotationKey,
  validateDNS1123Subdomain,
  validateLabelKey,
  validateLabelSelector,
  validateLabelSelectorRequirement,
  validateLabelValue,
  validateLabels,
} from './label-validation.js';

/**
 * Label and node selectors matched as upstream matches them
 * (k8s.io/apimachinery/pkg/labels Requirement.Matches,
 * component-helpers/scheduling/corev1/nodeaffinity). Selectors are assumed
 * valid (the loader runs validateLabelSelector); an invalid Gt/Lt value simply
 * never matches. Cost: one pass over the requirements, no allocation.
 */

const lookup = (labels: Labels, key: string): string | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined;

/** strconv.ParseInt(s, 10, 64), or undefined. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(1n << 63n) && n < 1n << 63n ? n : undefined;
}

/**
 * One requirement against the value of its key (undefined: the label is
 * absent). In needs the label and one of the values; NotIn and DoesNotExist
 * match an absent label; Gt/Lt compare as int64, both sides parsed.
 */
export function matchesNodeSelectorRequirement(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const have = parseInt64(value);
      const want = parseInt64(values[0] ?? '');
      if (have === undefined || want === undefined) return false;
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

function matchesRequirement(req: LabelSelectorRequirement | NodeSelectorRequirement, labels: Labels): boolean {
  return matchesNodeSelectorRequirement(req, lookup(labels, req.key));
}

/**
 * metav1.LabelSelectorAsSelector(selector).Matches(labels): matchLabels AND
 * matchExpressions. An empty selector matches everything; a missing one
 * (undefined, which callers handle) matches nothing upstream.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  const matchLabels = selector.matchLabels;
  if (matchLabels) {
    for (const key in matchLabels) {
      if (Object.hasOwn(matchLabels, key) && lookup(labels, key) !== matchLabels[key]) return false;
    }
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!matchesRequirement(req, labels)) return false;
  }
  return true;
}

/** A pod's spec.nodeSelector: every pair present on the node. Empty matches every node. */
export function matchesNodeSelector(nodeSelector: Labels, labels: Labels): boolean {
  for (const key in nodeSelector) {
    if (Object.hasOwn(nodeSelector, key) && lookup(labels, key) !== nodeSelector[key]) return false;
  }
  return true;
}

/** matchFields: only In/NotIn with exactly one value parse; the only field a node has is metadata.name. */
function matchesField(req: NodeSelectorRequirement, nodeName: string): boolean {
  const values = req.values ?? [];
  if (values.length !== 1 || (req.operator !== 'In' && req.operator !== 'NotIn')) return false;
  const field = req.key === 'metadata.name' ? nodeName : '';
  return (field === values[0]) === (req.operator === 'In');
}

function matchesTerm(term: NodeSelectorTerm, node: { readonly name: string; readonly labels: Labels }): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  for (const req of expressions) if (!matchesRequirement(req, node.labels)) return false;
  if (node.name === '') return true;
  for (const req of fields) if (!matchesField(req, node.name)) return false;
  return true;
}

/**
 * Required node affinity: terms ORed, a term's requirements ANDed; an empty
 * term (no expressions, no fields) matches nothing, and so does an empty list.
 */
export function matchesNodeSelectorTerms(
  terms: readonly NodeSelectorTerm[],
  node: { readonly name: string; readonly labels: Labels },
): boolean {
  return terms.some((term) => matchesTerm(term, node));
}
