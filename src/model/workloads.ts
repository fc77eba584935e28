import type { LabelSelector, Labels, Millis, ObjectMeta } from './meta.js';
import type { PodTemplate } from './scenario.js';

/**
 * The workload objects controllers own, shaped as the apps/v1 and batch/v1
 * API types with defaults applied (pkg/apis/apps/v1/defaults.go,
 * pkg/apis/batch/v1/defaults.go). `status` is recomputed from scratch by the
 * owning controller at each sync.
 */

/** An absolute number or a percentage string such as "25%". */
export type IntOrPercent = number | `${number}%`;

/**
 * intstr.GetScaledValueFromIntOrPercent: a number as is; "x%" as x% of
 * `total`, rounded up or down. A malformed percentage (refused at load)
 * counts as 0.
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = Number(v.slice(0, -1));
  if (!Number.isInteger(pct)) return 0;
  const scaled = (pct * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

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

/**
 * apps/v1 StatefulSetUpdateStrategy, defaulted (partition 0, maxUnavailable 1).
 * `rollingUpdate: false`: type RollingUpdate was written without a
 * rollingUpdate block, which SetDefaults_StatefulSet then leaves nil (it fills
 * one in only when it defaults the type); the controller acts the same but
 * for the revision of a re-made replica (newVersionedStatefulSetPod).
 */
export type StatefulSetUpdateStrategy =
  | { readonly type: 'OnDelete' }
  | { readonly type: 'RollingUpdate'; readonly partition: number; readonly maxUnavailable: IntOrPercent; readonly rollingUpdate: boolean };

export interface StatefulSetSpec {
  replicas: number;
  readonly selector: LabelSelector;
  template: PodTemplate;
  /** The headless Service governing the set (the pods' subdomain); '' when unset. */
  readonly serviceName: string;
  readonly podManagementPolicy: 'OrderedReady' | 'Parallel';
  readonly updateStrategy: StatefulSetUpdateStrategy;
  readonly revisionHistoryLimit: number;
  readonly minReadySeconds: number;
  /** spec.ordinals.start: the first replica's ordinal. */
  readonly ordinalsStart: number;
  /** Accepted; claims are not modelled. */
  readonly persistentVolumeClaimRetentionPolicy: { readonly whenDeleted: 'Retain' | 'Delete'; readonly whenScaled: 'Retain' | 'Delete' };
  /** The names of spec.volumeClaimTemplates (claims are not modelled). */
  readonly volumeClaimTemplates: readonly string[];
}

export interface StatefulSetStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  /** The revision (`<name>-<hash>`) the pods below the partition run; '' before the first sync. */
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

export interface StatefulSet {
  readonly kind: 'StatefulSet';
  readonly metadata: WorkloadMeta;
  spec: StatefulSetSpec;
  status: StatefulSetStatus;
}


/** Allow: Jobs may overlap; Forbid: a start is skipped while one runs; Replace: the running ones are deleted first. */
export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';

/** spec.jobTemplate: what each Job the CronJob creates is made of. */
export interface JobTemplateSpec {
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: JobSpec;
}

export interface CronJobSpec {
  /** As written: five fields or a descriptor (cron-schedule.ts), checked at load. */
  readonly schedule: string;
  /** An IANA zone name; undefined: the controller's zone, UTC in podsim. */
  readonly timeZone?: string;
  readonly startingDeadlineSeconds?: number;
  readonly concurrencyPolicy: ConcurrencyPolicy;
  suspend: boolean;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly jobTemplate: JobTemplateSpec;
}

/** An ObjectReference to a Job (status.active). */
export interface JobReference {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

export interface CronJobStatus {
  /** The Jobs the controller created and has not seen finish, in creation order. */
  active: JobReference[];
  /** The scheduled time of the last Job created (simulated ms; its wall time is startTime plus this). */
  lastScheduleTime?: Millis;
  lastSuccessfulTime?: Millis;
}

export interface CronJob {
  readonly kind: 'CronJob';
  readonly metadata: WorkloadMeta;
  spec: CronJobSpec;
  status: CronJobStatus;
}

export interface PodDisruptionBudgetSpec {
  /** Undefined (null): selects no pod; `{}`: every pod of the namespace for the disruption controller, none for the Eviction API. */
  readonly selector?: LabelSelector;
  /** At most one of minAvailable and maxUnavailable (validation); policy/v1 defaults neither: with none, no disruption is allowed. */
  readonly minAvailable?: IntOrPercent;
  readonly maxUnavailable?: IntOrPercent;
  /** How the Eviction API treats a pod that is not Ready (default IfHealthyBudget). */
  readonly unhealthyPodEvictionPolicy: 'IfHealthyBudget' | 'AlwaysAllow';
}

export interface PodDisruptionBudgetStatus {
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
  expectedPods: number;
  observedGeneration: number;
  /** Pods the Eviction API approved and the controller has not yet seen deleted: name -> eviction time. */
  disruptedPods: Readonly<Record<string, Millis>>;
  conditions: WorkloadCondition[];
}

/** A PodDisruptionBudget (policy/v1): not a workload, but an object kept beside them. */
export interface PodDisruptionBudget {
  readonly kind: 'PodDisruptionBudget';
  readonly metadata: WorkloadMeta;
  spec: PodDisruptionBudgetSpec;
  status: PodDisruptionBudgetStatus;
}

export type Workload = ReplicaSet | Deployment | Job | DaemonSet | StatefulSet | CronJob | PodDisruptionBudget;
export type WorkloadKind = Workload['kind'];

/** `Kind/namespace/name`, the key the cluster indexes workloads by. */
export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
