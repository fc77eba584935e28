import type { NodeManifest, NodePool } from './scenario.js';

/**
 * Node number `i` of a pool (`<pool>-<i>`), with the well-known labels the
 * kubelet sets on every node. Pools' initial nodes are numbers 0..count-1;
 * `addNodes` continues the numbering.
 */
export function poolNode(pool: NodePool, i: number): NodeManifest {
  const name = `${pool.name}-${i}`;
  return {
    kind: 'Node',
    source: pool.source,
    name,
    labels: {
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/hostname': name,
      ...pool.labels,
    },
    annotations: {},
    taints: pool.taints,
    unschedulable: false,
    allocatable: pool.allocatable,
    capacity: pool.allocatable,
    images: pool.images,
    pool: pool.name,
  };
}
