import type { TopologySpreadConstraint } from './pod.js';

/**
 * The scheduler's configuration as a scenario gives it: a
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) with its
 * defaults applied (pkg/scheduler/apis/config/v1/defaults.go), and the
 * PriorityClass objects (scheduling.k8s.io/v1) admission resolves pods'
 * priorities from.
 */

/** The extension points a profile can enable or disable plugins at; others are accepted and ignored. */
export const EXTENSION_POINTS = ['multiPoint', 'preFilter', 'filter', 'postFilter', 'preScore', 'score'] as const;
export type ExtensionPointName = (typeof EXTENSION_POINTS)[number];

export interface PluginRef {
  readonly name: string;
  /** Score weight; 0 or absent means 1 (or the MultiPoint weight for a Score entry). */
  readonly weight?: number;
}

/** A PluginSet: `disabled` may hold "*" (every default plugin at that point). */
export interface PluginSet {
  readonly enabled: readonly PluginRef[];
  readonly disabled: readonly string[];
}

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

export interface UtilizationShapePoint {
  /** 0..100 */
  readonly utilization: number;
  /** 0..10 (MaxCustomPriorityScore) */
  readonly score: number;
}

export interface NodeResourcesFitArgs {
  readonly scoringStrategy: {
    readonly type: ScoringStrategyType;
    readonly resources: readonly ResourceSpec[];
    readonly shape?: readonly UtilizationShapePoint[];
  };
}

export interface PodTopologySpreadArgs {
  readonly defaultingType: 'System' | 'List';
  readonly defaultConstraints: readonly TopologySpreadConstraint[];
}

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

export interface DefaultPreemptionArgs {
  readonly minCandidateNodesPercentage: number;
  readonly minCandidateNodesAbsolute: number;
}

export interface BalancedAllocationArgs {
  readonly resources: readonly ResourceSpec[];
}

/** pluginConfig, by plugin; absent entries take the defaults. */
export interface PluginArgs {
  readonly NodeResourcesFit?: NodeResourcesFitArgs;
  readonly PodTopologySpread?: PodTopologySpreadArgs;
  readonly InterPodAffinity?: InterPodAffinityArgs;
  readonly DefaultPreemption?: DefaultPreemptionArgs;
  readonly NodeResourcesBalancedAllocation?: BalancedAllocationArgs;
}

export interface SchedulerProfileConfig {
  readonly schedulerName: string;
  /** The profile's own percentageOfNodesToScore; undefined: the configuration's. */
  readonly percentageOfNodesToScore?: number;
  readonly plugins: Partial<Record<ExtensionPointName, PluginSet>>;
  readonly pluginConfig: PluginArgs;
}

export interface KubeSchedulerConfiguration {
  /** 0 = adaptive (the default). */
  readonly percentageOfNodesToScore: number;
  readonly podInitialBackoffSeconds: number;
  readonly podMaxBackoffSeconds: number;
  readonly profiles: readonly SchedulerProfileConfig[];
}

export interface PriorityClass {
  readonly name: string;
  readonly value: number;
  readonly globalDefault: boolean;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
}
