import type { Pod } from '../model/pod.js';
import {
  MAX_NODE_SCORE,
  checkedScore,
  isRejected,
  isSuccess,
  newStatus,
  withPlugin,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type FilteredNodes,
  type NodePluginScores,
  type NodeToStatus,
  type Plugin,
  type PostFilterContext,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from './framework.js';
import { Equivalence, type WeightedScore } from './equivalence.js';
import type { NodeInfo } from './nodeinfo.js';
import { podResources as podResourcesOf } from './pod-resources.js';
import type { HintRegistration } from './events.js';
import { enabledAt, type ExtensionPoint, type Profile } from './profile.js';

const NO_PODS: readonly Pod[] = [];
/** runPreFilterPlugins' narrowedBy when no PreFilterResult cut the node list. */
const NOT_NARROWED: ReadonlySet<string> = new Set();
/** runPreFilterPlugins' usual answer, shared: every plugin passed or skipped, no node list. */
const PRE_FILTER_PASSED = Object.freeze({ status: null, narrowedBy: NOT_NARROWED });

const has = <K extends string>(p: Plugin, method: K): p is Plugin & Record<K, unknown> =>
  typeof (p as unknown as Record<string, unknown>)[method] === 'function';

/** One score plugin's normalized scores over the scored nodes, in node order. */
export interface PluginScoreList {
  readonly plugin: string;
  readonly weight: number;
  readonly scores: readonly number[];
}

/** A plugin's name and one of its methods, bound to it. */
interface PluginCall<F> {
  readonly name: string;
  readonly run: F;
}

/**
 * Runs a profile's plugins at each extension point, in profile order
 * (framework/runtime/framework.go). Stateless between cycles: everything a
 * cycle learns lives in its CycleState.
 */
export class Framework {
  readonly profileName: string;
  private readonly preFilters: PreFilterPlugin[];
  /**
   * PreFilter and PreScore as {name, bound method} records, all of one
   * shape: the per-pod loops read `run` and `name` monomorphically, where
   * `plugin.preFilter` across plugin classes is a megamorphic load.
   */
  private readonly preFilterCalls: readonly PluginCall<PreFilterPlugin['preFilter']>[];
  private readonly preScoreCalls: readonly PluginCall<PreScorePlugin['preScore']>[];
  private readonly filters: FilterPlugin[];
  private readonly postFilters: PostFilterPlugin[];
  private readonly preScores: PreScorePlugin[];
  private readonly scores: WeightedScore[];
  private readonly enqueue: EnqueueExtensions[];
  /** Filter verdicts and scores reused across the cycles of alike pods. */
  readonly equivalence: Equivalence;

  constructor(readonly profile: Profile) {
    this.profileName = profile.schedulerName;
    const at = <T extends Plugin>(point: ExtensionPoint, method: string) =>
      profile.plugins.filter((p) => enabledAt(p, point) && has(p.plugin, method)).map((p) => p.plugin as T);
    this.preFilters = at<PreFilterPlugin>('preFilter', 'preFilter');
    this.filters = at<FilterPlugin>('filter', 'filter');
    this.postFilters = at<PostFilterPlugin>('postFilter', 'postFilter');
    this.preScores = at<PreScorePlugin>('preScore', 'preScore');
    this.preFilterCalls = this.preFilters.map((pl) => ({ name: pl.name, run: pl.preFilter.bind(pl) }));
    this.preScoreCalls = this.preScores.map((pl) => ({ name: pl.name, run: pl.preScore.bind(pl) }));
    this.scores = profile.plugins
      .filter((p) => enabledAt(p, 'score') && has(p.plugin, 'score'))
      .map(({ plugin, weight }) => ({ plugin: plugin as ScorePlugin, weight: weight === undefined || weight === 0 ? 1 : weight }));
    this.enqueue = profile.plugins.map((p) => p.plugin).filter((p): p is EnqueueExtensions => has(p, 'eventsToRegister'));
    this.equivalence = new Equivalence(
      {
        activeFilters: (state) => this.activeFilters(state),
        runFilterList: (state, pod, nodeInfo, filters) => this.runFilterList(state, pod, nodeInfo, filters),
        addScoresInto: (state, pod, nodes, totals, score) => this.addScoresInto(state, pod, nodes, totals, score),
        scores: this.scores,
      },
      profile.plugins.map((p) => p.plugin),
    );
  }

  get hasScorePlugins(): boolean {
    return this.scores.length > 0;
  }

  get hasFilterPlugins(): boolean {
    return this.filters.length > 0;
  }

  /** The profile's percentageOfNodesToScore (undefined: use the scheduler-wide value). */
  get percentageOfNodesToScore(): number | undefined {
    return this.profile.percentageOfNodesToScore;
  }

  /** The QueueingHint map: every plugin's event registrations, in profile order. */
  queueingHints(): HintRegistration[] {
    return this.enqueue.flatMap((p) => p.eventsToRegister().map((registration) => ({ plugin: p.name, registration })));
  }

  /**
   * RunPreFilterPlugins: Skip marks the plugin's Filter as skipped; an
   * UnschedulableAndUnresolvable status stops at once; results intersect.
   * `narrowedBy` names the plugins whose result cut the node list.
   */
  runPreFilterPlugins(
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
  ): { result?: PreFilterResult; status: Status | null; narrowedBy: ReadonlySet<string> } {
    let nodeNames: Set<string> | undefined;
    let returned: Status | null = null;
    let narrowedBy: Set<string> | undefined;
    for (const pl of this.preFilterCalls) {
      const { result, status } = pl.run(state, pod, nodes);
      if (status?.code === 'Skip') {
        state.skipFilter(pl.name);
        continue;
      }
      if (status !== null && status.code !== 'Success') {
        const stamped = withPlugin(status, pl.name);
        if (stamped.code === 'UnschedulableAndUnresolvable') return { status: stamped, narrowedBy: NOT_NARROWED };
        if (stamped.code === 'Unschedulable') returned = stamped;
        else return { status: newStatus('Error', `running PreFilter plugin "${pl.name}": ${stamped.reasons.join(', ')}`), narrowedBy: narrowedBy ?? NOT_NARROWED };
        continue;
      }
      if (result?.nodeNames === undefined) continue;
      narrowedBy ??= new Set<string>();
      narrowedBy.add(pl.name);
      const names = result.nodeNames;
      nodeNames = nodeNames === undefined ? new Set(names) : new Set([...nodeNames].filter((n) => names.has(n)));
      if (nodeNames.size === 0) {
        const list = [...narrowedBy].sort();
        const msg =
          list.length === 1
            ? `node(s) didn't satisfy plugin ${list[0]}`
            : `node(s) didn't satisfy plugin(s) [${list.join(' ')}] simultaneously`;
        return { result: { nodeNames }, status: newStatus('UnschedulableAndUnresolvable', msg), narrowedBy };
      }
    }
    if (nodeNames === undefined && returned === null) return PRE_FILTER_PASSED;
    return { ...(nodeNames ? { result: { nodeNames } } : {}), status: returned, narrowedBy: narrowedBy ?? NOT_NARROWED };
  }

  /** RunFilterPlugins: the first plugin that rejects the node decides; null when all pass. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    return this.runFilterList(state, pod, nodeInfo, this.activeFilters(state));
  }

  private runFilterList(state: CycleState, pod: Pod, nodeInfo: NodeInfo, filters: readonly FilterPlugin[]): Status | null {
    for (let i = 0; i < filters.length; i++) {
      const pl = filters[i] as FilterPlugin;
      const status = pl.filter(state, pod, nodeInfo);
      if (status === null || status.code === 'Success') continue;
      return filterVerdict(status, pl.name);
    }
    return null;
  }

  /**
   * runFilterPlugins for every node of `nodes` (no nominated pods considered):
   * `statuses[i]` becomes what runFilterPlugins(state, pod, nodes[i]) returns.
   * Plugins run one after the other over the nodes still feasible, through
   * their batch form when they have one. Cost: one plugin call per plugin
   * for batch plugins, else one per plugin and still-feasible node.
   */
  runFilterPluginsOnNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[]): void {
    statuses.length = nodes.length;
    statuses.fill(null);
    this.runFilterListOnNodes(state, pod, nodes, statuses, this.activeFilters(state));
  }

  /** runFilterPluginsOnNodes with `filters` only, for the nodes whose `statuses[i]` is still null. */
  runFilterListOnNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[], filters: readonly FilterPlugin[]): void {
    const n = nodes.length;
    for (const pl of filters) {
      if (pl.filterNodes !== undefined) {
        pl.filterNodes(state, pod, nodes, statuses);
        continue;
      }
      for (let i = 0; i < n; i++) {
        if (statuses[i] !== null) continue;
        const status = pl.filter(state, pod, nodes[i] as NodeInfo);
        if (status !== null && status.code !== 'Success') statuses[i] = filterVerdict(status, pl.name);
      }
    }
  }

  /**
   * RunFilterPluginsWithNominatedPods: when pods of equal or higher priority
   * are nominated to the node, the filters run twice, once as if they were
   * there (on copies of the node and the state) and, if that passes, once
   * without them; both must pass.
   */
  /** The filters not skipped by PreFilter, made once per skip set (the skip set is final once PreFilter ran). */
  private activeFilters(state: CycleState): readonly FilterPlugin[] {
    const skip = state.skipFilterPlugins;
    // Alike pods skip alike: the last answer first, then the map.
    if (skip === this.lastSkip) return this.lastActive;
    let plugins = this.activeBySkips.get(skip);
    if (plugins === undefined) {
      plugins = skip.size === 0 ? this.filters : this.filters.filter((pl) => !skip.has(pl.name));
      this.activeBySkips.set(skip, plugins);
    }
    this.lastSkip = skip;
    this.lastActive = plugins;
    return plugins;
  }

  /** activeFilters' lists by skip set (skip sets are interned: plugin-names.ts), and its last answer. */
  private readonly activeBySkips = new Map<ReadonlySet<string>, readonly FilterPlugin[]>();
  private lastSkip: ReadonlySet<string> | undefined;
  private lastActive: readonly FilterPlugin[] = [];

  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const nominated = state.snapshot.hasNominatedPods() ? state.snapshot.nominatedPods(nodeInfo.name) : NO_PODS;
    if (nominated.length > 0) {
      const added = this.addNominatedPods(state, pod, nodeInfo, nominated);
      if (added !== undefined) {
        const status = this.runFilterPlugins(added.state, pod, added.nodeInfo);
        if (!isSuccess(status)) return status;
      }
    }
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  /** addGENominatedPods: undefined when none qualifies. */
  private addNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo, nominated: readonly Pod[]) {
    let out: { state: CycleState; nodeInfo: NodeInfo } | undefined;
    for (const p of nominated) {
      if (p.spec.priority < pod.spec.priority || p.metadata.uid === pod.metadata.uid) continue;
      out ??= { state: state.clone(), nodeInfo: nodeInfo.clone() };
      out.nodeInfo.addPod(p, podResourcesOf(p));
      this.runPreFilterExtensionAddPod(out.state, pod, p, out.nodeInfo);
    }
    return out;
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: Pod, podToAdd: Pod, nodeInfo: NodeInfo): void {
    for (const pl of this.preFilters) {
      if (!state.skipFilterPlugins.has(pl.name)) pl.addPod?.(state, pod, podToAdd, nodeInfo);
    }
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: Pod, podToRemove: Pod, nodeInfo: NodeInfo): void {
    for (const pl of this.preFilters) {
      if (!state.skipFilterPlugins.has(pl.name)) pl.removePod?.(state, pod, podToRemove, nodeInfo);
    }
  }

  /**
   * RunPostFilterPlugins: the first success wins; an UnschedulableAndUnresolvable
   * answer stops; otherwise the reasons of all plugins are joined (", ").
   */
  runPostFilterPlugins(
    state: CycleState,
    pod: Pod,
    filtered: NodeToStatus,
    nodes: readonly NodeInfo[],
  ): { result?: PostFilterResult; status: Status | null } {
    const context: PostFilterContext = {
      nodes,
      runFilters: (s, p, n) => this.runFilterPluginsWithNominatedPods(s, p, n),
      addPod: (s, p, a, n) => this.runPreFilterExtensionAddPod(s, p, a, n),
      removePod: (s, p, r, n) => this.runPreFilterExtensionRemovePod(s, p, r, n),
    };
    const reasons: string[] = [];
    let rejector = '';
    let kept: PostFilterResult | undefined;
    for (const pl of this.postFilters) {
      const { result, status } = pl.postFilter(state, pod, filtered, context);
      if (status === null || status.code === 'Success') return { ...(result ? { result } : {}), status: null };
      if (status.code === 'UnschedulableAndUnresolvable') return { ...(result ? { result } : {}), status: withPlugin(status, pl.name) };
      if (!isRejected(status)) return { status: withPlugin(newStatus('Error', ...status.reasons), pl.name) };
      if (result) kept = result;
      reasons.push(...status.reasons);
      if (rejector === '') rejector = pl.name;
    }
    return { ...(kept ? { result: kept } : {}), status: withPlugin(newStatus('Unschedulable', ...reasons), rejector) };
  }

  /** RunPreScorePlugins; a Skip excludes the plugin's Score for this cycle. */
  runPreScorePlugins(state: CycleState, pod: Pod, filtered: FilteredNodes): Status | null {
    for (const pl of this.preScoreCalls) {
      const status = pl.run(state, pod, filtered);
      if (status?.code === 'Skip') state.skipScore(pl.name);
      else if (status !== null && status.code !== 'Success') return withPlugin(status, pl.name);
    }
    return null;
  }

  /**
   * RunScorePlugins summed: `totals[i]` = Σ normalized score × weight of
   * nodes[i], without keeping each plugin's list; false when no score plugin
   * ran (every node then scores 1). Same scores as runScorePlugins.
   */
  runScorePluginsInto(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], totals: Float64Array): boolean {
    let ran = false;
    for (const score of this.scores) {
      if (state.skipScorePlugins.has(score.plugin.name)) continue;
      this.addScoresInto(state, pod, nodes, totals, score);
      ran = true;
    }
    return ran;
  }

  /** One score plugin's normalized scores of `nodes`, times its weight, added into `totals`. */
  private addScoresInto(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], totals: Float64Array, { plugin, weight }: WeightedScore): void {
    const n = nodes.length;
    scratch.length = n;
    if (plugin.scoreNodes !== undefined) plugin.scoreNodes(state, pod, nodes, scratch);
    else for (let i = 0; i < n; i++) scratch[i] = plugin.score(state, pod, nodes[i] as NodeInfo);
    plugin.normalizeScore?.(state, pod, scratch, nodes);
    for (let i = 0; i < n; i++) {
      const s = scratch[i] as number;
      if (!(s >= 0 && s <= MAX_NODE_SCORE && Math.floor(s) === s)) checkedScore(plugin.name, s);
      totals[i] = (totals[i] as number) + s * weight;
    }
  }

  /**
   * RunScorePlugins: each plugin scores every node and normalizes; the
   * lists are in `nodes` order. Cost: one score call per plugin and node.
   */
  runScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PluginScoreList[] {
    const out: PluginScoreList[] = [];
    for (const { plugin, weight } of this.scores) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const scores = new Array<number>(nodes.length).fill(0);
      if (plugin.scoreNodes !== undefined) plugin.scoreNodes(state, pod, nodes, scores);
      else for (let i = 0; i < nodes.length; i++) scores[i] = plugin.score(state, pod, nodes[i] as NodeInfo);
      plugin.normalizeScore?.(state, pod, scores, nodes);
      for (let i = 0; i < scores.length; i++) {
        const s = scores[i] as number;
        if (!(s >= 0 && s <= MAX_NODE_SCORE && Math.floor(s) === s)) checkedScore(plugin.name, s);
      }
      out.push({ plugin: plugin.name, weight, scores });
    }
    return out;
  }
}

