import type { Node } from '../../model/node.js';
import type { PodTemplate } from '../../model/scenario.js';
import type { DaemonSet } from '../../model/workloads.js';
import { nodeShouldRunDaemonPod, type Eligibility } from './eligibility.js';
import { computeHash } from '../hash.js';
import { createPodTemplate } from './pod-template.js';

/**
 * What the controller keeps of one DaemonSet between syncs, as its informer
 * caches would: the template hash and the pod template (recomputed when the
 * spec changes), and each node's eligibility, kept current by the node
 * callbacks so that a sync does not recompute it and a node update is
 * compared with the node's previous state.
 */
export class KnownDaemonSet {
  /** The generation `hash` and `template` were computed at. */
  private generation = -1;
  hash = '';
  /** The template pods are created from: daemon tolerations and hash label added. */
  template!: PodTemplate;
  private readonly eligibility = new Map<string, Eligibility>();
  /** The generation `eligibility` holds; -1 before the first sync. */
  private eligibilityGeneration = -1;

  constructor(readonly ds: DaemonSet) {
    this.refresh();
  }

  /** Recomputes hash and template when the spec changed since. */
  refresh(): this {
    if (this.generation !== this.ds.metadata.generation) {
      this.generation = this.ds.metadata.generation;
      this.hash = computeHash(this.ds.spec.template);
      this.template = createPodTemplate(this.ds.spec.template, this.hash);
    }
    return this;
  }

  /** NodeShouldRunDaemonPod with the current template and the daemon tolerations. */
  eligibilityOf(node: Node): Eligibility {
    this.refresh();
    return nodeShouldRunDaemonPod(node, this.ds.spec.template.spec, this.template.spec.tolerations);
  }

  /** Every node's eligibility, computed afresh only when the template changed since the last call. */
  eligibilityFor(nodes: readonly Node[]): ReadonlyMap<string, Eligibility> {
    this.refresh();
    if (this.eligibilityGeneration !== this.generation) {
      this.eligibility.clear();
      for (const node of nodes) this.eligibility.set(node.name, this.eligibilityOf(node));
      this.eligibilityGeneration = this.generation;
    }
    return this.eligibility;
  }

  /** A node added or updated: its eligibility now, and whether it differs from the one held. */
  noteNode(node: Node): { readonly eligibility: Eligibility; readonly changed: boolean } {
    const eligibility = this.eligibilityOf(node);
    const changed = eligibility !== this.eligibility.get(node.name);
    if (this.eligibilityGeneration === this.generation) this.eligibility.set(node.name, eligibility);
    return { eligibility, changed };
  }

  forgetNode(name: string): void {
    this.eligibility.delete(name);
  }
}
