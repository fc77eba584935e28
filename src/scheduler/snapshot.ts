import type { LabelSelector } from '../model/meta.js';
import { normalizeImage } from '../model/images.js';
import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import type { NodeInfo } from './nodeinfo.js';
import { TermGroups, type TermGroup, type TermKind } from './term-groups.js';

/**
 * A predicate over pods whose per-node counts a plugin asks for (a spread
 * constraint's selector, an affinity term). Equal keys mean equal predicates.
 */
export interface PodMatcher {
  readonly key: string;
  /** Leave out terminating pods (deletionTimestamp set), as PodTopologySpread does (#87621). */
  readonly skipTerminating: boolean;
  matches(pod: Pod): boolean;
}

/**
 * A predicate over nodes that per-domain sums may be restricted to (a pod's
 * required node affinity, for PodTopologySpread's NodeAffinityPolicy Honor).
 * Equal keys mean equal predicates.
 */
export interface NodeFilter {
  readonly key: string;
  matches(node: Node): boolean;
}

/**
 * What a scheduling cycle reads of the cluster besides the pod (the
 * scheduler's Snapshot / SharedLister): every node in snapshot order, how many
 * pods on each node match a predicate, image spread, and the selector of the
 * pod's controller for default topology spreading.
 */
export interface Snapshot {
  readonly nodes: readonly NodeInfo[];
  /**
   * Changes whenever `nodes` does (a node added or removed), and with it what
   * the node set as a whole looks like (image spread); never the same for two
   * different node lists, even of different snapshots (a plugin or class may
   * keep answers by it). Undefined when the snapshot makes no such promise
   * (then nothing is cached across cycles).
   */
  readonly nodeListVersion?: number;
  /** With nodeListVersion: nodeGenerations[i] is nodes[i].generation (a dense column for the hot loops). */
  readonly nodeGenerations?: Float64Array;
  /** With nodeListVersion: the positions of the nodes whose generation changed, in order. */
  readonly nodeChanges?: ChangeLog;
  /** Pods counted on each node that match `m`, indexed by NodeInfo.index. Read-only; valid for this cycle. */
  podCounts(m: PodMatcher): ArrayLike<number>;
  /**
   * podCounts summed per domain over the nodes that carry every key of
   * `requiredKeys` and pass `filter` (when given); a node's domain is its
   * value of `topologyKey`, '' when it lacks the key (possible only when
   * `requiredKeys` leaves it out). Domains whose nodes hold no matching pod
   * are there with 0. Read-only; valid for this cycle.
   */
  domainCounts(m: PodMatcher, topologyKey: string, requiredKeys: readonly string[], filter?: NodeFilter): ReadonlyMap<string, number>;
  /** The placed pods' inter-pod affinity terms of one kind, grouped (see TermGroup). Read-only; valid for this cycle. */
  termGroups(kind: TermKind): Iterable<TermGroup>;
  /** How many nodes hold `image` (ImageStateSummary.NumNodes); the image as a pod names it. */
  imageNodes(image: string): number;
  /** An image's size in bytes (0 when unknown). */
  imageSize(image: string): number;
  /**
   * helper.DefaultSelector: the selector of the ReplicaSet, ReplicationController
   * or StatefulSet controlling the pod (podsim has no Services); undefined when none.
   */
  ownerSelector(pod: Pod): LabelSelector | undefined;
  /** The place in `nodes` of the node named `name`, or -1 when none is there (NodeInfoLister.Get). */
  nodePosition(name: string): number;
  /** Pods nominated to the node by preemption and not yet bound (PodNominator.NominatedPodsForNode). */
  nominatedPods(nodeName: string): readonly Pod[];
  /** Whether any node has nominated pods (lets the filter loop skip the per-node lookup). */
  hasNominatedPods(): boolean;
  /**
   * How many counted pods have any pod (anti-)affinity, and required
   * anti-affinity, on the present nodes (the sizes of upstream's
   * HavePodsWithAffinityNodeInfoList / HavePodsWithRequiredAntiAffinityNodeInfoList pods).
   */
  podsWithAffinityCount(): number;
  podsWithRequiredAntiAffinityCount(): number;
}

/**
 * The positions of changed nodes, most recent last, as a ring of the last
 * CAPACITY entries: a reader that remembers `count` can later list what
 * changed since, unless more than CAPACITY changes passed (then it must look
 * at every node).
 */
export class ChangeLog {
  static readonly CAPACITY = 8192;
  /** Changes recorded since the start (entry i sits at ring[i % CAPACITY]). */
  count = 0;
  readonly ring = new Int32Array(ChangeLog.CAPACITY);

  record(position: number): void {
    this.ring[this.count % ChangeLog.CAPACITY] = position;
    this.count++;
  }
}

const normalizedNames = new Map<string, string>();