/** A filter's non-success answer as the framework reports it: a rejection stamped with the plugin, anything else an Error. */
function filterVerdict(status: Status, plugin: string): Status {
  if (isRejected(status)) return status.plugin === plugin ? status : withPlugin(status, plugin);
  return newStatus('Error', `running "${plugin}" filter plugin: ${status.reasons.join(', ')}`);
}

/**
 * Scratch score column for runScorePluginsInto, shared by every framework
 * (cycles never overlap). Its length is set to the node count before use.
 */
const scratch: number[] = [];

/** The weighted totals per node: Σ normalized × weight. */
export function totalScores(lists: readonly PluginScoreList[], n: number): Float64Array {
  const totals = new Float64Array(n);
  for (const { weight, scores } of lists) for (let i = 0; i < n; i++) totals[i] = (totals[i] ?? 0) + (scores[i] ?? 0) * weight;
  return totals;
}

/** NodePluginScores for every node (explain's view). */
export function nodePluginScores(lists: readonly PluginScoreList[], nodes: readonly NodeInfo[]): NodePluginScores[] {
  const totals = totalScores(lists, nodes.length);
  return nodes.map((n, i) => ({
    name: n.name,
    scores: lists.map(({ plugin, weight, scores }) => ({ plugin, score: (scores[i] ?? 0) * weight, normalized: scores[i] ?? 0 })),
    totalScore: totals[i] ?? 0,
  }));
}
