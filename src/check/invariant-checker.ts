import { controllerUid, type Cluster, type ClusterWatcher } from '../api/cluster.js';
import type { KubeEvent } from '../api/event.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import { isTerminal, podKey, type Pod, type PodPhase } from '../model/pod.js';
import type { Workload } from '../model/workloads.js';
import { ControllerBounds } from './controller-bounds.js';
import { DeletionStarts } from './deleted-pods.js';
import { CapacityCheck } from './node-capacity.js';
import type { Invariant, Violation } from './violation.js';

export interface InvariantCheckerOptions {
  /** controlPlane.apiLatency: controllers may act on what they saw this long ago (default 0). */
  readonly apiLatencyMs?: Millis;
  /** Violations kept in `violations` (all are counted). Default 100. */
  readonly maxViolations?: number;
}

/**
 * Checks, as a ClusterWatcher, that the simulated cluster never does what a
 * real one cannot (the invariants of violation.ts). Register it before the
 * run (it must hear every pod from its creation); call `finish()` once after.
 * It only reads the cluster and schedules nothing, so a checked run is the
 * same run, event for event.
 *
 * Node capacity and pod conservation are checked when an instant ends (the
 * first change at a later time, or `finish`): within an instant a kubelet may
 * still reject a pod it was about to run. Node capacity counts what a cluster
 * commits a node to (node-capacity.ts): what the scheduler bound, and what the
 * kubelet admitted of the pods bound by their manifest. The rest is checked
 * at the change.
 * Cost: O(1) per change but a pod's resources, and for Deployments a walk over
 * the workloads when a ReplicaSet scales up.
 */
export class InvariantChecker implements ClusterWatcher {
  readonly violations: Violation[] = [];
  private count = 0;
  private readonly maxViolations: number;
  private instant: Millis = 0;
  private lastEventTime: Millis = 0;
  private readonly phases = new Map<Pod, PodPhase>();
  private created = 0;
  private removed = 0;
  private conservationBroken = false;
  private readonly capacity: CapacityCheck;
  private readonly deletions: DeletionStarts;
  private readonly removedNodes = new Map<string, Millis>();
  private readonly bounds: ControllerBounds;
  private finished = false;

  constructor(
    private readonly cluster: Cluster,
    options: InvariantCheckerOptions = {},
  ) {
    this.maxViolations = options.maxViolations ?? 100;
    this.bounds = new ControllerBounds(cluster, options.apiLatencyMs ?? 0);
    this.capacity = new CapacityCheck(cluster);
    this.deletions = new DeletionStarts(cluster);
  }

  /** Every violation found, including those not kept in `violations`. */
  get violationCount(): number {
    return this.count;
  }

  /** Checks the last instant and that every bound pod's node exists or was heard removed. Call once, after the run. */
  finish(): readonly Violation[] {
    if (this.finished) return this.violations;
    this.finished = true;
    this.endInstant();
    for (const pod of this.cluster.pods()) {
      const name = pod.spec.nodeName;
      if (name !== undefined && !this.cluster.node(name) && !this.removedNodes.has(name)) {
        this.report(this.instant, 'node-exists', pod, `bound to node ${name}, which does not exist and was never removed`);
      }
    }
    return this.violations;
  }

  podAdded(pod: Pod): void {
    const now = this.tick(1);
    if (this.phases.has(pod)) this.report(now, 'pod-conservation', pod, 'created twice');
    this.created++;
    const phase = pod.status.phase;
    if (phase !== 'Pending') this.report(now, 'phase-transition', pod, `created in phase ${phase}: pods start Pending`);
    this.phases.set(pod, phase);
    this.capacity.created(pod);
    for (const v of this.bounds.podAdded(pod, controllerUid(pod), now)) this.add(now, 'controller-bound', v.object, v.message);
  }

  podBound(pod: Pod, node: Node): void {
    const now = this.tick();
    if (this.cluster.node(node.name) !== node) this.report(now, 'node-exists', pod, `bound to node ${node.name}, which is not in the cluster`);
    if (!this.phases.has(pod)) this.report(now, 'pod-conservation', pod, 'bound but not in the API');
    this.capacity.bound(pod, node.name);
    if (pod.metadata.deletionTimestamp !== undefined) this.deletions.deleting(pod, now);
    this.bounds.podChanged(pod);
  }

  podStatusChanged(pod: Pod, oldPhase: PodPhase): void {
    const now = this.tick();
    const known = this.phases.get(pod);
    if (known === undefined) {
      this.report(now, 'pod-conservation', pod, 'status changed but the pod is not in the API');
    } else if (known !== oldPhase) {
      this.report(now, 'phase-transition', pod, `phase changed from ${known} to ${oldPhase} without an update`);
    }
    const from = known ?? oldPhase;
    const to = pod.status.phase;
    if (isTerminal(from) && to !== from) this.report(now, 'phase-transition', pod, `${from} -> ${to}: terminal phases are final`);
    if (to === 'Running' && from !== 'Running') this.checkRunningNode(pod, now);
    if (known !== undefined) this.phases.set(pod, to);
    this.capacity.statusChanged(pod);
    const startedDeleted = this.deletions.statusChanged(pod);
    if (startedDeleted !== undefined) this.report(now, 'no-start-after-deletion', pod, startedDeleted);
    this.bounds.podChanged(pod);
  }

