import type { PodAdmission, PodDraft } from './admission.js';
import type { KubeEvent } from './event.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import { isTerminal, podKey, type Pod, type PodCondition, type PodPhase } from '../model/pod.js';
import { workloadKey, type Workload } from '../model/workloads.js';
import { listen, listeners, type ClusterWatcher } from './watchers.js';

export type { ClusterWatcher } from './watchers.js';

/**
 * maxNameGenerationCreateAttempts (apiserver registry/generic/registry/store.go):
 * names tried for a pod with generateName before its create fails.
 */
export const MAX_NAME_GENERATION_ATTEMPTS = 8;

/** Why a write was refused: a bug in the caller, never the user's input. */
export class ClusterError extends Error {
  readonly code = 'ClusterConflict';
}

/**
 * The API server's object store: every component reads cluster state here and
 * changes it only through these writes, each of which notifies the watchers.
 * Iteration orders are creation orders, so they are deterministic.
 */
const NO_PODS: ReadonlyMap<string, Pod> = new Map();
const NO_WORKLOADS: ReadonlyMap<string, Workload> = new Map();

/** The workload type whose kind can be K (ReplicaSet for 'ReplicationController' too). */
type WorkloadOfKind<K extends Workload['kind']> = Workload extends infer W ? (W extends Workload ? (K extends W['kind'] ? W : never) : never) : never;

export class Cluster {
  /** Pods by namespace, then name: keyed by the strings the pods hold (no key is built per pod). */
  private readonly podsByName = new Map<string, Map<string, Pod>>();
  /** The pod objects podsByName holds, in creation order. */
  private readonly storedPods = new Set<Pod>();
  private readonly nodesByName = new Map<string, Node>();
  private readonly podsOnNode = new Map<string, Set<Pod>>();
  private readonly workloadsByKey = new Map<string, Workload>();
  /** The same workloads by kind, each map in creation order (a lister by kind). */
  private readonly workloadsByKind = new Map<Workload['kind'], Map<string, Workload>>();
  private readonly podsByOwner = new Map<string, Set<Pod>>();
  /** Each callback's listeners, in registration order (watch). */
  private readonly on = listeners();
  private nextUid = 1;
  private readonly takenUids = new Set<string>();
  private nextNodeIndex = 0;

  private admission?: PodAdmission;

  constructor(private readonly clock: { readonly now: Millis }) {}

  /** Installs the pod admission chain `submitPod` runs. */
  setAdmission(admission: PodAdmission): void {
    this.admission = admission;
  }

  get now(): Millis {
    return this.clock.now;
  }

  /**
   * Registers `watcher` for every callback it has now: each write calls the
   * callbacks of its kind in registration order. A method added to the
   * watcher later is not heard.
   */
  watch(watcher: ClusterWatcher): void {
    listen(this.on, watcher);
  }

  /** A fresh, deterministic object uid. */
  newUid(): string {
    let uid: string;
    do uid = `uid-${this.nextUid++}`;
    while (this.takenUids.has(uid));
    return uid;
  }

  /**
   * `wanted` (an exported object's uid, which its dependents' ownerReferences
   * name) when no object has claimed it yet, else a fresh uid.
   */
  uidFor(wanted: string | undefined): string {
    if (wanted === undefined || wanted === '' || this.takenUids.has(wanted)) return this.newUid();
    this.takenUids.add(wanted);
    return wanted;
  }

  /** A fresh dense node index (the scheduler's column number). */
  newNodeIndex(): number {
    return this.nextNodeIndex++;
  }

  // ---- reads ----

  pod(namespace: string, name: string): Pod | undefined {
    return this.podsByName.get(namespace)?.get(name);
  }

  /** Whether `pod` is the very object the API holds under its name (not removed, not replaced). */
  holds(pod: Pod): boolean {
    return this.storedPods.has(pod);
  }

  /** All pods in the API, in creation order. */
  pods(): IterableIterator<Pod> {
    return this.storedPods.values();
  }

  /** The pods of one namespace, in creation order (a lister by namespace). */
  podsIn(namespace: string): IterableIterator<Pod> {
    return (this.podsByName.get(namespace) ?? NO_PODS).values();
  }

  get podCount(): number {
    return this.storedPods.size;
  }

  node(name: string): Node | undefined {
    return this.nodesByName.get(name);
  }

