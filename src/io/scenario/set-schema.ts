import { CONTROL_PLANE_KNOBS, KUBELET_KNOBS, OUTPUT_KNOBS } from './knobs.js';
import { NODE_POOL_FIELDS } from './node-pools.js';
import { SPEC_FIELDS } from './spec.js';

/**
 * The shape of a Scenario spec as `--set` addresses it:
 * - `leaf`: a value (a scalar, or a whole list written as YAML `[a, b]`);
 * - `map`: free-form keys, the rest of the path is one key (label keys have dots);
 * - `list`: items by index (`events.0.at`), anything below an existing item;
 * - `pools`: node pools by name (`nodePools.worker.count`);
 * - an object: its known fields.
 */
export type SetSchema = 'leaf' | 'map' | 'list' | 'any' | { readonly pools: SetSchema } | { readonly fields: Readonly<Record<string, SetSchema>> };

function leaves(names: readonly string[], special: Readonly<Record<string, SetSchema>> = {}): { fields: Record<string, SetSchema> } {
  return { fields: Object.fromEntries(names.map((n) => [n, special[n] ?? 'leaf'])) };
}

const BACKOFF = leaves(['initial', 'max']);

export const SPEC_SCHEMA: SetSchema = leaves(SPEC_FIELDS, {
  nodePools: { pools: leaves(NODE_POOL_FIELDS, { allocatable: 'map', labels: 'map' }) },
  images: 'list',
  behaviors: 'list',
  events: 'list',
  arrivals: 'list',
  registry: leaves(['defaultImageSize', 'bandwidth', 'latency', 'failureRate']),
  kubelet: leaves(KUBELET_KNOBS, {
    restartBackoff: leaves(['initial', 'max', 'resetAfter']),
    imagePullBackoff: BACKOFF,
  }),
  controlPlane: leaves(CONTROL_PLANE_KNOBS, { jobBackoff: BACKOFF }),
  output: leaves(OUTPUT_KNOBS),
});
