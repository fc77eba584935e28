import type { Pod } from '../../model/pod.js';
import { matchesNodeSelector, matchesNodeSelectorTerms } from '../../model/labels.js';
import { isEmptyRecord } from '../../model/records.js';
import { ActionType, type ClusterEventWithHint, type EventObjects, type NodeProps, type QueueingHint } from '../events.js';
import {
  PRE_FILTER_PASS,
  newStatus,
  pluginStatus,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreFilterReturn,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import type { NodeFilter } from '../snapshot.js';
import { defaultNormalizeScore } from './normalize.js';

/** ErrReasonPod (plugins/nodeaffinity/node_affinity.go). */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const REJECTED = pluginStatus('NodeAffinity', 'UnschedulableAndUnresolvable', ERR_REASON_POD);
const SKIP = pluginStatus('NodeAffinity', 'Skip');
/** PreFilter's Skip, shared. */
const SKIPPED: PreFilterReturn = Object.freeze({ status: SKIP });

/** errReasonConflict: every required term pins conflicting node names. */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/**
 * spec.nodeSelector plus required node affinity (terms ORed, requirements
 * ANDed, matchFields on metadata.name). PreFilter narrows the nodes to those
 * a term names with `metadata.name In [...]` (what DaemonSet pods use), as
 * upstream's PreFilterResult does; the others then report
 * `node(s) didn't satisfy plugin(s) [NodeAffinity]`.
 */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = 'NodeAffinity';

  preFilter(_state: CycleState, pod: Pod): PreFilterReturn {
    const terms = requiredTerms(pod);
    if (terms === undefined && isEmptyRecord(pod.spec.nodeSelector)) return SKIPPED;
    if (terms === undefined || terms.length === 0) return PRE_FILTER_PASS;
    let nodeNames: Set<string> | undefined;
    for (const term of terms) {
      let termNames: Set<string> | undefined;
      for (const r of term.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const names = new Set(r.values ?? []);
        termNames = termNames === undefined ? names : new Set([...termNames].filter((n) => names.has(n)));
      }
      if (termNames === undefined) return PRE_FILTER_PASS;
      nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
    }
    if (nodeNames !== undefined && nodeNames.size === 0) {
      return { status: newStatus('UnschedulableAndUnresolvable', ERR_REASON_CONFLICT) };
    }
    return nodeNames === undefined ? PRE_FILTER_PASS : { result: { nodeNames }, status: null };
  }

  /** Node-local: reads spec.nodeSelector and the node affinity. */
  equivalence(pod: Pod): string {
    const affinity = pod.spec.affinity?.nodeAffinity;
    const selector = pod.spec.nodeSelector;
    return affinity === undefined && isEmptyRecord(selector) ? '' : JSON.stringify([selector, affinity ?? null]);
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    return requiredAffinityMatches(pod, nodeInfo.node) ? null : REJECTED;
  }

  /** Skip without preferred terms (getPodPreferredNodeAffinity returned nil). */
  preScore(_state: CycleState, pod: Pod): Status | null {
    return pod.spec.affinity?.nodeAffinity?.preferred === undefined ? SKIP : null;
  }

  /** PreferredSchedulingTerms.Score: the sum of the weights of the matching terms (weight 0 ignored). */
  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    let sum = 0;
    for (const { weight, preference } of pod.spec.affinity?.nodeAffinity?.preferred ?? []) {
      if (weight !== 0 && matchesNodeSelectorTerms([preference], nodeInfo.node)) sum += weight;
    }
    return sum;
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: number[]): void {
    defaultNormalizeScore(scores, false);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel, label: 'Node/Add|UpdateNodeLabel' },
        hint: schedulableAfterNodeChange,
      },
    ];
  }
}

function requiredTerms(pod: Pod) {
  return pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node). */
export function requiredAffinityMatches(pod: Pod, node: Pick<NodeProps, 'name' | 'labels'>): boolean {
  if (!matchesNodeSelector(pod.spec.nodeSelector, node.labels)) return false;
  const terms = requiredTerms(pod);
  return terms === undefined || matchesNodeSelectorTerms(terms, node);
}

/**
 * The pod's required node affinity (nodeSelector and required terms) as a
 * NodeFilter keyed by what it reads; undefined when the pod has neither
 * (every node matches). Alike pods share their spec parts, so the last
 * answer is kept with the parts it was made for.
 */
export function requiredAffinityFilter(pod: Pod): NodeFilter | undefined {
  const selector = pod.spec.nodeSelector;
  const required = pod.spec.affinity?.nodeAffinity?.required;
  if (required === undefined && isEmptyRecord(selector)) return undefined;
  if (selector === lastFilter.selector && required === lastFilter.required) return lastFilter.filter;
  const key = JSON.stringify([selector, required ?? null]);
  const terms = required?.nodeSelectorTerms;
  const filter: NodeFilter = {
    key,
    matches: (node) => matchesNodeSelector(selector, node.labels) && (terms === undefined || matchesNodeSelectorTerms(terms, node)),
  };
  lastFilter = { selector, required, filter };
  return filter;
}

let lastFilter: { selector: unknown; required: unknown; filter: NodeFilter | undefined } = { selector: undefined, required: undefined, filter: undefined };

/** Queue when the node now matches and did not before (or was just added). */
function schedulableAfterNodeChange(pod: Pod, objects: EventObjects): QueueingHint {
  if (objects.kind !== 'Node') return 'Queue';
  if (!requiredAffinityMatches(pod, objects.new)) return 'QueueSkip';
  return objects.old === undefined || !requiredAffinityMatches(pod, objects.old) ? 'Queue' : 'QueueSkip';
}
