import type { Pod } from '../../model/pod.js';
import { DO_NOT_SCHEDULE_EFFECTS, findUntoleratedTaint, untoleratedTaintReason } from '../../model/taints.js';
import { ActionType, type ClusterEventWithHint, type EventObjects, type QueueingHint } from '../events.js';
import type { Toleration } from '../../model/meta.js';
import {
  newStatus,
  stateKey,
  withPlugin,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { tolerationsTolerateTaint } from '../../model/taints.js';
import { defaultNormalizeScore } from './normalize.js';

const preScoreKey = stateKey<readonly Toleration[]>('PreScoreTaintToleration');

/**
 * Equivalence keys by tolerations list: pods of one template share theirs
 * (admission shares the defaulted list), and a pod's spec never changes.
 */
const tolerationKeys = new WeakMap<readonly Toleration[], string>();

/**
 * The filter's reason since kubernetes PR #134740 (v1.35, cherry-picked to
 * v1.34 as #135023): taint keys and values may be sensitive, so the pod's
 * status no longer names them. v1.25-v1.33 printed
 * `node(s) had untolerated taint {key: value}` (model/taints.ts untoleratedTaintReason).
 */
export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';

export interface TaintTolerationOptions {
  /** Print the pre-v1.34 reason that names the first untolerated taint. */
  readonly nameTaint?: boolean;
}

/**
 * Every NoSchedule and NoExecute taint must be tolerated. Score: the number
 * of PreferNoSchedule taints the pod's tolerations (those with effect
 * PreferNoSchedule or none) do not tolerate, normalized reversed (fewest
 * wins, DefaultNormalizeScore).
 */
export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = 'TaintToleration';

  constructor(private readonly options: TaintTolerationOptions = {}) {}

  /** Node-local: reads the pod's tolerations. */
  equivalence(pod: Pod): string {
    const tolerations = pod.spec.tolerations;
    if (tolerations.length === 0) return '';
    let key = tolerationKeys.get(tolerations);
    if (key === undefined) tolerationKeys.set(tolerations, (key = JSON.stringify(tolerations)));
    return key;
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const taint = findUntoleratedTaint(nodeInfo.node.taints, pod.spec.tolerations, DO_NOT_SCHEDULE_EFFECTS);
    if (taint === undefined) return null;
    const reason = this.options.nameTaint ? untoleratedTaintReason(taint) : ERR_REASON_UNTOLERATED;
    return newStatus('UnschedulableAndUnresolvable', reason);
  }

  filterNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], statuses: (Status | null)[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const nodeInfo = nodes[i] as NodeInfo;
      if (statuses[i] !== null || nodeInfo.taintCount === 0) continue;
      const status = this.filter(state, pod, nodeInfo);
      if (status !== null) statuses[i] = withPlugin(status, this.name);
    }
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    state.write(preScoreKey, pod.spec.tolerations.filter((t) => t.effect === undefined || t.effect === 'PreferNoSchedule'));
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const tolerations = state.read(preScoreKey) ?? pod.spec.tolerations;
    let intolerable = 0;
    for (const taint of nodeInfo.node.taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) intolerable++;
    }
    return intolerable;
  }

  scoreNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], scores: number[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const nodeInfo = nodes[i] as NodeInfo;
      scores[i] = nodeInfo.taintCount === 0 ? 0 : this.score(state, pod, nodeInfo);
    }
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: number[]): void {
    defaultNormalizeScore(scores, true);
  }

  /** Pod toleration updates are registered upstream too; podsim pods are immutable. */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint, label: 'Node/Add|UpdateNodeTaint' },
        hint: schedulableAfterNodeChange,
      },
    ];
  }
}

/** Queue when the node's taints go from untolerated (or absent node) to tolerated. */
function schedulableAfterNodeChange(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Node') return 'Queue';
  const untolerated = (taints: typeof objects.new.taints) =>
    findUntoleratedTaint(taints, pod.spec.tolerations, DO_NOT_SCHEDULE_EFFECTS) !== undefined;
  const was = objects.old === undefined || untolerated(objects.old.taints);
  return was && !untolerated(objects.new.taints) ? 'Queue' : 'QueueSkip';
}
