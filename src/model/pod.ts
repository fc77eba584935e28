import type { ContainerBehavior } from './behavior.js';
import type { LabelSelector, Labels, Millis, NodeSelectorRequirement, ObjectMeta, Toleration } from './meta.js';
import type { ResourceList } from './resources.js';

export const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
export type PodPhase = (typeof PHASES)[number];

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface ContainerPort {
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly hostIP?: string;
}

export interface Container {
  readonly name: string;
  readonly image: string;
  /** Defaulted at creation as the API server does (see images.ts). */
  readonly imagePullPolicy: PullPolicy;
  readonly requests: ResourceList;
  readonly limits: ResourceList;
  readonly ports: readonly ContainerPort[];
  /** Init containers only: 'Always' makes it a sidecar. */
  readonly restartPolicy?: 'Always';
  /** What the process does once started: resolved by the simulation at pod creation. */
  readonly behavior: ContainerBehavior;
}

export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
  readonly matchFields?: readonly NodeSelectorRequirement[];
}

export interface PodAffinityTerm {
  readonly labelSelector?: LabelSelector;
  readonly namespaces?: readonly string[];
  readonly namespaceSelector?: LabelSelector;
  readonly topologyKey: string;
}

export interface Affinity {
  readonly nodeAffinity?: {
    readonly required?: { readonly nodeSelectorTerms: readonly NodeSelectorTerm[] };
    readonly preferred?: readonly { readonly weight: number; readonly preference: NodeSelectorTerm }[];
  };
  readonly podAffinity?: {
    readonly required?: readonly PodAffinityTerm[];
    readonly preferred?: readonly { readonly weight: number; readonly podAffinityTerm: PodAffinityTerm }[];
  };
  readonly podAntiAffinity?: {
    readonly required?: readonly PodAffinityTerm[];
    readonly preferred?: readonly { readonly weight: number; readonly podAffinityTerm: PodAffinityTerm }[];
  };
}

export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  readonly labelSelector?: LabelSelector;
  readonly minDomains?: number;
}

/** Pod-level spec.resources (cpu, memory, hugepages-*), requests defaulted from limits. */
export interface PodLevelResources {
  readonly requests: ResourceList;
  readonly limits: ResourceList;
}

export interface PodSpec {
  /** Set when bound (or given in the manifest: already bound). */
  nodeName?: string;
  readonly schedulerName: string;
  readonly nodeSelector: Labels;
  readonly affinity?: Affinity;
  readonly tolerations: readonly Toleration[];
  readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
  readonly initContainers: readonly Container[];
  readonly containers: readonly Container[];
  readonly restartPolicy: RestartPolicy;
  /** Seconds; default 30. */
  readonly terminationGracePeriodSeconds: number;
  readonly activeDeadlineSeconds?: number;
  readonly priorityClassName?: string;
  readonly priority: number;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  readonly overhead: ResourceList;
  /** Pod-level resources: its requests replace the containers' for the resources they name (model/requests.ts). */
  readonly resources?: PodLevelResources;
  /** Uses the node's network namespace (DaemonSet pods then tolerate network-unavailable). */
  readonly hostNetwork?: boolean;
  /**
   * The names of spec.schedulingGates, absent when none: the scheduler leaves
   * the pod alone until they are all gone. Only ever shortened after creation
   * (Cluster.removeSchedulingGates).
   */
  schedulingGates?: readonly string[];
}

export type ContainerState =
  | { readonly state: 'waiting'; readonly reason: string; readonly message?: string }
  | { readonly state: 'running'; readonly startedAt: Millis }
  | {
      readonly state: 'terminated';
      readonly exitCode: number;
      readonly reason: string;
      readonly startedAt: Millis;
      readonly finishedAt: Millis;
    };

export type TerminatedState = Extract<ContainerState, { state: 'terminated' }>;

export interface ContainerStatus {
  readonly name: string;
  state: ContainerState;
  /** The previous termination, if any (what `lastState.terminated` holds). */
  lastTerminationState?: TerminatedState;
  restartCount: number;
  /** Set once the container has started (startup probe passed). */
  started: boolean;
  ready: boolean;
}

export type PodConditionType = 'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready' | 'DisruptionTarget';

export interface PodCondition {
  readonly type: PodConditionType;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime: Millis;
}

export interface PodStatus {
  phase: PodPhase;
  /** A brief CamelCase reason for the pod's state (Evicted, NodeLost, DeadlineExceeded...). */
  reason?: string;
  message?: string;
  hostIP?: string;
  podIP?: string;
  startTime?: Millis;
  nominatedNodeName?: string;
  conditions: PodCondition[];
  /** Replaced whole, never edited in place (pods without init containers share NO_INIT_CONTAINER_STATUSES). */
  initContainerStatuses: readonly ContainerStatus[];
  containerStatuses: ContainerStatus[];
}

/**
 * The initContainerStatuses of a pod without init containers: one frozen
 * list shared by all of them instead of an empty array each (~32 bytes per pod).
 */
export const NO_INIT_CONTAINER_STATUSES: readonly ContainerStatus[] = Object.freeze([]);

export interface Pod {
  readonly metadata: ObjectMeta;
  readonly spec: PodSpec;
  readonly status: PodStatus;
}

/** `namespace/name`, the key the cluster indexes pods by. */
export function podKey(pod: { readonly metadata: { readonly namespace: string; readonly name: string } }): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

export function isTerminal(phase: PodPhase): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}