  /** All nodes, in creation order. */
  nodes(): IterableIterator<Node> {
    return this.nodesByName.values();
  }

  get nodeCount(): number {
    return this.nodesByName.size;
  }

  /** Pods bound to `nodeName`, in binding order. */
  podsOn(nodeName: string): ReadonlySet<Pod> {
    return this.podsOnNode.get(nodeName) ?? EMPTY;
  }

  workload(kind: Workload['kind'], namespace: string, name: string): Workload | undefined {
    return this.workloadsByKey.get(workloadKey(kind, namespace, name));
  }

  /** All workloads, in creation order. */
  workloads(): IterableIterator<Workload> {
    return this.workloadsByKey.values();
  }

  /** The workloads of one kind, in creation order: costs what that kind holds, not every workload. */
  workloadsOfKind<K extends Workload['kind']>(kind: K): IterableIterator<WorkloadOfKind<K>> {
    return (this.workloadsByKind.get(kind) ?? NO_WORKLOADS).values() as IterableIterator<WorkloadOfKind<K>>;
  }

  /** Pods whose controller ownerReference has `uid`, in creation order. */
  podsOwnedBy(uid: string): ReadonlySet<Pod> {
    return this.podsByOwner.get(uid) ?? EMPTY;
  }

  // ---- pod writes ----

  /**
   * Creates a pod the way a client (a controller, `kubectl apply`) does: the
   * draft is named and admitted, then stored. A generated name that is taken
   * is generated again, up to MAX_NAME_GENERATION_ATTEMPTS names in all (the
   * API server's createWithGenerateNameRetry, RetryGenerateName on by default
   * since v1.31). Returns the stored pod, or undefined when the name is taken
   * (AlreadyExists; for a generated name, after every attempt).
   */
  submitPod(draft: PodDraft): Pod | undefined {
    if (!this.admission) throw new ClusterError('no pod admission installed');
    const named = draft.name ? draft : { ...draft, name: this.generatedName(this.admission, draft.namespace, draft.generateName ?? '') };
    const pod = this.admission.admit(named);
    if (this.pod(pod.metadata.namespace, pod.metadata.name) !== undefined) return undefined;
    this.createPod(pod);
    return pod;
  }

  /**
   * A name for a workload created with generateName: the first of
   * MAX_NAME_GENERATION_ATTEMPTS generated names free among the `kind`
   * objects of `namespace`, else undefined (the API server's AlreadyExists).
   */
  generateWorkloadName(kind: Workload['kind'], namespace: string, prefix: string): string | undefined {
    if (!this.admission) throw new ClusterError('no pod admission installed');
    for (let attempt = 0; attempt < MAX_NAME_GENERATION_ATTEMPTS; attempt++) {
      const name = this.admission.generateName(prefix);
      if (this.workload(kind, namespace, name) === undefined) return name;
    }
    return undefined;
  }

  /** The first of MAX_NAME_GENERATION_ATTEMPTS generated names that is free in `namespace`, else the last one tried. */
  private generatedName(admission: PodAdmission, namespace: string, prefix: string): string {
    let name = admission.generateName(prefix);
    for (let attempt = 1; attempt < MAX_NAME_GENERATION_ATTEMPTS && this.pod(namespace, name) !== undefined; attempt++) {
      name = admission.generateName(prefix);
    }
    return name;
  }

  createPod(pod: Pod): void {
    const { namespace, name } = pod.metadata;
    let names = this.podsByName.get(namespace);
    if (names === undefined) this.podsByName.set(namespace, (names = new Map()));
    if (names.has(name)) throw new ClusterError(`pod ${podKey(pod)} already exists`);
    pod.metadata.creationTimestamp = this.now;
    applySchedulingGatedCondition(pod, this.now);
    names.set(name, pod);
    this.storedPods.add(pod);
    const owner = controllerUid(pod);
    if (owner !== undefined) {
      let set = this.podsByOwner.get(owner);
      if (!set) this.podsByOwner.set(owner, (set = new Set()));
      set.add(pod);
    }
    const nodeName = pod.spec.nodeName;
    if (nodeName !== undefined && !this.nodesByName.has(nodeName)) {
      // The API server accepts a pod bound to a node it does not know; no
      // kubelet will run it, and PodGC collects it as an orphan.
      this.indexOnNode(pod, nodeName);
      for (const f of this.on.podAdded) f(pod);
      return;
    }
    for (const f of this.on.podAdded) f(pod);
    if (nodeName !== undefined) {
      pod.spec.nodeName = undefined;
      this.bindPod(pod, nodeName);
    }
  }

