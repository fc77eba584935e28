import TinyQueue from 'tinyqueue';
import { setCondition, type Cluster, type ClusterWatcher } from '../api/cluster.js';
import type { Engine, Timer } from '../engine/engine.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import { isTerminal, type Pod, type PodPhase } from '../model/pod.js';
import { TAINT_NODE_OUT_OF_SERVICE } from '../model/taints.js';
import type { ControllerContext } from './context.js';

/** PodGC's loop period (`gcCheckPeriod`, pkg/controller/podgc/gc_controller.go). */
export const GC_CHECK_PERIOD_MS = 20_000;
/** How long a missing node stays quarantined before its pods are collected (`quarantineTime`). */
export const QUARANTINE_MS = 40_000;

/**
 * The pod garbage collector (pkg/controller/podgc/gc_controller.go). Its loop
 * runs at t = 0, 20 s, 40 s...; each run, in upstream's order:
 * 1. gcTerminated: when more pods are Succeeded or Failed than
 *    `terminatedPodGCThreshold` (0 disables), deletes the excess, evicted
 *    pods first, then the oldest, then by name;
 * 2. gcTerminating: force-deletes terminating pods on a NotReady node tainted
 *    `node.kubernetes.io/out-of-service`, marking them Failed first;
 * 3. gcOrphaned: a node that disappeared is quarantined for 40 s from the
 *    first run that sees its pods, then its pods are marked Failed with a
 *    DisruptionTarget condition (DeletionByPodGC) and force-deleted;
 * 4. gcUnscheduledTerminating has nothing to do: the cluster removes a pod
 *    that was never bound at once when it is deleted.
 * Runs are scheduled only while one of these has work, so an idle cluster
 * costs no events; when they happen they fall on the 20 s grid.
 */
