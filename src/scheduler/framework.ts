import type { Pod } from '../model/pod.js';
import type { ClusterEventWithHint } from './events.js';
import type { NodeInfo } from './nodeinfo.js';
import { NO_NAMES, withName } from './plugin-names.js';
import { ListSnapshot, type Snapshot } from './snapshot.js';

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

/** A constant status already stamped with its plugin (no allocation on the hot path). */
export function pluginStatus(plugin: string, code: Code, ...reasons: string[]): Status {
  return Object.freeze({ code, reasons: Object.freeze(reasons), plugin });
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
  /** The slot's index in every CycleState: equal for equal names (stateKey hands them out). */
  readonly slot: number;
  /** Phantom field carrying the slot's type; never set. */
  readonly _type?: T;
}

/** Slot index by key name: keys of one name share a slot, as they shared a name-keyed entry before. */
const slotsByName = new Map<string, number>();

export function stateKey<T>(name: string): StateKey<T> {
  let slot = slotsByName.get(name);
  if (slot === undefined) slotsByName.set(name, (slot = slotsByName.size));
  return { name, slot };
}

const EMPTY_SNAPSHOT = new ListSnapshot([]);

/** State a plugin mutates in AddPod/RemovePod implements `clone` (StateData.Clone); the rest is shared. */
export interface Cloneable {
  clone(): unknown;
}

const isCloneable = (v: unknown): v is Cloneable =>
  typeof v === 'object' && v !== null && typeof (v as { clone?: unknown }).clone === 'function';

/**
 * Data plugins compute once per scheduling cycle (PreFilter, PreScore) and
 * read per node, plus the cycle's snapshot of the cluster (every node, in
 * snapshot order, and the pod-count indexes).
 */
export class CycleState {
  /**
   * The written values by StateKey.slot (holes are slots never written): an
   * array rather than a Map keyed by name, as a cycle is made for every pod.
   */
  private readonly slots: unknown[] = new Array(slotsByName.size);
  private skippedFilters: ReadonlySet<string> = NO_NAMES;
  private skippedScores: ReadonlySet<string> = NO_NAMES;

  constructor(readonly snapshot: Snapshot = EMPTY_SNAPSHOT) {}

  /** Filter plugins whose PreFilter returned Skip: an interned set (plugin-names.ts), so usable as a memo key. */
  get skipFilterPlugins(): ReadonlySet<string> {
    return this.skippedFilters;
  }

  /** Score plugins whose PreScore returned Skip: an interned set (plugin-names.ts), so usable as a memo key. */
  get skipScorePlugins(): ReadonlySet<string> {
    return this.skippedScores;
  }

  /** Records a PreFilter Skip: the plugin's Filter does not run this cycle. */
  skipFilter(plugin: string): void {
    this.skippedFilters = withName(this.skippedFilters, plugin);
  }

  /** Records a PreScore Skip: the plugin's Score does not run this cycle. */
  skipScore(plugin: string): void {
    this.skippedScores = withName(this.skippedScores, plugin);
  }

  write<T>(key: StateKey<T>, value: T): void {
    this.slots[key.slot] = value;
  }

  read<T>(key: StateKey<T>): T | undefined {
    return this.slots[key.slot] as T | undefined;
  }

  /** CycleState.Clone: slots that can clone are copied, the rest shared. */
  clone(): CycleState {
    const copy = new CycleState(this.snapshot);
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      if (!(i in slots)) continue;
      const v = slots[i];
      copy.slots[i] = isCloneable(v) ? v.clone() : v;
    }
    copy.skippedFilters = this.skippedFilters;
    copy.skippedScores = this.skippedScores;
    return copy;
  }
}

export interface Plugin {
  readonly name: string;
  /**
   * Node-local plugins only: the part of the pod their Filter and Score read,
   * as a string (equal strings: the plugin treats the pods alike). Declaring
   * it promises that Filter's verdict and Score's raw score on a node depend
   * only on that part of the pod, the NodeInfo, and the node set as a whole
   * (never on other nodes' pods), and that NormalizeScore treats nodes with
   * equal raw scores alike whatever else it is given. The framework then
   * reuses verdicts and raw scores across the cycles of alike pods until the
   * node changes (equivalence-cache.ts). Plugins that read other nodes' pods
   * (PodTopologySpread, InterPodAffinity) leave it out.
   */
  equivalence?(pod: Pod): string;
}

/** `nodeNames` narrows the nodes to evaluate; undefined means all nodes. */
export interface PreFilterResult {
  readonly nodeNames?: ReadonlySet<string>;
}

/** What PreFilter returns: `result` narrows the nodes; `status` null passes. */
export interface PreFilterReturn {
  readonly result?: PreFilterResult;
  readonly status: Status | null;
}

/** PreFilter's usual answer: pass, no node list (shared: PreFilter runs for every pod). */
export const PRE_FILTER_PASS: PreFilterReturn = Object.freeze({ status: null });

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterReturn;
  /**
   * PreFilterExtensions: keep the PreFilter state right when a pod is added to
   * or removed from `nodeInfo` during this cycle (nominated pods, preemption's
   * what-if). Plugins whose state does not depend on other pods omit them.
   */
  addPod?(state: CycleState, podToSchedule: Pod, podToAdd: Pod, nodeInfo: NodeInfo): void;
  removePod?(state: CycleState, podToSchedule: Pod, podToRemove: Pod, nodeInfo: NodeInfo): void;
}

/** Pure with respect to the cluster: reads the pod, the NodeInfo and the cycle state. */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
  /**
   * Filter over many nodes at once (same verdicts, one call): for each `i`
   * whose `statuses[i]` is null, sets it to this plugin's rejection of
   * `nodes[i]`, already stamped with the plugin's name (code Unschedulable
   * or UnschedulableAndUnresolvable), or leaves it null. Optional.
   */
  filterNodes?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[]): void;
}

