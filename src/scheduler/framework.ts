import type { Pod } from '../model/pod.js';
import type { ClusterEventWithHint } from './events.js';
import type { NodeInfo } from './nodeinfo.js';

/**
 * The scheduling framework's vocabulary, after kube-scheduler's
 * `framework/interface.go`: a Status (code + reasons + plugin), the plugin
 * interfaces per extension point, per-cycle state and the diagnosis of a
 * failed attempt. A `null` Status is success, as a nil *Status is upstream.
 */

export const CODES = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending'] as const;
export type Code = (typeof CODES)[number];

export interface Status {
  readonly code: Code;
  /** Kubernetes' reason strings, verbatim; the message is their join with ", ". */
  readonly reasons: readonly string[];
  /** The plugin that returned it ('' until the framework stamps it). */
  readonly plugin: string;
}

export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons, plugin: '' };
}

export function withPlugin(status: Status, plugin: string): Status {
  return status.plugin === plugin ? status : { ...status, plugin };
}

/** Status.Message(): the reasons joined with ", ". */
export function statusMessage(status: Status | null): string {
  return status ? status.reasons.join(', ') : '';
}

/** Unschedulable or UnschedulableAndUnresolvable (Status.IsRejected). */
export function isRejected(status: Status | null): boolean {
  return status !== null && (status.code === 'Unschedulable' || status.code === 'UnschedulableAndUnresolvable');
}

export function isSuccess(status: Status | null): status is null {
  return status === null || status.code === 'Success';
}

/** A typed slot in the CycleState; create one per plugin with `stateKey`. */
export interface StateKey<T> {
  readonly name: string;
  /** Phantom field carrying the slot's type; never set. */
  readonly _type?: T;
}

export function stateKey<T>(name: string): StateKey<T> {
  return { name };
}

/** Data plugins compute once per scheduling cycle (PreFilter, PreScore) and read per node. */
export class CycleState {
  private readonly slots = new Map<string, unknown>();
  /** Filter plugins whose PreFilter returned Skip. */
  readonly skipFilterPlugins = new Set<string>();
  /** Score plugins whose PreScore returned Skip. */
  readonly skipScorePlugins = new Set<string>();

  write<T>(key: StateKey<T>, value: T): void {
    this.slots.set(key.name, value);
  }

  read<T>(key: StateKey<T>): T | undefined {
    return this.slots.get(key.name) as T | undefined;
  }
}

export interface Plugin {
  readonly name: string;
}

/** `nodeNames` narrows the nodes to evaluate; undefined means all nodes. */
export interface PreFilterResult {
  readonly nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status | null };
}

/** Pure with respect to the cluster: reads the pod, the NodeInfo and the cycle state. */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
}

export interface PostFilterResult {
  /** The node the preemptor is nominated to, when preemption found one. */
  readonly nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(
    state: CycleState,
    pod: Pod,
    filtered: NodeToStatus,
    context: PostFilterContext,
  ): { result?: PostFilterResult; status: Status | null };
}

/** What a PostFilter plugin may read besides the pod and the filter verdicts. */
export interface PostFilterContext {
  /** All nodes of the snapshot, in snapshot order. */
  readonly nodes: readonly NodeInfo[];
  /** Runs every filter plugin against one (possibly modified) NodeInfo. */
  runFilters(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null;
}

/** Scores are integers in [0, MAX_NODE_SCORE]; the framework multiplies them by the plugin's weight. */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Rescales raw scores in place to [0, MAX_NODE_SCORE]. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

/** The cluster events that can make a pod this plugin rejected schedulable (EnqueueExtensions). */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): readonly ClusterEventWithHint[];
}

export const MAX_NODE_SCORE = 100;

export interface NodeScore {
  readonly name: string;
  score: number;
}

export interface PluginScore {
  readonly plugin: string;
  /** Normalized score times the plugin's weight. */
  readonly score: number;
}

/** One feasible node's scores (framework.NodePluginScores). */
export interface NodePluginScores {
  readonly name: string;
  readonly scores: readonly PluginScore[];
  readonly totalScore: number;
}

/**
 * Per-node filter verdicts of one attempt. Nodes never evaluated (cut by a
 * PreFilterResult) report `absent` (framework.NodeToStatus).
 */
export class NodeToStatus {
  private readonly statuses = new Map<string, Status>();

  constructor(public absent: Status = newStatus('UnschedulableAndUnresolvable')) {}

  set(nodeName: string, status: Status): void {
    this.statuses.set(nodeName, status);
  }

  get(nodeName: string): Status {
    return this.statuses.get(nodeName) ?? this.absent;
  }

  /** Nodes with an explicit status, in the order they were set. */
  entries(): IterableIterator<[string, Status]> {
    return this.statuses.entries();
  }

  get size(): number {
    return this.statuses.size;
  }
}

/** Why an attempt failed (framework.Diagnosis). */
export interface Diagnosis {
  readonly nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod on some node: they decide which cluster events requeue it. */
  readonly unschedulablePlugins: Set<string>;
  readonly pendingPlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: new NodeToStatus(),
    unschedulablePlugins: new Set(),
    pendingPlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
}

/** Diagnosis.AddPluginStatus: remember which plugin rejected the pod. */
export function addPluginStatus(diagnosis: Diagnosis, status: Status): void {
  if (status.plugin === '') return;
  if (isRejected(status)) diagnosis.unschedulablePlugins.add(status.plugin);
  if (status.code === 'Pending') diagnosis.pendingPlugins.add(status.plugin);
}