  /**
   * An update that removes scheduling gates: those named in `gates`, or all
   * of them when omitted (gates can only be removed, never added, after
   * creation). Returns whether any went; watchers hear podUpdated.
   */
  removeSchedulingGates(pod: Pod, gates?: readonly string[]): boolean {
    const current = pod.spec.schedulingGates;
    if (current === undefined) return false;
    const left = gates === undefined ? [] : current.filter((g) => !gates.includes(g));
    if (left.length === current.length) return false;
    pod.spec.schedulingGates = left.length > 0 ? left : undefined;
    for (const f of this.on.podUpdated) f(pod);
    return true;
  }

  /** The Binding subresource: sets spec.nodeName and PodScheduled=True. */
  bindPod(pod: Pod, nodeName: string): void {
    const node = this.nodesByName.get(nodeName);
    if (!node) throw new ClusterError(`bind ${podKey(pod)}: node ${nodeName} does not exist`);
    if (pod.spec.nodeName !== undefined) throw new ClusterError(`bind ${podKey(pod)}: already bound`);
    pod.spec.nodeName = nodeName;
    setCondition(pod, 'PodScheduled', 'True', this.now);
    this.indexOnNode(pod, nodeName);
    for (const f of this.on.podBound) f(pod, node);
  }

  /**
   * Records a status change the caller already made on `pod.status` (or makes
   * the phase change given). Terminal phases are final: a change away from
   * Succeeded or Failed is refused, as kubelet's generateAPIPodStatus does.
   */
  updatePodStatus(pod: Pod, phase: PodPhase, reason: string): void {
    const oldPhase = pod.status.phase;
    if (isTerminal(oldPhase) && phase !== oldPhase) {
      throw new ClusterError(`pod ${podKey(pod)}: phase ${oldPhase} is terminal, cannot become ${phase}`);
    }
    pod.status.phase = phase;
    for (const f of this.on.podStatusChanged) f(pod, oldPhase, reason);
  }

