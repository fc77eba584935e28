import type { Cluster } from '../api/cluster.js';
import type { Node } from '../model/node.js';
import type { NodeManifest, WorkloadManifest } from '../model/scenario.js';
import type { Workload } from '../model/workloads.js';
import { initialStatus } from '../kinds/table.js';

/** The pod CIDR prefix of node number `index`: 10.<hi>.<lo>.0/24, room for 65,536 nodes. */
export function podCIDRFor(index: number): string {
  return `10.${(index >> 8) & 255}.${index & 255}`;
}

/** A new Node object from its manifest; Ready from the start (node startup is not modelled). */
export function newNode(m: NodeManifest, cluster: Cluster): Node {
  const index = cluster.newNodeIndex();
  return {
    name: m.name,
    uid: cluster.newUid(),
    index,
    labels: { ...m.labels },
    annotations: m.annotations,
    taints: m.taints,
    unschedulable: m.unschedulable,
    allocatable: m.allocatable,
    capacity: m.capacity,
    ready: 'True',
    creationTimestamp: cluster.now,
    images: m.images,
    ...(m.pool !== undefined ? { pool: m.pool } : {}),
    podCIDR: podCIDRFor(index),
  };
}

/** A new workload object from its manifest (status empty until its controller syncs). */
export function newWorkload(m: WorkloadManifest, cluster: Cluster): Workload {
  const metadata = {
    namespace: m.namespace,
    name: m.name,
    uid: cluster.uidFor(m.uid),
    labels: m.labels,
    annotations: m.annotations,
    ownerReferences: m.ownerReferences ?? [],
    creationTimestamp: cluster.now,
    generation: 0,
  };
  return { kind: m.kind, metadata, spec: structuredClone(m.spec), status: initialStatus(m.kind) } as Workload;
}
