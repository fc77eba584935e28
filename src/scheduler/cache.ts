import type { LabelSelector } from '../model/meta.js';
import type { Node } from '../model/node.js';
import type { Pod } from '../model/pod.js';
import { snapshotNode, type NodeProps } from './events.js';
import { NodeInfo, nextGeneration } from './nodeinfo.js';
import { PodCountIndex } from './pod-count-index.js';
import { podResources } from './pod-resources.js';
import { TermGroups, type TermGroup, type TermKind } from './term-groups.js';
import { ChangeLog, addNodeImages, normalizedImage, type NodeFilter, type PodMatcher, type Snapshot } from './snapshot.js';

/** What the cache reads of the rest of the cluster for a snapshot. */
export interface CacheOptions {
  readonly ownerSelector?: (pod: Pod) => LabelSelector | undefined;
  readonly imageSize?: (image: string) => number;
}

/**
 * The scheduler cache (pkg/scheduler/backend/cache): one NodeInfo per node,
 * kept current from watch events. A removed node that still has pods stays
 * as a ghost (off the node list) until its pods go, and comes back with them
 * if a node of the same name is added again, as upstream's RemoveNode does.
 * Node order is the order nodes were added; it only decides tie order.
 */
const NONE: readonly Pod[] = [];

export class SchedulerCache implements Snapshot {
  private readonly byName = new Map<string, NodeInfo>();
  private readonly present: NodeInfo[] = [];
  /** The last scheduling properties seen per node: the `old` side of the next update. */
  private readonly lastSeen = new Map<string, NodeProps>();
  private readonly index = new PodCountIndex({
    all: () => this.byName.values(),
    present: () => this.present,
  });
  /** Normalised image name -> number of present nodes holding it. */
  private readonly images = new Map<string, number>();
  /** Pending pods nominated to each node, in nomination order. */
  private readonly nominated = new Map<string, Pod[]>();
  private readonly nominatedTo = new Map<Pod, string>();
  /** Bumped when a node is added, removed or changes its scheduling properties. */
  nodeGeneration = 0;
  /**
   * Renewed when a node joins or leaves the node list (Snapshot.nodeListVersion),
   * from a clock shared by all caches: no two node lists share a version.
   */
  nodeListVersion = nextListVersion();
  /** generations[i] = present[i].generation (Snapshot.nodeGenerations); each present node knows its i (NodeInfo.position). */
  private generations = new Float64Array(64);
  /** Pods with any pod (anti-)affinity, and with required anti-affinity, counted on present nodes. */
  private affinityPods = 0;
  private antiAffinityPods = 0;
  /** Term groups asked for, by kind, with the node set's version they were built for. */
  private readonly termGroupsByKind = new Map<TermKind, { groups: TermGroups; version: number }>();

  constructor(private readonly options: CacheOptions = {}) {}

  /** Present nodes, in the order they were added (the snapshot's node list). */
  nodeInfos(): readonly NodeInfo[] {
    return this.present;
  }

  get nodes(): readonly NodeInfo[] {
    return this.present;
  }

  get nodeGenerations(): Float64Array {
    return this.generations;
  }

  /** Positions whose generation changed (Snapshot.nodeChanges). */
  readonly nodeChanges = new ChangeLog();

  /** Copies a present node's new generation into the column. */
  private touched(info: NodeInfo): void {
    const at = info.position;
    if (at < 0) return;
    this.generations[at] = info.generation;
    this.nodeChanges.record(at);
  }

  /** Gives the node just pushed onto `present` its position. */
  private appended(info: NodeInfo): void {
    const at = this.present.length - 1;
    if (this.generations.length <= at) {
      const grown = new Float64Array(2 * (at + 1));
      grown.set(this.generations);
      this.generations = grown;
    }
    info.position = at;
    this.nodeListVersion = nextListVersion();
  }

  /** Renumbers the nodes' positions and rebuilds the generation column after the node list changed. */
  private reindex(): void {
    this.nodeListVersion = nextListVersion();
    if (this.generations.length < this.present.length) this.generations = new Float64Array(2 * this.present.length);
    for (let i = 0; i < this.present.length; i++) {
      const info = this.present[i] as NodeInfo;
      info.position = i;
      this.generations[i] = info.generation;
    }
  }

  podCounts(m: PodMatcher): ArrayLike<number> {
    return this.index.counts(m);
  }

  termGroups(kind: TermKind): Iterable<TermGroup> {
    let e = this.termGroupsByKind.get(kind);
    if (e === undefined || e.version !== this.nodeGeneration) {
      e = { groups: TermGroups.build(kind, this.present), version: this.nodeGeneration };
      this.termGroupsByKind.set(kind, e);
    }
    return e.groups.values();
  }

  domainCounts(m: PodMatcher, topologyKey: string, requiredKeys: readonly string[], filter?: NodeFilter): ReadonlyMap<string, number> {
    return this.index.domainCounts(m, topologyKey, requiredKeys, filter);
  }

  nodePosition(name: string): number {
    const info = this.byName.get(name);
    // A ghost (removed node still holding pods) has no position.
    return info === undefined ? -1 : info.position;
  }

  imageNodes(image: string): number {
    return this.images.get(normalizedImage(image)) ?? 0;
  }

  imageSize(image: string): number {
    return this.options.imageSize?.(image) ?? 0;
  }

  ownerSelector(pod: Pod): LabelSelector | undefined {
    return this.options.ownerSelector?.(pod);
  }

  nominatedPods(nodeName: string): readonly Pod[] {
    return this.nominated.get(nodeName) ?? NONE;
  }

  hasNominatedPods(): boolean {
    return this.nominated.size > 0;
  }

  podsWithAffinityCount(): number {
    return this.affinityPods;
  }

