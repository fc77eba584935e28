import { DEFAULT_MAX_PODS, PODS } from '../../model/resources.js';
import type { NodePool } from '../../model/scenario.js';
import { validateLabelsAt } from '../manifests/labels.js';
import { nameIsDNSSubdomain } from '../manifests/names.js';
import { readTaints } from '../manifests/taints.js';
import { MAX_NODES, readNodeCount, readQuantities, toResourceList } from '../values.js';
import type { Field } from '../yaml/field.js';

export const NODE_POOL_FIELDS = ['name', 'count', 'allocatable', 'labels', 'taints', 'images'] as const;

function readPoolName(f: Field, seen: Set<string>): string | undefined {
  const name = f.string();
  if (name === undefined || name === '') {
    if (name === '' || !f.present) f.required();
    return undefined;
  }
  // Node names are `<name>-<i>`: the pool name must make valid ones.
  for (const msg of nameIsDNSSubdomain(`${name}-0`, false)) f.invalid(name, msg);
  if (seen.has(name)) {
    f.duplicate(name);
    return undefined; // its nodes would clash with the first pool's: said once, here
  }
  seen.add(name);
  return name;
}

function readPool(f: Field, seen: Set<string>): NodePool | undefined {
  f.warnUnknown(NODE_POOL_FIELDS);
  const name = readPoolName(f.child('name'), seen);
  const countField = f.child('count');
  if (!countField.present) countField.required();
  const count = readNodeCount(countField, 0);
  const allocatable = toResourceList(readQuantities(f.child('allocatable')));
  const labelsField = f.child('labels');
  const labels = labelsField.stringMap();
  validateLabelsAt(labelsField, labels);
  const taints = readTaints(f.child('taints'));
  const images = f.child('images').stringList();
  if (name === undefined || count === undefined) return undefined;
  const { file, line, col } = f.position;
  return {
    source: { file, line, col },
    name,
    count,
    allocatable: allocatable[PODS] === undefined ? { ...allocatable, [PODS]: DEFAULT_MAX_PODS } : allocatable,
    labels,
    taints,
    images,
  };
}

/** spec.nodePools, in order; names unique; MAX_NODES nodes at most in all (reported at the pool that crosses it). */
export function readNodePools(field: Field): NodePool[] {
  const seen = new Set<string>();
  let total = 0;
  return field.items().flatMap((f) => {
    const pool = readPool(f, seen);
    if (pool === undefined) return [];
    total += pool.count;
    if (total > MAX_NODES && total - pool.count <= MAX_NODES) {
      f.child('count').invalid(pool.count, `the pools would have ${total} nodes in all: must be less than or equal to ${MAX_NODES} (podsim's limit on nodes)`);
    }
    return [pool];
  });
}
