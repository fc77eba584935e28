import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { Engine } from '../../engine/engine.js';
import type { Millis } from '../../model/meta.js';
import type { ConditionStatus, Node } from '../../model/node.js';
import type { Pod } from '../../model/pod.js';
import {
  EVENT_NAMESPACE,
  LABEL_NODE_DISRUPTION_EXCLUSION,
  nodeStatusIsNow,
  REASON,
  registeredNode,
  removingNode,
} from './constants.js';
import { Zones, type DisruptionChange } from './disruption.js';
import { markPodNotReady, markPodsNotReady } from './mark-pods.js';
import { MonitorRuns, probeOf, runAtOrAfter, runAfter, unknownRun } from './monitor-runs.js';
import { NodeTainting } from './tainting.js';
import { zoneKey } from './zones.js';
import type { ControllerContext } from '../context.js';

/** config: nodeMonitorPeriod, nodeMonitorGracePeriod, nodeEvictionRate, reportUnknownPhase. */
export type NodeLifecycleOptions = Pick<ControllerContext, 'cluster' | 'engine' | 'config'>;

/** What the controller keeps of one node (nodeHealthData plus its zone tally). */
interface NodeHealth {
  node: Node;
  zone: string;
  /** Counted in its zone's tallies (not excluded from disruption checks). */
  counted: boolean;
  /** The Ready status counted. */
  ready: ConditionStatus;
  /** probeTimestamp: the monitor run that last saw a heartbeat. */
  probe: Millis;
  /** The node's lastHeartbeat when the controller last looked. */
  heardUntil: Millis | undefined;
  /** A monitor run has seen it (RegisteredNode recorded). */
  registered: boolean;
  removed: boolean;
}

/**
 * The node lifecycle controller (pkg/controller/nodelifecycle), with no idle
 * work: heartbeats are not events (Node.lastHeartbeat says when they stopped),
 * and the monitor (runs at 0, P, 2P...) runs only at the instants a node needs
 * it: its first sight (RegisteredNode), the first run strictly later than
 * probe + nodeMonitorGracePeriod after its heartbeats stop (Ready=Unknown,
 * NodeNotReady, MarkPodsNotReady, the unreachable NoSchedule taint at once),
 * the run after that (queued for the unreachable NoExecute taint: upstream's
 * processTaintBaseEviction acts on the Ready status the run found, so the
 * taint comes one run after Unknown), and the first run after the kubelet
 * reports again (NoExecute taints removed, queue entry dropped). Each run
 * ends with handleDisruption and the zones' tainting passes (rate-limited
 * per zone, at the run's instant, then on the 100 ms grid). A run at an
 * instant comes after the heartbeats and faults of that instant.
 * Idle cost: nothing. Per fault: a few runs, each O(nodes visited + zones).
 */
