import type { LabelSelector, Millis, ObjectMeta } from './meta.js';
import type { PodTemplate } from './scenario.js';

/**
 * The workload objects controllers own, shaped as the apps/v1 and batch/v1
 * API types with defaults applied (pkg/apis/apps/v1/defaults.go,
 * pkg/apis/batch/v1/defaults.go). `status` is recomputed from scratch by the
 * owning controller at each sync.
 */

/** An absolute number or a percentage string such as "25%". */
export type IntOrPercent = number | `${number}%`;

export interface WorkloadMeta extends ObjectMeta {
  /** Bumped on every spec change. */
  generation: number;
}

export interface ReplicaSetSpec {
  replicas: number;
  readonly selector: LabelSelector;
  template: PodTemplate;
  readonly minReadySeconds: number;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  observedGeneration: number;
}

export interface ReplicaSet {
  /** A ReplicationController is a ReplicaSet whose selector is a plain label map. */
  readonly kind: 'ReplicaSet' | 'ReplicationController';
  readonly metadata: WorkloadMeta;
  spec: ReplicaSetSpec;
  status: ReplicaSetStatus;
}

export type DeploymentStrategy =
  | { readonly type: 'Recreate' }
  | { readonly type: 'RollingUpdate'; readonly maxSurge: IntOrPercent; readonly maxUnavailable: IntOrPercent };

export interface DeploymentSpec {
  replicas: number;
  readonly selector: LabelSelector;
  template: PodTemplate;
  readonly strategy: DeploymentStrategy;
  readonly minReadySeconds: number;
  readonly progressDeadlineSeconds: number;
  readonly revisionHistoryLimit: number;
  paused: boolean;
}

export interface WorkloadCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: Millis;
  /** Deployment conditions: when the condition was last updated (progress is measured from it). */
  readonly lastUpdateTime?: Millis;
}

export interface DeploymentStatus {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
  observedGeneration: number;
  conditions: WorkloadCondition[];
  /** Bumped on a pod-template-hash name collision; hashed with the template (set once needed). */
  collisionCount?: number;
}

export interface Deployment {
  readonly kind: 'Deployment';
  readonly metadata: WorkloadMeta;
  spec: DeploymentSpec;
  status: DeploymentStatus;
}

export interface PodFailurePolicyRule {
  readonly action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  readonly onExitCodes?: {
    readonly containerName?: string;
    readonly operator: 'In' | 'NotIn';
    readonly values: readonly number[];
  };
  readonly onPodConditions?: readonly { readonly type: string; readonly status: 'True' | 'False' | 'Unknown' }[];
}

export interface JobSpec {
  readonly parallelism: number;
  /** Undefined: a work queue (done when any pod succeeds and none is active). */
  readonly completions?: number;
  readonly completionMode: 'NonIndexed' | 'Indexed';
  readonly backoffLimit: number;
  /** Indexed only: failures each index may have before it is marked failed (status.failedIndexes). */
  readonly backoffLimitPerIndex?: number;
  /** With backoffLimitPerIndex: more failed indexes than this fail the Job. */
  readonly maxFailedIndexes?: number;
  /** Indexed only: the Job succeeds once any rule is met (SuccessCriteriaMet, reason SuccessPolicy). */
  readonly successPolicy?: {
    readonly rules: readonly { readonly succeededIndexes?: string; readonly succeededCount?: number }[];
  };
  readonly activeDeadlineSeconds?: number;
  readonly ttlSecondsAfterFinished?: number;
  suspend: boolean;
  readonly podFailurePolicy?: { readonly rules: readonly PodFailurePolicyRule[] };
  readonly podReplacementPolicy: 'TerminatingOrFailed' | 'Failed';
  readonly selector: LabelSelector;
  readonly template: PodTemplate;
}

export interface JobStatus {
  active: number;
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  startTime?: Millis;
  completionTime?: Millis;
  completedIndexes: string;
  failedIndexes?: string;
  conditions: WorkloadCondition[];
}

export interface Job {
  readonly kind: 'Job';
  readonly metadata: WorkloadMeta;
  spec: JobSpec;
  status: JobStatus;
}

export type DaemonSetUpdateStrategy =
  | { readonly type: 'OnDelete' }
  | { readonly type: 'RollingUpdate'; readonly maxUnavailable: IntOrPercent; readonly maxSurge: IntOrPercent };

export interface DaemonSetSpec {
  readonly selector: LabelSelector;
  template: PodTemplate;
  readonly updateStrategy: DaemonSetUpdateStrategy;
  readonly minReadySeconds: number;
}

export interface DaemonSetStatus {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  numberAvailable: number;
  numberUnavailable: number;
  updatedNumberScheduled: number;
  observedGeneration: number;
}

export interface DaemonSet {
  readonly kind: 'DaemonSet';
  readonly metadata: WorkloadMeta;
  spec: DaemonSetSpec;
  status: DaemonSetStatus;
}

export type Workload = ReplicaSet | Deployment | Job | DaemonSet;
export type WorkloadKind = Workload['kind'];

/** `Kind/namespace/name`, the key the cluster indexes workloads by. */
export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The status of a workload nobody has synced yet. */
export function initialStatus<K extends WorkloadKind>(kind: K): Extract<Workload, { kind: K }>['status'];
export function initialStatus(kind: WorkloadKind): Workload['status'] {
  switch (kind) {
    case 'ReplicaSet':
    case 'ReplicationController':
      return { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 0 };
    case 'Deployment':
      return { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, observedGeneration: 0, conditions: [] };
    case 'Job':
      return { active: 0, succeeded: 0, failed: 0, ready: 0, terminating: 0, completedIndexes: '', conditions: [] };
    case 'DaemonSet':
      return {
        desiredNumberScheduled: 0,
        currentNumberScheduled: 0,
        numberMisscheduled: 0,
        numberReady: 0,
        numberAvailable: 0,
        numberUnavailable: 0,
        updatedNumberScheduled: 0,
        observedGeneration: 0,
      };
  }
}
