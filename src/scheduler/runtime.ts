import type { Pod } from '../model/pod.js';
import {
  MAX_NODE_SCORE,
  isRejected,
  newStatus,
  withPlugin,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type NodePluginScores,
  type NodeScore,
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
import type { NodeInfo } from './nodeinfo.js';
import type { HintRegistration } from './events.js';
import type { Profile } from './profile.js';

const has = <K extends string>(p: Plugin, method: K): p is Plugin & Record<K, unknown> =>
  typeof (p as unknown as Record<string, unknown>)[method] === 'function';

/**
 * Runs a profile's plugins at each extension point, in profile order
 * (framework/runtime/framework.go). Stateless between cycles: everything a
 * cycle learns lives in its CycleState.
 */
export class Framework {
  readonly profileName: string;
  private readonly preFilters: PreFilterPlugin[];
  private readonly filters: FilterPlugin[];
  private readonly postFilters: PostFilterPlugin[];
  private readonly preScores: PreScorePlugin[];
  private readonly scores: { plugin: ScorePlugin; weight: number }[];
  private readonly enqueue: EnqueueExtensions[];

  constructor(readonly profile: Profile) {
    this.profileName = profile.schedulerName;
    const plugins = profile.plugins.map((p) => p.plugin);
    this.preFilters = plugins.filter((p): p is PreFilterPlugin => has(p, 'preFilter'));
    this.filters = plugins.filter((p): p is FilterPlugin => has(p, 'filter'));
    this.postFilters = plugins.filter((p): p is PostFilterPlugin => has(p, 'postFilter'));
    this.preScores = plugins.filter((p): p is PreScorePlugin => has(p, 'preScore'));
    this.scores = profile.plugins.flatMap(({ plugin, weight }) =>
      has(plugin, 'score') ? [{ plugin: plugin as ScorePlugin, weight: weight ?? 1 }] : [],
    );
    this.enqueue = plugins.filter((p): p is EnqueueExtensions => has(p, 'eventsToRegister'));
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
  ): { result?: PreFilterResult; status: Status | null; narrowedBy: Set<string> } {
    let nodeNames: Set<string> | undefined;
    let returned: Status | null = null;
    const narrowedBy = new Set<string>();
    for (const pl of this.preFilters) {
      const { result, status } = pl.preFilter(state, pod, nodes);
      if (status?.code === 'Skip') {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (status !== null && status.code !== 'Success') {
        const stamped = withPlugin(status, pl.name);
        if (stamped.code === 'UnschedulableAndUnresolvable') return { status: stamped, narrowedBy: new Set() };
        if (stamped.code === 'Unschedulable') returned = stamped;
        else return { status: newStatus('Error', `running PreFilter plugin "${pl.name}": ${stamped.reasons.join(', ')}`), narrowedBy };
        continue;
      }
      if (result?.nodeNames === undefined) continue;
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
    return { ...(nodeNames ? { result: { nodeNames } } : {}), status: returned, narrowedBy };
  }

  /** RunFilterPlugins: the first plugin that rejects the node decides; null when all pass. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.filters) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      const status = pl.filter(state, pod, nodeInfo);
      if (status === null || status.code === 'Success') continue;
      if (isRejected(status)) return withPlugin(status, pl.name);
      return newStatus('Error', `running "${pl.name}" filter plugin: ${status.reasons.join(', ')}`);
    }
    return null;
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
    const context: PostFilterContext = { nodes, runFilters: (s, p, n) => this.runFilterPlugins(s, p, n) };
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
  runPreScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null {
    for (const pl of this.preScores) {
      const status = pl.preScore(state, pod, nodes);
      if (status?.code === 'Skip') state.skipScorePlugins.add(pl.name);
      else if (status !== null && status.code !== 'Success') return withPlugin(status, pl.name);
    }
    return null;
  }

  /**
   * RunScorePlugins: each plugin scores every node, normalizes, and is
   * multiplied by its weight; a node's total is the sum. Order follows `nodes`.
   */
  runScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodePluginScores[] {
    const perPlugin = this.scores
      .filter(({ plugin }) => !state.skipScorePlugins.has(plugin.name))
      .map(({ plugin, weight }) => {
        const list: NodeScore[] = nodes.map((n) => ({ name: n.name, score: plugin.score(state, pod, n) }));
        plugin.normalizeScore?.(state, pod, list);
        return { plugin: plugin.name, weight, list };
      });
    return nodes.map((n, i) => {
      const scores = perPlugin.map(({ plugin, weight, list }) => ({ plugin, score: checkedScore(plugin, list[i]?.score ?? 0) * weight }));
      return { name: n.name, scores, totalScore: scores.reduce((sum, s) => sum + s.score, 0) };
    });
  }
}

/** A score outside 0..MAX_NODE_SCORE after normalizing is a plugin bug (upstream fails the cycle). */
function checkedScore(plugin: string, score: number): number {
  if (!Number.isInteger(score) || score < 0 || score > MAX_NODE_SCORE) {
    throw new Error(`plugin ${plugin} returned an invalid score ${score}, should be in the range [0, ${MAX_NODE_SCORE}]`);
  }
  return score;
}
