import type { Node } from '../../src/model/node.js';
import type { ContainerTemplate, PodTemplateSpec } from '../../src/model/scenario.js';

/**
 * Object builders the hand-built test worlds share: every field a model
 * object needs, with API defaults, and overrides on top.
 */

/** A Ready, schedulable, untainted node (64 cpu, 1 TiB, 110 pods) unless overridden. */
export function testNode(name: string, o: Partial<Node> = {}): Node {
  return {
    name,
    uid: `node-${name}`,
    index: 0,
    labels: {},
    annotations: {},
    taints: [],
    unschedulable: false,
    allocatable: { cpu: 64_000, memory: 2 ** 40, pods: 110 },
    capacity: { cpu: 64_000, memory: 2 ** 40, pods: 110 },
    ready: 'True',
    creationTimestamp: 0,
    images: [],
    podCIDR: '10.0.0',
    ...o,
  };
}

/** One container with no requests, pulled IfNotPresent. */
export function testContainer(name: string, image: string, o: Partial<ContainerTemplate> = {}): ContainerTemplate {
  return { name, image, imagePullPolicy: 'IfNotPresent', requests: {}, limits: {}, ports: [], ...o };
}

/** A pod spec with the API server's defaults (restartPolicy Always, 30 s grace, priority 0). */
export function testPodSpec(o: Partial<PodTemplateSpec> = {}): PodTemplateSpec {
  return {
    schedulerName: 'default-scheduler',
    nodeSelector: {},
    tolerations: [],
    topologySpreadConstraints: [],
    initContainers: [],
    containers: [testContainer('app', 'busybox:1.36')],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    priority: 0,
    preemptionPolicy: 'PreemptLowerPriority',
    overhead: {},
    ...o,
  };
}
