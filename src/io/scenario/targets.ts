import type { LabelSelector } from '../../model/meta.js';
import type { NodeTarget } from '../../model/scenario.js';
import { readLabelSelector, validateLabelsAt } from '../manifests/labels.js';
import { readIntAtLeast } from '../values.js';
import type { Field } from '../yaml/field.js';

const TARGET_KEYS = ['nodes', 'selector', 'count', 'zone'] as const;
const TARGET_HELP = '{nodes: [...]}, {selector: {...}}, {count: n} or {zone: z}';

/** `{app: x}` (plain labels) or a LabelSelector (`matchLabels` / `matchExpressions`). */
export function readSelector(f: Field): LabelSelector {
  const keys = f.keys();
  if (keys.includes('matchLabels') || keys.includes('matchExpressions')) return readLabelSelector(f);
  const matchLabels = f.stringMap();
  validateLabelsAt(f, matchLabels);
  return { matchLabels };
}

/**
 * Which nodes a node action targets: named nodes, a label selector (optionally
 * `count` of them), `count` nodes of all, or a zone. Undefined when unusable.
 */
export function readNodeTarget(f: Field): NodeTarget | undefined {
  if (!f.isMap) {
    if (f.present) f.invalid(f.scalar(), `must be ${TARGET_HELP}`);
    else f.required(TARGET_HELP);
    return undefined;
  }
  f.warnUnknown(TARGET_KEYS);
  const given = TARGET_KEYS.filter((k) => f.child(k).present);
  const countField = f.child('count');
  const count = countField.present ? readIntAtLeast(countField, 1) : undefined;
  if (given.includes('selector')) {
    const others = given.filter((k) => k !== 'selector' && k !== 'count');
    if (others.length > 0) f.invalid(`selector, ${others.join(', ')}`, `must be one of ${TARGET_HELP}`);
    return { selector: readSelector(f.child('selector')), ...(count !== undefined ? { count } : {}) };
  }
  if (given.length !== 1) {
    if (given.length === 0) f.required(TARGET_HELP);
    else f.invalid(given.join(', '), `must be one of ${TARGET_HELP}`);
    return undefined;
  }
  if (given[0] === 'nodes') {
    const nodesField = f.child('nodes');
    const nodes = nodesField.stringList();
    if (nodes.length === 0 && nodesField.isList) nodesField.required('at least one node name');
    return { nodes };
  }
  if (given[0] === 'zone') {
    const zone = f.child('zone').string();
    return zone === undefined ? undefined : { zone };
  }
  return count === undefined ? undefined : { count };
}
