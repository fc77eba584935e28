import type { Distribution } from './distribution.js';
import type { ContainerBehavior } from './behavior.js';
import type { LabelSelector, Labels, Millis, OwnerReference, Taint } from './meta.js';
import type { Container, PodSpec } from './pod.js';
import type { ResourceList } from './resources.js';
import type { KubeSchedulerConfiguration, PriorityClass } from './scheduler-config.js';
import type { Workload } from './workloads.js';

/**
 * A scenario as loaded and validated: what `io/` hands to `sim/`. Every
 * duration is in integer milliseconds, every quantity in the units of
 * resources.ts, every default already applied.
 */
export interface Scenario {
  readonly name: string;
  /** The scenario file's path as given on the command line. */
  readonly file: string;
  /** sha256 (hex) of the bytes of every file read, in load order, and of the --set overrides if any (LoadSession.sha256). */
  readonly sha256: string;
  /** sha256 (hex) of the bytes of every file read, in load order, without the overrides (LoadSession.filesSha256). */
  readonly filesSha256: string;
  readonly seed: number;
  /** Simulated horizon; undefined = run until nothing is left to happen. */
  readonly durationMs?: Millis;
  /** ISO time that t=0 stands for. */
  readonly startTime: string;
  readonly nodePools: readonly NodePool[];
  /** Objects present at the start, created at t=0 in this order (pool nodes first). */
  readonly objects: readonly Manifest[];
  /** The registry's catalogue: image name -> size in bytes. */
  readonly images: ReadonlyMap<string, number>;
  readonly registry: RegistryConfig;
  readonly behaviors: readonly BehaviorRule[];
  readonly events: readonly TimedEvent[];
  readonly arrivals: readonly Arrival[];
  readonly kubelet: KubeletConfig;
  readonly controlPlane: ControlPlaneConfig;
  readonly output: OutputConfig;
}

/** A container as written in a manifest: its behaviour is resolved when a pod is created. */
export type ContainerTemplate = Omit<Container, 'behavior'>;

/** A pod spec as written in a manifest or template, defaults applied. */
export interface PodTemplateSpec extends Omit<PodSpec, 'containers' | 'initContainers' | 'nodeName'> {
  readonly nodeName?: string;
  readonly initContainers: readonly ContainerTemplate[];
  readonly containers: readonly ContainerTemplate[];
}

export interface PodTemplate {
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: PodTemplateSpec;
}

/** Where a manifest came from, for messages about it at run time. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface NodeManifest {
  readonly kind: 'Node';
  readonly source: SourceRef;
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: ResourceList;
  readonly capacity: ResourceList;
  readonly images: readonly string[];
  readonly pool?: string;
}

export interface PodManifest {
  readonly kind: 'Pod';
  readonly source: SourceRef;
  readonly namespace: string;
  /** Empty when only generateName is given. */
  readonly name: string;
  readonly generateName?: string;
  /** The exported uid, if any. */
  readonly uid?: string;
  readonly ownerReferences: readonly OwnerReference[];
  readonly template: PodTemplate;
}

/** A workload as written: the object without status, defaults applied. */
export type WorkloadManifest = {
  readonly source: SourceRef;
  readonly namespace: string;
  /** Empty when only generateName is given (a name is generated each time it is created). */
  readonly name: string;
  readonly generateName?: string;
  /** The exported uid, if any (links it with dependents' ownerReferences). */
  readonly uid?: string;
  readonly ownerReferences?: readonly OwnerReference[];
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
} & KindAndSpec<Workload>;

/** One `{kind, spec}` per workload type (distributes over the union). */
type KindAndSpec<W extends Workload> = W extends Workload ? { readonly kind: W['kind']; readonly spec: W['spec'] } : never;

/** A PriorityClass (scheduling.k8s.io/v1): admission resolves pods' priorities from these. */
export interface PriorityClassManifest {
  readonly kind: 'PriorityClass';
  readonly source: SourceRef;
  readonly name: string;
  readonly priorityClass: PriorityClass;
}

/** A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), defaults applied: the scheduler's profiles. */
export interface KubeSchedulerConfigurationManifest {
  readonly kind: 'KubeSchedulerConfiguration';
  readonly source: SourceRef;
  /** Unnamed (a config file, not an API object). */
  readonly name: '';
  readonly config: KubeSchedulerConfiguration;
}

/** Every object kind the loader produces. */
export type Manifest = NodeManifest | PodManifest | WorkloadManifest | PriorityClassManifest | KubeSchedulerConfigurationManifest;

