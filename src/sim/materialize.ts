import type { Cluster } from '../api/cluster.js';
import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import type { BehaviorRule, NodeManifest, PodManifest } from '../model/scenario.js';
import { resolveBehavior } from './behaviors.js';

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

/**
 * A new Pod object named `name` from its manifest, each container's behaviour
 * resolved from the scenario's rules and the pod's annotations.
 */
export function newPod(m: PodManifest, name: string, cluster: Cluster, rules: readonly BehaviorRule[]): Pod {
  const { labels, annotations, spec } = m.template;
  const withBehavior = (c: PodManifest['template']['spec']['containers'][number]) => ({
    ...c,
    behavior: resolveBehavior(rules, labels, annotations, c),
  });
  const { nodeName, ...rest } = spec;
  return {
    metadata: {
      namespace: m.namespace,
      name,
      uid: cluster.newUid(),
      labels,
      annotations,
      ownerReferences: m.ownerReferences,
      creationTimestamp: cluster.now,
    },
    spec: {
      ...rest,
      ...(nodeName !== undefined ? { nodeName } : {}),
      initContainers: spec.initContainers.map(withBehavior),
      containers: spec.containers.map(withBehavior),
    },
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}
