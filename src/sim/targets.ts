import type { Rng } from '../engine/random.js';
import { matchesLabelSelector } from '../model/labels.js';
import type { Node } from '../model/node.js';
import type { NodeTarget } from '../model/scenario.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * The nodes a scenario action targets, in creation order. A `count` picks that
 * many distinct nodes with `rng` (a partial Fisher-Yates shuffle over the
 * candidates in creation order), so the choice depends only on the seed and
 * the cluster. Names that match no node are returned in `missing`.
 */
export function resolveTarget(
  target: NodeTarget,
  nodes: readonly Node[],
  rng: Rng,
): { nodes: Node[]; missing: string[] } {
  if ('nodes' in target) {
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const found: Node[] = [];
    const missing: string[] = [];
    for (const name of target.nodes) {
      const n = byName.get(name);
      if (n) found.push(n);
      else missing.push(name);
    }
    return { nodes: found, missing };
  }
  if ('zone' in target) return { nodes: nodes.filter((n) => n.labels[ZONE_LABEL] === target.zone), missing: [] };
  const candidates = 'selector' in target ? nodes.filter((n) => matchesLabelSelector(target.selector, n.labels)) : [...nodes];
  const count = target.count;
  if (count === undefined || count >= candidates.length) return { nodes: candidates, missing: [] };
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  const chosen = new Set(candidates.slice(0, count));
  return { nodes: nodes.filter((n) => chosen.has(n)), missing: [] };
}