  podDeleting(pod: Pod): void {
    const now = this.tick();
    this.deletions.deleting(pod, now);
    this.bounds.podChanged(pod);
  }

  podRemoved(pod: Pod): void {
    const now = this.tick(-1);
    const known = this.phases.get(pod);
    if (known === undefined) {
      this.report(now, 'pod-conservation', pod, 'removed but not in the API (removed twice, or never created)');
      return;
    }
    if (isTerminal(known) && pod.status.phase !== known) {
      this.report(now, 'phase-transition', pod, `${known} -> ${pod.status.phase} without an update: terminal phases are final`);
    }
    this.phases.delete(pod);
    this.removed++;
    this.capacity.released(pod);
    this.deletions.podRemoved(pod);
    this.bounds.podRemoved(pod);
  }

  nodeAdded(node: Node): void {
    this.tick();
    this.removedNodes.delete(node.name);
  }

  nodeUpdated(node: Node): void {
    const now = this.tick();
    this.deletions.nodeUpdated(node, now);
  }

  nodeRemoved(node: Node): void {
    const now = this.tick();
    this.removedNodes.set(node.name, now);
    this.capacity.nodeRemoved(node.name);
    this.deletions.nodeRemoved(node.name);
  }

  eventRecorded(event: KubeEvent): void {
    const now = this.tick();
    const what = `event ${event.reason} of ${event.kind} ${event.namespace ? `${event.namespace}/` : ''}${event.name}`;
    if (event.time !== now) this.add(now, 'event-order', what, `recorded at t=${seconds(now)} with time ${seconds(event.time)}`);
    if (event.time < this.lastEventTime) this.add(now, 'event-order', what, `time ${seconds(event.time)} is before the previous event's ${seconds(this.lastEventTime)}`);
    this.lastEventTime = Math.max(this.lastEventTime, event.time);
  }

  workloadAdded(w: Workload): void {
    this.workloadChanged(w);
  }

  workloadUpdated(w: Workload): void {
    this.workloadChanged(w);
  }

  workloadStatusUpdated(w: Workload): void {
    this.workloadChanged(w);
  }

  workloadRemoved(w: Workload): void {
    this.tick();
    this.bounds.workloadRemoved(w);
  }

  private workloadChanged(w: Workload): void {
    const now = this.tick();
    for (const v of this.bounds.workloadChanged(w, now)) this.add(now, 'controller-bound', v.object, v.message);
  }

  /** A pod that starts Running needs a node that exists. */
  private checkRunningNode(pod: Pod, now: Millis): void {
    const name = pod.spec.nodeName;
    if (name === undefined) this.report(now, 'phase-transition', pod, 'Running but never bound to a node');
    else if (!this.cluster.node(name)) {
      const removedAt = this.removedNodes.get(name);
      const when = removedAt === undefined ? 'which does not exist' : `which was removed at t=${seconds(removedAt)}`;
      this.report(now, 'node-exists', pod, `Running on node ${name}, ${when}`);
    }
  }

  /**
   * The current time; ends the previous instant first when time moved on.
   * `inFlight`: pods the API already holds (+1, podAdded) or no longer holds
   * (-1, podRemoved) that this checker has not counted yet.
   */
  private tick(inFlight = 0): Millis {
    const now = this.cluster.now;
    if (now < this.instant) this.add(now, 'event-order', 'clock', `time went back from t=${seconds(this.instant)} to t=${seconds(now)}`);
    if (now > this.instant) {
      this.endInstant(inFlight);
      this.instant = now;
    }
    return now;
  }

  private endInstant(inFlight = 0): void {
    const t = this.instant;
    for (const [node, message] of this.capacity.endInstant()) this.add(t, 'node-capacity', `Node ${node}`, message);
    const inApi = this.cluster.podCount - inFlight;
    if (!this.conservationBroken && this.created - this.removed !== inApi) {
      this.conservationBroken = true;
      const message = `${this.created} created - ${this.removed} removed = ${this.created - this.removed}, but ${inApi} pods are in the API`;
      this.add(t, 'pod-conservation', 'cluster', message);
    }
  }

  private report(time: Millis, invariant: Invariant, pod: Pod, message: string): void {
    this.add(time, invariant, `Pod ${podKey(pod)}`, message);
  }

  private add(timeMs: Millis, invariant: Invariant, object: string, message: string): void {
    this.count++;
    if (this.violations.length < this.maxViolations) this.violations.push({ timeMs, invariant, object, message });
  }
}

function seconds(ms: Millis): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