export class NodeLifecycleController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly engine: Engine;
  private readonly period: Millis;
  private readonly grace: Millis;
  private readonly reportUnknownPhase: boolean;
  private readonly health = new Map<string, NodeHealth>();
  private readonly zones: Zones;
  private readonly runs: MonitorRuns;
  private readonly taints: NodeTainting;

  constructor(o: NodeLifecycleOptions) {
    this.cluster = o.cluster;
    this.engine = o.engine;
    this.period = o.config.nodeMonitorPeriodMs;
    this.grace = o.config.nodeMonitorGracePeriodMs;
    this.reportUnknownPhase = o.config.reportUnknownPhase;
    this.zones = new Zones(o.config.nodeEvictionRate);
    this.runs = new MonitorRuns(o.engine, (at, names) => this.monitor(at, names));
    this.taints = new NodeTainting(o.cluster, o.engine, this.zones);
  }

  // ---- watcher: schedules, never writes ----

  nodeAdded(node: Node): void {
    const old = this.health.get(node.name);
    const h: NodeHealth = {
      node,
      zone: zoneKey(node.labels),
      counted: !(LABEL_NODE_DISRUPTION_EXCLUSION in node.labels),
      ready: node.ready,
      probe: runAtOrAfter(this.engine.now, this.period),
      heardUntil: undefined,
      registered: old?.registered ?? false,
      removed: false,
    };
    if (old && !old.removed) this.uncount(old);
    this.health.set(node.name, h);
    this.zones.zone(h.zone);
    if (h.counted) this.zones.count(h.zone, h.ready === 'True', 1);
    this.runs.visit(node.name, runAtOrAfter(this.engine.now, this.period));
    this.nodeUpdated(node);
  }

  nodeUpdated(node: Node): void {
    const h = this.health.get(node.name);
    if (!h || h.node !== node || h.removed) return;
    const readyChanged = this.recount(h);
    if (node.lastHeartbeat !== h.heardUntil) {
      h.heardUntil = node.lastHeartbeat;
      if (node.lastHeartbeat !== undefined) {
        h.probe = probeOf(node.lastHeartbeat, this.period);
        const unknownAt = unknownRun(h.probe, this.period, this.grace);
        this.runs.visit(node.name, Math.max(unknownAt, runAtOrAfter(this.engine.now, this.period)));
      }
    }
    if (readyChanged && !this.taints.writing) this.runs.visit(node.name, runAtOrAfter(this.engine.now, this.period));
    this.taints.checkNoSchedule(node);
  }

  nodeRemoved(node: Node): void {
    const h = this.health.get(node.name);
    if (!h || h.node !== node) return;
    this.uncount(h);
    h.removed = true;
    this.runs.visit(node.name, runAtOrAfter(this.engine.now, this.period));
  }

  /** processPod: a pod bound to a node that is not Ready is marked not ready too. */
  podBound(pod: Pod, node: Node): void {
    const h = this.health.get(node.name);
    if (!h?.registered || node.ready === 'True') return;
    this.engine.schedule(0, () => {
      if (pod.spec.nodeName === node.name && this.cluster.pod(pod.metadata.namespace, pod.metadata.name) === pod) {
        markPodNotReady(this.cluster, pod, node.name, this.reportUnknownPhase && node.ready === 'Unknown');
      }
    });
  }

  // ---- tallies ----

  /** Moves the node between tallies after a label or readiness change; true when its Ready changed. */
  private recount(h: NodeHealth): boolean {
    const { node } = h;
    const zone = zoneKey(node.labels);
    const counted = !(LABEL_NODE_DISRUPTION_EXCLUSION in node.labels);
    const readyChanged = node.ready !== h.ready;
    if (zone === h.zone && counted === h.counted && !readyChanged) return false;
    this.uncount(h);
    h.zone = zone;
    h.counted = counted;
    h.ready = node.ready;
    if (counted) this.zones.count(zone, h.ready === 'True', 1);
    return readyChanged;
  }

  private uncount(h: NodeHealth): void {
    if (h.counted && !h.removed) this.zones.count(h.zone, h.ready === 'True', -1);
  }

  // ---- monitor runs ----

  /** One monitorNodeHealth run over the nodes due now, then handleDisruption and the tainting passes. */
  private monitor(at: Millis, due: ReadonlySet<string>): void {
    const nodes = [...due].flatMap((n) => this.health.get(n) ?? []).sort((a, b) => a.node.index - b.node.index);
    for (const h of nodes) if (!h.removed && !h.registered) this.register(h);
    for (const h of nodes) if (h.removed) this.forget(h);
    const markedUnknown = new Set<string>();
    for (const h of nodes) if (!h.removed && this.updateHealth(h, at)) markedUnknown.add(h.node.name);
    this.afterDisruption(this.zones.handle(at), at, markedUnknown);
    this.taints.runTainters(at);
  }

  private register(h: NodeHealth): void {
    h.registered = true;
    this.recordNodeEvent(h.node.name, REASON.RegisteredNode, registeredNode(h.node.name));
  }

  private forget(h: NodeHealth): void {
    const name = h.node.name;
    if (this.health.get(name) === h) this.health.delete(name);
    this.zones.zone(h.zone).tainter.remove(name);
    if (h.registered) this.recordNodeEvent(name, REASON.RemovingNode, removingNode(name));
  }

  /**
   * tryUpdateNodeHealth, processTaintBaseEviction and the NodeNotReady /
   * MarkPodsNotReady step for one node; true when this run marked it Unknown.
   */
  private updateHealth(h: NodeHealth, now: Millis): boolean {
    const { node } = h;
    const observed = node.ready;
    if (node.lastHeartbeat === undefined) h.probe = now;
    const lost = now > h.probe + this.grace && observed !== 'Unknown';
    if (lost) this.taints.write(node, () => (node.ready = 'Unknown'));
    this.processTaintBaseEviction(h, observed, now);
    if (!lost) return false;
    if (observed === 'True') {
      this.recordNodeEvent(node.name, REASON.NodeNotReady, nodeStatusIsNow(node.name, REASON.NodeNotReady));
      markPodsNotReady(this.cluster, node.name, this.reportUnknownPhase);
    }
    this.runs.visit(node.name, runAfter(now, this.period));
    return true;
  }

  /** Acts on the Ready status the run found (not the one it just wrote). */
  private processTaintBaseEviction(h: NodeHealth, observed: ConditionStatus, now: Millis): void {
    if (observed === 'True') this.taints.markNodeAsReachable(h.node, h.zone, now);
    else this.taints.queueNoExecute(h.node, h.zone, observed, now);
  }

  /**
   * Entering master disruption mode removes every node's NoExecute taints;
   * leaving it restarts every silent node's grace period and queues the
   * not-Ready nodes again (upstream re-queues them on each run meanwhile).
   */
  private afterDisruption(change: DisruptionChange, now: Millis, markedUnknown: ReadonlySet<string>): void {
    if (change === 'none') return;
    for (const h of [...this.health.values()].sort((a, b) => a.node.index - b.node.index)) {
      if (h.removed) continue;
      const { node } = h;
      if (change === 'enteredMasterDisruption') this.taints.markNodeAsReachable(node, h.zone, now);
      else if (node.ready === 'True' && node.lastHeartbeat !== undefined) {
        h.probe = now;
        this.runs.visit(node.name, unknownRun(now, this.period, this.grace));
      } else if (node.ready !== 'True' && !markedUnknown.has(node.name)) {
        this.processTaintBaseEviction(h, node.ready, now);
      }
    }
  }

  private recordNodeEvent(name: string, reason: string, message: string): void {
    this.cluster.recordEvent({ type: 'Normal', reason, kind: 'Node', namespace: EVENT_NAMESPACE, name, node: name, message });
  }
}