export interface PostFilterResult {
  /** The node the preemptor is nominated to, when preemption found one; '' clears a nomination. */
  readonly nominatedNodeName?: string;
  /** The pods to evict on that node (DefaultPreemption's chosen candidate), most important first. */
  readonly victims?: readonly Pod[];
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
  /** RunFilterPluginsWithNominatedPods against one (possibly modified) NodeInfo. */
  runFilters(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
  /** RunPreFilterExtensionAddPod / RemovePod. */
  addPod(state: CycleState, pod: Pod, podToAdd: Pod, nodeInfo: NodeInfo): void;
  removePod(state: CycleState, pod: Pod, podToRemove: Pod, nodeInfo: NodeInfo): void;
}

/**
 * The nodes PreScore scores over (those that passed Filter, in the order
 * found), made on first call: most cycles' PreScores never read them, and
 * the ranked search then never copies its window. Valid during the cycle's
 * PreScore (the ranked search hands every cycle the same function).
 */
export type FilteredNodes = () => readonly NodeInfo[];

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, filtered: FilteredNodes): Status | null;
}

/** Scores are integers in [0, MAX_NODE_SCORE]; the framework multiplies them by the plugin's weight. */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Score over many nodes at once: `scores[i] = score(state, pod, nodes[i])`. Optional. */
  scoreNodes?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], scores: number[]): void;
  /** Rescales raw scores in place to [0, MAX_NODE_SCORE]; `scores[i]` belongs to `nodes[i]`. */
  normalizeScore?(state: CycleState, pod: Pod, scores: number[], nodes: readonly NodeInfo[]): void;
}

/** The cluster events that can make a pod this plugin rejected schedulable (EnqueueExtensions). */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): readonly ClusterEventWithHint[];
}

export const MAX_NODE_SCORE = 100;

/** A score outside 0..MAX_NODE_SCORE after normalizing is a plugin bug (upstream fails the cycle). */
export function checkedScore(plugin: string, score: number): number {
  if (!Number.isInteger(score) || score < 0 || score > MAX_NODE_SCORE) {
    throw new Error(`plugin ${plugin} returned an invalid score ${score}, should be in the range [0, ${MAX_NODE_SCORE}]`);
  }
  return score;
}

export interface PluginScore {
  readonly plugin: string;
  /** Normalized score times the plugin's weight. */
  readonly score: number;
  /** The normalized score, 0..MAX_NODE_SCORE, before weighting. */
  readonly normalized: number;
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
 *
 * While no node has been set twice, the verdicts are two lists in the order
 * set (a search sets each node it rejects once, often hundreds a cycle, and
 * most cycles never read them); the first read, or `expectRepeats()`, makes
 * them a Map. A caller that may set a node again must call `expectRepeats()`
 * first, so that a later `size` counts it once.
 */
export class NodeToStatus {
  private names: string[] | undefined;
  private list: Status[] | undefined;
  private statuses: Map<string, Status> | undefined;

  constructor(public absent: Status = UNRESOLVABLE) {}

  set(nodeName: string, status: Status): void {
    if (this.statuses !== undefined) this.statuses.set(nodeName, status);
    else {
      (this.names ??= []).push(nodeName);
      (this.list ??= []).push(status);
    }
  }

  /** Makes the verdicts a Map now: a node set from here on replaces its earlier verdict. */
  expectRepeats(): void {
    this.map();
  }

  get(nodeName: string): Status {
    return this.map().get(nodeName) ?? this.absent;
  }

  /** Nodes with an explicit status, in the order they were first set. */
  entries(): IterableIterator<[string, Status]> {
    return this.map().entries();
  }

  get size(): number {
    return this.statuses !== undefined ? this.statuses.size : this.names === undefined ? 0 : this.names.length;
  }

  private map(): Map<string, Status> {
    if (this.statuses === undefined) {
      const statuses = new Map<string, Status>();
      const names = this.names ?? NO_NODE_NAMES;
      const list = this.list ?? NO_STATUS_LIST;
      for (let i = 0; i < names.length; i++) statuses.set(names[i] as string, list[i] as Status);
      this.statuses = statuses;
      this.names = undefined;
      this.list = undefined;
    }
    return this.statuses;
  }
}

const NO_NODE_NAMES: readonly string[] = [];
const NO_STATUS_LIST: readonly Status[] = [];

/** NodeToStatus's default `absent`: UnschedulableAndUnresolvable with no reason and no plugin (frozen, so shared). */
const UNRESOLVABLE: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze([]), plugin: '' });

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
  return new CycleDiagnosis();
}

/** A Diagnosis whose parts are made on first use (most attempts succeed and never read them). */
class CycleDiagnosis implements Diagnosis {
  preFilterMsg = '';
  postFilterMsg = '';
  private statuses: NodeToStatus | undefined;
  private unschedulable: Set<string> | undefined;
  private pending: Set<string> | undefined;

  get nodeToStatus(): NodeToStatus {
    return (this.statuses ??= new NodeToStatus());
  }

  get unschedulablePlugins(): Set<string> {
    return (this.unschedulable ??= new Set());
  }

  get pendingPlugins(): Set<string> {
    return (this.pending ??= new Set());
  }
}

/** Diagnosis.AddPluginStatus: remember which plugin rejected the pod. */
export function addPluginStatus(diagnosis: Diagnosis, status: Status): void {
  if (status.plugin === '') return;
  if (isRejected(status)) diagnosis.unschedulablePlugins.add(status.plugin);
  if (status.code === 'Pending') diagnosis.pendingPlugins.add(status.plugin);
}
