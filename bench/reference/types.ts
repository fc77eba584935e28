import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import type { ReplicaSet } from '../../src/model/workloads.js';

/**
 * The vocabulary of the reference scheduler: a deliberately plain re-reading
 * of kube-scheduler's default profile (pkg/scheduler/framework/plugins/*),
 * with no caches, no incremental state and no shared code with
 * src/scheduler/. Everything is recomputed from (pod, nodes, pods) on every
 * call, so it is slow and easy to check line by line against upstream.
 */

export const FILTER_PLUGINS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
] as const;
export type FilterPluginName = (typeof FILTER_PLUGINS)[number];

export const SCORE_PLUGINS = [
  'TaintToleration',
  'NodeAffinity',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
  'NodeResourcesBalancedAllocation',
  'ImageLocality',
] as const;
export type ScorePluginName = (typeof SCORE_PLUGINS)[number];

/** Score weights of the default profile (apis/config/v1/default_plugins.go). */
export const DEFAULT_WEIGHTS: Readonly<Record<ScorePluginName, number>> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
};

export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Rejection {
  readonly plugin: string;
  readonly code: Code;
  readonly reasons: readonly string[];
}

/** What the scheduler sees: nodes in snapshot order and the pods assigned to them. */
export interface ReferenceCluster {
  readonly nodes: readonly Node[];
  /** Pods with spec.nodeName set; terminal ones (Succeeded/Failed) are ignored, as the scheduler's informer does. */
  readonly pods: readonly Pod[];
  /** Image sizes in bytes, by normalized name (model/images.ts normalizeImage); node.images lists what a node holds. */
  readonly imageSizes?: ReadonlyMap<string, number>;
  /** ReplicaSets and ReplicationControllers, for the system default spreading selector. */
  readonly workloads?: readonly ReplicaSet[];
}

export interface ReferenceOptions {
  /** Filter plugins to run (default all), always in upstream order. */
  readonly filters?: readonly FilterPluginName[];
  /** Score plugins with their weights (default DEFAULT_WEIGHTS). */
  readonly scores?: Readonly<Partial<Record<ScorePluginName, number>>>;
  /** PodTopologySpread's system default constraints (default true). */
  readonly systemDefaultSpreading?: boolean;
}

export interface NodeVerdictRef {
  readonly node: string;
  /** null: feasible. */
  readonly rejection: Rejection | null;
}

export interface NodeScoresRef {
  readonly node: string;
  /** Normalized score per plugin that ran (0..100, before weighting); skipped plugins are absent. */
  readonly scores: Readonly<Partial<Record<ScorePluginName, number>>>;
  /** Sum of weight x score. */
  readonly total: number;
}

export interface ReferenceResult {
  /** One per node, in snapshot order (nodes cut by a PreFilter result included). */
  readonly verdicts: readonly NodeVerdictRef[];
  /** Feasible node names, in snapshot order. */
  readonly feasible: readonly string[];
  /** One per feasible node, in the same order. */
  readonly scores: readonly NodeScoresRef[];
  /** Feasible nodes with the highest total (selectHost picks among them). */
  readonly best: readonly string[];
  /** Set when PreFilter rejected the pod outright. */
  readonly preFilter?: Rejection;
}
