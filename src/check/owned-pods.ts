import { controllerUid } from '../api/cluster.js';
import type { Pod } from '../model/pod.js';
import { isTerminal } from '../model/pod.js';
import { isPodActive } from '../model/podutil.js';

interface Counted {
  readonly owner: string;
  /** The node a DaemonSet pod is for (its nodeName or its matchFields pin). */
  readonly node?: string;
  active: boolean;
  nonTerminal: boolean;
}

/**
 * Per controller (by uid): how many of its pods are active (IsPodActive: not
 * terminal, not being deleted) and how many are not terminal (Terminating
 * included), and active pods per target node. Kept incrementally: `update`
 * after every change to a pod, `remove` when it leaves the API.
 */
export class OwnedPods {
  private readonly pods = new Map<Pod, Counted>();
  private readonly active = new Map<string, number>();
  private readonly nonTerminal = new Map<string, number>();
  private readonly activeOnNode = new Map<string, Map<string, number>>();

  update(pod: Pod): void {
    let c = this.pods.get(pod);
    if (!c) {
      const owner = controllerUid(pod);
      if (owner === undefined) return;
      const node = targetNode(pod);
      c = { owner, ...(node !== undefined ? { node } : {}), active: false, nonTerminal: false };
      this.pods.set(pod, c);
    }
    this.set(c, isPodActive(pod), !isTerminal(pod.status.phase));
  }

  remove(pod: Pod): void {
    const c = this.pods.get(pod);
    if (!c) return;
    this.set(c, false, false);
    this.pods.delete(pod);
  }

  activeOf(owner: string): number {
    return this.active.get(owner) ?? 0;
  }

  nonTerminalOf(owner: string): number {
    return this.nonTerminal.get(owner) ?? 0;
  }

  activeOn(owner: string, node: string): number {
    return this.activeOnNode.get(owner)?.get(node) ?? 0;
  }

  /** The node `pod` was counted for, if any. */
  nodeOf(pod: Pod): string | undefined {
    return this.pods.get(pod)?.node;
  }

  private set(c: Counted, active: boolean, nonTerminal: boolean): void {
    if (c.active !== active) {
      const d = active ? 1 : -1;
      this.active.set(c.owner, this.activeOf(c.owner) + d);
      if (c.node !== undefined) {
        let byNode = this.activeOnNode.get(c.owner);
        if (!byNode) this.activeOnNode.set(c.owner, (byNode = new Map()));
        byNode.set(c.node, (byNode.get(c.node) ?? 0) + d);
      }
      c.active = active;
    }
    if (c.nonTerminal !== nonTerminal) {
      this.nonTerminal.set(c.owner, this.nonTerminalOf(c.owner) + (nonTerminal ? 1 : -1));
      c.nonTerminal = nonTerminal;
    }
  }
}

/** `metadata.name`, the one field a node selector's matchFields may name. */
const OBJECT_NAME_FIELD = 'metadata.name';

/**
 * The node a pod is meant for: its nodeName, else the single node its
 * required node affinity pins through `matchFields metadata.name In [x]`
 * (how the DaemonSet controller targets nodes).
 */
export function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName !== undefined) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const req of term.matchFields ?? []) {
      if (req.key === OBJECT_NAME_FIELD && req.operator === 'In' && req.values?.length === 1) return req.values[0];
    }
  }
  return undefined;
}