/** normalizeImage, memoised: image references repeat across pods and nodes. */
export function normalizedImage(image: string): string {
  let n = normalizedNames.get(image);
  if (n === undefined) normalizedNames.set(image, (n = normalizeImage(image)));
  return n;
}

/** Counts `m` over the pods of `nodes` into an array indexed by NodeInfo.index. */
export function countPods(nodes: readonly NodeInfo[], m: PodMatcher): Int32Array {
  let size = 0;
  for (const n of nodes) size = Math.max(size, n.index + 1);
  const counts = new Int32Array(size);
  for (const n of nodes) {
    let c = 0;
    for (const pod of n.pods) {
      if (m.skipTerminating && pod.metadata.deletionTimestamp !== undefined) continue;
      if (m.matches(pod)) c++;
    }
    counts[n.index] = c;
  }
  return counts;
}

/**
 * The domain a node counts in for Snapshot.domainCounts: undefined when it
 * lacks a key of `requiredKeys` or fails `filter`, else its value of
 * `topologyKey` ('' without the key: node.Labels[key] in Go).
 */
export function domainOf(node: Node, topologyKey: string, requiredKeys: readonly string[], filter: NodeFilter | undefined): string | undefined {
  const labels = node.labels;
  for (let i = 0; i < requiredKeys.length; i++) if (!Object.hasOwn(labels, requiredKeys[i] as string)) return undefined;
  if (filter !== undefined && !filter.matches(node)) return undefined;
  return Object.hasOwn(labels, topologyKey) ? (labels[topologyKey] as string) : '';
}

/** Sums `counts` (by node index) per domain (domainOf) over `nodes`. */
export function domainCountsOf(
  nodes: readonly NodeInfo[],
  counts: ArrayLike<number>,
  topologyKey: string,
  requiredKeys: readonly string[],
  filter?: NodeFilter,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of nodes) {
    const value = domainOf(n.node, topologyKey, requiredKeys, filter);
    if (value !== undefined) out.set(value, (out.get(value) ?? 0) + (counts[n.index] ?? 0));
  }
  return out;
}

const NO_PODS: readonly Pod[] = [];
const NO_NOMINATIONS: ReadonlyMap<string, readonly Pod[]> = new Map();

/** A snapshot over a plain node list (tests, explain): counts are computed on demand. */
export class ListSnapshot implements Snapshot {
  private readonly counts = new Map<string, Int32Array>();
  private images?: Map<string, number>;
  private positions?: Map<string, number>;

  /** `nominated`: pods nominated to each node (none by default). */
  constructor(
    readonly nodes: readonly NodeInfo[],
    private readonly sizes: (image: string) => number = () => 0,
    private readonly nominated: ReadonlyMap<string, readonly Pod[]> = NO_NOMINATIONS,
  ) {}

  podCounts(m: PodMatcher): ArrayLike<number> {
    let c = this.counts.get(m.key);
    if (!c) this.counts.set(m.key, (c = countPods(this.nodes, m)));
    return c;
  }

  domainCounts(m: PodMatcher, topologyKey: string, requiredKeys: readonly string[], filter?: NodeFilter): ReadonlyMap<string, number> {
    return domainCountsOf(this.nodes, this.podCounts(m), topologyKey, requiredKeys, filter);
  }

  nodePosition(name: string): number {
    if (this.positions === undefined) {
      this.positions = new Map();
      for (let i = this.nodes.length - 1; i >= 0; i--) this.positions.set((this.nodes[i] as NodeInfo).name, i);
    }
    return this.positions.get(name) ?? -1;
  }

  termGroups(kind: TermKind): Iterable<TermGroup> {
    return TermGroups.build(kind, this.nodes).values();
  }

  imageNodes(image: string): number {
    if (!this.images) {
      this.images = new Map();
      for (const n of this.nodes) addNodeImages(this.images, n.node.images, 1);
    }
    return this.images.get(normalizedImage(image)) ?? 0;
  }

  imageSize(image: string): number {
    return this.sizes(image);
  }

  ownerSelector(): LabelSelector | undefined {
    return undefined;
  }

  nominatedPods(nodeName: string): readonly Pod[] {
    return this.nominated.get(nodeName) ?? NO_PODS;
  }

  hasNominatedPods(): boolean {
    return this.nominated.size > 0;
  }

  podsWithAffinityCount(): number {
    let n = 0;
    for (const info of this.nodes) n += info.podsWithAffinity.size;
    return n;
  }

  podsWithRequiredAntiAffinityCount(): number {
    let n = 0;
    for (const info of this.nodes) n += info.podsWithRequiredAntiAffinity.size;
    return n;
  }
}

/** Counts each distinct image of a node once. */
export function addNodeImages(into: Map<string, number>, images: readonly string[], sign: 1 | -1): void {
  for (const image of new Set(images.map(normalizedImage))) {
    const n = (into.get(image) ?? 0) + sign;
    if (n === 0) into.delete(image);
    else into.set(image, n);
  }
}