export class PodGC implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly engine: Engine;
  private readonly threshold: number;
  /** Succeeded and Failed pods in the API. */
  private readonly terminated = new Set<Pod>();
  /**
   * The same in deletion order (byEvictionAndCreationTimestamp), with pods
   * that left the API since left in until they surface: a run pops the
   * excess instead of sorting every terminated pod.
   */
  private byAge = new TinyQueue<Pod>([], byEvictionAndCreationTimestamp);
  /** Nodes removed since the last run. */
  private readonly removedNodes = new Set<string>();
  /** The orphan check's node queue: node name -> when its quarantine ends. */
  private readonly quarantine = new Map<string, Millis>();
  private next?: Timer;
  private lastRun?: Millis;

  constructor(ctx: ControllerContext) {
    this.cluster = ctx.cluster;
    this.engine = ctx.engine;
    this.threshold = ctx.config.terminatedPodGCThreshold;
  }

  /** Terminated pods currently counted (for tests and reports). */
  get terminatedPods(): number {
    return this.terminated.size;
  }

  podAdded(pod: Pod): void {
    if (isTerminal(pod.status.phase)) this.countTerminated(pod, true);
    // Created bound to a node that does not exist: an orphan from the start.
    const nodeName = pod.spec.nodeName;
    if (nodeName !== undefined && !this.cluster.node(nodeName)) {
      this.removedNodes.add(nodeName);
      this.runAt(this.nextGridTime());
    }
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase): void {
    if (!isTerminal(oldPhase) && isTerminal(pod.status.phase)) this.countTerminated(pod, true);
  }

  podRemoved(pod: Pod): void {
    if (isTerminal(pod.status.phase)) this.countTerminated(pod, false);
  }

  podDeleting(pod: Pod): void {
    const node = pod.spec.nodeName === undefined ? undefined : this.cluster.node(pod.spec.nodeName);
    if (node && isOutOfService(node)) this.runAt(this.nextGridTime());
  }

  nodeUpdated(node: Node): void {
    if (isOutOfService(node) && [...this.cluster.podsOn(node.name)].some(terminating)) this.runAt(this.nextGridTime());
  }

  nodeRemoved(node: Node): void {
    this.removedNodes.add(node.name);
    this.runAt(this.nextGridTime());
  }

  private countTerminated(pod: Pod, terminated: boolean): void {
    if (terminated) {
      this.terminated.add(pod);
      this.byAge.push(pod);
    } else {
      this.terminated.delete(pod);
      // Rebuilt once the pods gone outnumber the rest, so it stays proportional to the terminated pods.
      if (this.byAge.length > 2 * this.terminated.size + 1024) this.byAge = new TinyQueue([...this.terminated], byEvictionAndCreationTimestamp);
    }
    if (this.overThreshold()) this.runAt(this.nextGridTime());
  }

  private overThreshold(): boolean {
    return this.threshold > 0 && this.terminated.size > this.threshold;
  }

  /** The first loop time from now on, skipping the run that already happened at this instant. */
  private nextGridTime(): Millis {
    const t = Math.ceil(this.engine.now / GC_CHECK_PERIOD_MS) * GC_CHECK_PERIOD_MS;
    return t === this.lastRun ? t + GC_CHECK_PERIOD_MS : t;
  }

  /** Makes sure a run happens at `time` or earlier. */
  private runAt(time: Millis): void {
    if (this.next && this.next.time <= time) return;
    this.next?.cancel();
    this.next = this.engine.at(time, () => this.gc());
  }

  private gc(): void {
    this.next = undefined;
    this.lastRun = this.engine.now;
    if (this.overThreshold()) this.gcTerminated();
    this.gcTerminating();
    this.gcOrphaned();
    const due = Math.min(...this.quarantine.values());
    if (Number.isFinite(due)) this.runAt(due);
    if (this.overThreshold()) this.runAt(this.nextGridTime());
  }

  private gcTerminated(): void {
    const victims: Pod[] = [];
    for (let excess = this.terminated.size - this.threshold; victims.length < excess; ) {
      const pod = this.byAge.pop();
      if (pod === undefined) break;
      if (this.terminated.has(pod)) victims.push(pod);
    }
    for (const pod of victims) this.forceDelete(pod);
  }

  private gcTerminating(): void {
    const pods: Pod[] = [];
    for (const node of this.cluster.nodes()) {
      if (isOutOfService(node)) pods.push(...[...this.cluster.podsOn(node.name)].filter(terminating));
    }
    pods.sort(byEvictionAndCreationTimestamp);
    for (const pod of pods) this.forceDelete(pod);
  }

  private gcOrphaned(): void {
    const now = this.engine.now;
    for (const name of this.removedNodes) {
      const orphaned = !this.cluster.node(name) && this.cluster.podsOn(name).size > 0;
      if (orphaned && !this.quarantine.has(name)) this.quarantine.set(name, now + QUARANTINE_MS);
    }
    this.removedNodes.clear();
    for (const [name, due] of [...this.quarantine]) {
      if (due > now) continue;
      this.quarantine.delete(name);
      if (this.cluster.node(name)) continue; // it came back
      for (const pod of [...this.cluster.podsOn(name)]) {
        this.forceDelete(pod, { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
      }
    }
  }

  /**
   * markFailedAndDeletePodWithCondition: a pod not yet terminal becomes Failed
   * (with the DisruptionTarget condition when given), then is deleted with
   * grace period 0: removed from the API at once.
   */
  private forceDelete(pod: Pod, disruption?: { reason: string; message: string }): void {
    if (!isTerminal(pod.status.phase)) {
      if (disruption) setCondition(pod, 'DisruptionTarget', 'True', this.engine.now, disruption.reason, disruption.message);
      this.cluster.updatePodStatus(pod, 'Failed', disruption?.reason ?? pod.status.reason ?? '');
    }
    if (pod.metadata.deletionTimestamp === undefined) this.cluster.deletePod(pod);
    else this.cluster.removePod(pod);
  }
}

const terminating = (pod: Pod): boolean => pod.metadata.deletionTimestamp !== undefined;

/** gcTerminating's target: NotReady, with the out-of-service taint (any effect). */
function isOutOfService(node: Node): boolean {
  return node.ready !== 'True' && node.taints.some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
}

/** eviction.PodIsEvicted: Failed with reason Evicted. */
function isEvicted(pod: Pod): boolean {
  return pod.status.phase === 'Failed' && pod.status.reason === 'Evicted';
}

/**
 * byEvictionAndCreationTimestamp: evicted pods first, then older, then by
 * name; pods of one name in two namespaces (upstream leaves them in any
 * order) by namespace.
 */
export function byEvictionAndCreationTimestamp(a: Pod, b: Pod): number {
  const ea = isEvicted(a);
  if (ea !== isEvicted(b)) return ea ? -1 : 1;
  if (a.metadata.creationTimestamp !== b.metadata.creationTimestamp) {
    return a.metadata.creationTimestamp - b.metadata.creationTimestamp;
  }
  return compare(a.metadata.name, b.metadata.name) || compare(a.metadata.namespace, b.metadata.namespace);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