  podsWithRequiredAntiAffinityCount(): number {
    return this.antiAffinityPods;
  }

  /** Moves a node's affinity pods into (+1) or out of (−1) the present-node totals. */
  private countAffinity(info: NodeInfo, sign: 1 | -1): void {
    this.affinityPods += sign * info.podsWithAffinity.size;
    this.antiAffinityPods += sign * info.podsWithRequiredAntiAffinity.size;
  }

  /** Records (or, with undefined, clears) the node a pending pod is nominated to (AddNominatedPod / DeleteNominatedPodIfExists). */
  nominate(pod: Pod, nodeName: string | undefined): void {
    // Every bound pod is un-nominated; mostly no pod is nominated at all.
    if (nodeName === undefined && this.nominatedTo.size === 0) return;
    const old = this.nominatedTo.get(pod);
    if (old === nodeName) return;
    if (old !== undefined) {
      const list = without(this.nominated.get(old) ?? NONE, pod);
      if (list.length > 0) this.nominated.set(old, list);
      else this.nominated.delete(old);
      this.nominatedTo.delete(pod);
    }
    if (nodeName === undefined) return;
    this.nominatedTo.set(pod, nodeName);
    this.nominated.set(nodeName, [...(this.nominated.get(nodeName) ?? []), pod]);
  }

  get numNodes(): number {
    return this.present.length;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const info = this.byName.get(name);
    return info && this.lastSeen.has(name) ? info : undefined;
  }

  addNode(node: Node): NodeInfo {
    let info = this.byName.get(node.name);
    if (info) info.node = node;
    else this.byName.set(node.name, (info = new NodeInfo(node)));
    if (!this.lastSeen.has(node.name)) {
      this.present.push(info);
      this.appended(info);
      addNodeImages(this.images, node.images, 1);
      this.countAffinity(info, 1);
    }
    this.lastSeen.set(node.name, snapshotNode(node));
    info.generation = nextGeneration();
    this.nodeGeneration++;
    this.touched(info);
    this.index.nodeChanged(info, true);
    return info;
  }

  /** Records the node's new properties and returns the previous ones. */
  updateNode(node: Node): NodeProps | undefined {
    const old = this.lastSeen.get(node.name);
    if (old === undefined) return undefined;
    const info = this.byName.get(node.name);
    if (info) {
      info.node = node;
      info.generation = nextGeneration();
      this.touched(info);
      this.index.nodeChanged(info, true);
      }
    this.lastSeen.set(node.name, snapshotNode(node));
    this.nodeGeneration++;
    return old;
  }

  removeNode(node: Node): void {
    const info = this.byName.get(node.name);
    if (!info || !this.lastSeen.delete(node.name)) return;
    const i = this.present.indexOf(info);
    if (i >= 0) {
      this.present.splice(i, 1);
      info.position = -1;
      this.reindex();
      addNodeImages(this.images, info.node.images, -1);
      this.countAffinity(info, -1);
    }
    this.index.nodeChanged(info, false);
    if (info.podCount === 0) this.byName.delete(node.name);
    this.nodeGeneration++;
  }

  /**
   * Counts a bound, non-terminal pod on its node. Idempotent: false when the
   * pod was already counted; true otherwise, even if it could not be counted
   * (no node name, or a node the cache does not know).
   */
  addPod(pod: Pod): boolean {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined) return true;
    const info = this.byName.get(nodeName);
    if (!info) return true;
    if (info.pods.has(pod)) return false;
    // On the node list (a ghost of a removed node has no position).
    const present = info.position >= 0;
    if (present) this.countAffinity(info, -1);
    info.addPod(pod, podResources(pod));
    this.touched(info);
    if (present) this.countAffinity(info, 1);
    if (present) for (const e of this.termGroupsByKind.values()) e.groups.podChanged(pod, info, 1);
    this.index.podChanged(pod, info, 1);
    return true;
  }

  /** A counted pod got its deletionTimestamp: it still counts, but not for spreading. */
  podTerminating(pod: Pod): void {
    const info = this.countedOn(pod);
    if (info) this.index.podTerminating(pod, info);
  }

  /** Stops counting a pod (deleted, or terminal). Returns whether it was counted. */
  removePod(pod: Pod): boolean {
    const info = this.countedOn(pod);
    if (!info) return false;
    const present = this.lastSeen.has(info.name);
    if (present) this.countAffinity(info, -1);
    info.removePod(pod, podResources(pod));
    this.touched(info);
    if (present) this.countAffinity(info, 1);
    if (present) for (const e of this.termGroupsByKind.values()) e.groups.podChanged(pod, info, -1);
    this.index.podChanged(pod, info, -1);
    if (info.podCount === 0 && !this.lastSeen.has(info.name)) this.byName.delete(info.name);
    return true;
  }

  /**
   * The NodeInfo a pod is counted on, if it is: its node's. A bound pod's
   * node name never changes, and the NodeInfo of a name stays the same
   * while it holds pods (a removed node's stays as a ghost), so there is no
   * separate pod -> node map to keep.
   */
  private countedOn(pod: Pod): NodeInfo | undefined {
    const nodeName = pod.spec.nodeName;
    const info = nodeName === undefined ? undefined : this.byName.get(nodeName);
    return info !== undefined && info.pods.has(pod) ? info : undefined;
  }
}

/** `list` without `pod`, as a new array (a callback here would cost a closure on every nominate call). */
function without(list: readonly Pod[], pod: Pod): Pod[] {
  const out: Pod[] = [];
  for (const p of list) if (p !== pod) out.push(p);
  return out;
}

let listVersionClock = 0;

/** A node-list version never handed out before (by any cache). */
function nextListVersion(): number {
  return ++listVersionClock;
}