  /**
   * Graceful deletion: sets deletionTimestamp; the kubelet (or PodGC) removes
   * the object later. As the API server's pod strategy does, a pod that was
   * never bound or is already terminal is deleted at once (grace period 0):
   * watchers hear podDeleting then podRemoved.
   */
  deletePod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined) return;
    pod.metadata.deletionTimestamp = this.now;
    for (const f of this.on.podDeleting) f(pod);
    if (pod.spec.nodeName === undefined || isTerminal(pod.status.phase)) this.removePod(pod);
  }

  /** Removes the object from the API (the final step of a deletion). */
  removePod(pod: Pod): void {
    if (!this.storedPods.has(pod)) return;
    if (pod.metadata.deletionTimestamp === undefined) pod.metadata.deletionTimestamp = this.now;
    this.podsByName.get(pod.metadata.namespace)?.delete(pod.metadata.name);
    this.storedPods.delete(pod);
    if (pod.spec.nodeName !== undefined) this.podsOnNode.get(pod.spec.nodeName)?.delete(pod);
    const owner = controllerUid(pod);
    if (owner !== undefined) this.podsByOwner.get(owner)?.delete(pod);
    for (const f of this.on.podRemoved) f(pod);
  }

  private indexOnNode(pod: Pod, nodeName: string): void {
    let set = this.podsOnNode.get(nodeName);
    if (!set) this.podsOnNode.set(nodeName, (set = new Set()));
    set.add(pod);
  }

  // ---- node writes ----

  addNode(node: Node): void {
    if (this.nodesByName.has(node.name)) throw new ClusterError(`node ${node.name} already exists`);
    node.creationTimestamp = this.now;
    this.nodesByName.set(node.name, node);
    for (const f of this.on.nodeAdded) f(node);
  }

  /** Records a change the caller made to the node's labels, taints, unschedulable or ready. */
  updateNode(node: Node): void {
    for (const f of this.on.nodeUpdated) f(node);
  }

  removeNode(node: Node): void {
    if (this.nodesByName.get(node.name) !== node) return;
    this.nodesByName.delete(node.name);
    for (const f of this.on.nodeRemoved) f(node);
  }

  // ---- workload writes ----

  createWorkload(w: Workload): void {
    const key = workloadKey(w.kind, w.metadata.namespace, w.metadata.name);
    if (this.workloadsByKey.has(key)) throw new ClusterError(`${key} already exists`);
    w.metadata.creationTimestamp = this.now;
    w.metadata.generation = 1;
    this.workloadsByKey.set(key, w);
    let ofKind = this.workloadsByKind.get(w.kind);
    if (ofKind === undefined) this.workloadsByKind.set(w.kind, (ofKind = new Map()));
    ofKind.set(key, w);
    for (const f of this.on.workloadAdded) f(w);
  }

  /** Records a spec change the caller made; bumps the generation. */
  updateWorkload(w: Workload): void {
    w.metadata.generation++;
    for (const f of this.on.workloadUpdated) f(w);
  }

  /** Records a status change the caller made. */
  updateWorkloadStatus(w: Workload): void {
    for (const f of this.on.workloadStatusUpdated) f(w);
  }

  /** Removes the object; its pods are left to the owner's controller or the garbage collector. */
  deleteWorkload(w: Workload): void {
    const key = workloadKey(w.kind, w.metadata.namespace, w.metadata.name);
    if (this.workloadsByKey.get(key) !== w) return;
    w.metadata.deletionTimestamp = this.now;
    this.workloadsByKey.delete(key);
    this.workloadsByKind.get(w.kind)?.delete(key);
    for (const f of this.on.workloadRemoved) f(w);
  }

  // ---- events ----

  /** The EventRecorder: stamps the time and notifies watchers. The event passed on has exactly KubeEvent's fields, in its order. */
  recordEvent(event: Omit<KubeEvent, 'time'>): void {
    const { type, reason, kind, namespace, name, node, message } = event;
    const e: KubeEvent = { time: this.now, type, reason, kind, namespace, name, node, message };
    for (const f of this.on.eventRecorded) f(e);
  }
}

const EMPTY: ReadonlySet<Pod> = new Set();

/** The message of the PodScheduled condition of a pod created with scheduling gates. */
export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

/**
 * The pod strategy's applySchedulingGatedCondition (pkg/registry/core/pod/strategy.go):
 * a pod created with scheduling gates gets PodScheduled=False, reason
 * SchedulingGated, unless it has a PodScheduled condition already.
 */
function applySchedulingGatedCondition(pod: Pod, now: Millis): void {
  if (pod.spec.schedulingGates === undefined || pod.spec.schedulingGates.length === 0) return;
  if (pod.status.conditions.some((c) => c.type === 'PodScheduled')) return;
  setCondition(pod, 'PodScheduled', 'False', now, 'SchedulingGated', SCHEDULING_GATED_MESSAGE);
}

/** The uid of the pod's controller ownerReference, if any. */
export function controllerUid(pod: Pod): string | undefined {
  for (const r of pod.metadata.ownerReferences) if (r.controller) return r.uid;
  return undefined;
}

export function setCondition(
  pod: Pod,
  type: PodCondition['type'],
  status: 'True' | 'False' | 'Unknown',
  now: Millis,
  reason?: string,
  message?: string,
): void {
  const conditions = pod.status.conditions;
  let i = 0;
  while (i < conditions.length && conditions[i]?.type !== type) i++;
  const old = conditions[i];
  if (old && old.status === status && old.reason === reason) return;
  // Keys in the order type, status, lastTransitionTime, reason, message, the absent ones left out.
  const next: { -readonly [K in keyof PodCondition]: PodCondition[K] } = {
    type,
    status,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  };
  if (reason !== undefined) next.reason = reason;
  if (message !== undefined) next.message = message;
  if (old) conditions[i] = next;
  // A new array of just this length: a push onto the pod's empty array would keep room for 17 all its life
  // (and concat is a slow builtin, most often asked to copy nothing).
  else pod.status.conditions = appended(conditions, next);
}

/** `list` with `item` after it, as a new array of exactly that length (a literal for the usual empty list). */
export function appended<T>(list: readonly T[], item: T): T[] {
  return list.length === 0 ? [item] : list.concat([item]);
}