export interface NodePool {
  readonly source: SourceRef;
  readonly name: string;
  readonly count: number;
  readonly allocatable: ResourceList;
  readonly labels: Labels;
  readonly taints: readonly Taint[];
  readonly images: readonly string[];
}

export interface RegistryConfig {
  /** Bytes, for images missing from the catalogue. */
  readonly defaultImageSize: number;
  /** Bytes per second, per node. */
  readonly bandwidth: number;
  readonly latencyMs: Millis;
  /** Probability in [0,1] that one pull fails with ErrImagePull. */
  readonly failureRate: number;
}

export interface BehaviorRule {
  readonly match: { readonly labels?: Labels; readonly image?: string; readonly container?: string };
  readonly behavior: ContainerBehavior;
}

/** Which nodes a fault or node action targets. */
export type NodeTarget =
  | { readonly nodes: readonly string[] }
  | { readonly selector: LabelSelector; readonly count?: number }
  | { readonly count: number }
  | { readonly zone: string };

export type ScenarioAction =
  | { readonly type: 'apply'; readonly objects: readonly Manifest[] }
  | { readonly type: 'addNodes'; readonly pool: string; readonly count: number }
  | { readonly type: 'removeNodes'; readonly target: NodeTarget }
  | { readonly type: 'cordon'; readonly target: NodeTarget }
  | { readonly type: 'uncordon'; readonly target: NodeTarget }
  | { readonly type: 'drain'; readonly target: NodeTarget }
  | { readonly type: 'partition'; readonly target: NodeTarget }
  | { readonly type: 'crash'; readonly target: NodeTarget }
  | {
      /** kubectl edit/patch of the pods' spec.schedulingGates: `gates` removed, all of them when omitted. */
      readonly type: 'removeSchedulingGates';
      readonly namespace: string;
      /** The pod by name, or every pod of the namespace the selector matches. */
      readonly pods: { readonly name: string } | { readonly selector: LabelSelector };
      readonly gates?: readonly string[];
    }
  | {
      readonly type: 'scale';
      readonly kind: string;
      readonly namespace: string;
      readonly name: string;
      readonly replicas: number;
    };

export interface TimedEvent {
  readonly at: Millis;
  /** Faults only: heal or reboot after this long; undefined = never. */
  readonly forMs?: Millis;
  readonly action: ScenarioAction;
  readonly source: SourceRef;
}

/** An open workload: `objects` submitted again and again, names suffixed -<n>. */
export interface Arrival {
  readonly objects: readonly Manifest[];
  /** Inter-arrival time in ms. */
  readonly interarrival: Distribution;
  /** First submission time (default 0: the first arrival is at 0 + one draw). */
  readonly startMs: Millis;
  readonly untilMs?: Millis;
  /** At most this many submissions. */
  readonly count?: number;
  readonly source: SourceRef;
}

export interface Backoff {
  readonly initialMs: Millis;
  readonly maxMs: Millis;
}

export interface KubeletConfig {
  readonly syncDelayMs: Millis;
  readonly containerStartLatencyMs: Millis;
  readonly serializeImagePulls: boolean;
  /** When pulls are not serialized: at most this many at once (undefined = unlimited). */
  readonly maxParallelImagePulls?: number;
  readonly restartBackoff: Backoff & { readonly resetAfterMs: Millis };
  readonly imagePullBackoff: Backoff;
  readonly statusUpdateFrequencyMs: Millis;
}

export interface ControlPlaneConfig {
  readonly apiLatencyMs: Millis;
  readonly nodeMonitorPeriodMs: Millis;
  readonly nodeMonitorGracePeriodMs: Millis;
  readonly defaultTolerationSeconds: number;
  readonly nodeEvictionRate: number;
  readonly reportUnknownPhase: boolean;
  readonly jobBackoff: Backoff;
  readonly terminatedPodGCThreshold: number;
  /** Overrides every pod's terminationGracePeriodSeconds when set. */
  readonly terminationGracePeriodMs?: Millis;
}

/**
 * Which nodes.csv rows a sample time gets: `changes`, a row for each node
 * whose row changed since its previous one (every node at its first sample,
 * every present node at the end, a removed node once with ready empty and
 * zeros); `all`, a row for every present node.
 */
export const NODE_SAMPLE_MODES = ['changes', 'all'] as const;
export type NodeSampleMode = (typeof NODE_SAMPLE_MODES)[number];

export interface OutputConfig {
  /** nodes.csv's sample period. */
  readonly sampleIntervalMs: Millis;
  readonly nodeSamples: NodeSampleMode;
}
