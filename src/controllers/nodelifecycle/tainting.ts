import type { Cluster } from '../../api/cluster.js';
import type { Engine } from '../../engine/engine.js';
import type { Millis } from '../../model/meta.js';
import type { ConditionStatus, Node } from '../../model/node.js';
import type { Zone, Zones } from './disruption.js';
import { hasTaint, noScheduleDiff, NOT_READY_NO_EXECUTE, swapTaints, UNREACHABLE_NO_EXECUTE, type TaintRef } from './node-taints.js';

/** The NoExecute taint for a Ready status and the one it replaces (mutually exclusive, mimicking the Ready condition). */
function noExecuteFor(status: ConditionStatus): [TaintRef, TaintRef] {
  return status === 'Unknown' ? [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE] : [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
}

/**
 * The node lifecycle controller's taint writes: doNoScheduleTaintingPass
 * (on node changes, at once), processTaintBaseEviction and
 * markNodeAsReachable (from monitor runs), and doNoExecuteTaintingPass (the
 * zones' rate-limited queues, at a run's instant, then on the 100 ms grid
 * while a queue waits for its token).
 */
export class NodeTainting {
  /** True while the controller writes a node: the controller's watcher schedules nothing for its own writes. */
  writing = false;
  private readonly noSchedulePending = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly engine: Engine,
    private readonly zones: Zones,
  ) {}

  /** From a watcher: schedules doNoScheduleTaintingPass when the node's NoSchedule taints are out of step. */
  checkNoSchedule(node: Node): void {
    const diff = noScheduleDiff(node);
    if ((diff.add.length === 0 && diff.remove.length === 0) || this.noSchedulePending.has(node.name)) return;
    this.noSchedulePending.add(node.name);
    this.engine.schedule(0, () => this.noScheduleTaintingPass(node.name));
  }

  /** processTaintBaseEviction for a node not Ready: swap at once a NoExecute taint of the other kind, else queue it. */
  queueNoExecute(node: Node, zone: string, observed: ConditionStatus, now: Millis): void {
    const [wanted, opposite] = noExecuteFor(observed);
    if (hasTaint(node, opposite)) return this.write(node, () => swapTaints(node, [wanted], [opposite], now));
    const tainter = this.zones.zone(zone).tainter;
    if (!hasTaint(node, wanted)) tainter.remove(node.name);
    tainter.add(node.name);
  }

  /** markNodeAsReachable: both NoExecute taints off, the node out of its zone's queue. */
  markNodeAsReachable(node: Node, zone: string, now: Millis): void {
    this.write(node, () => swapTaints(node, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE], now));
    this.zones.zone(zone).tainter.remove(node.name);
  }

  /** doNoExecuteTaintingPass for every zone with queued nodes. */
  runTainters(now: Millis): void {
    for (const z of this.zones.all()) if (z.tainter.length > 0) this.runTainter(z, now);
  }

  /** Runs `change` on the node and records it (unless it returns false) as the controller's own write. */
  write(node: Node, change: () => unknown): void {
    if (change() === false) return;
    this.writing = true;
    try {
      this.cluster.updateNode(node);
    } finally {
      this.writing = false;
    }
  }

  private runTainter(z: Zone, now: Millis): void {
    z.retry?.cancel();
    z.retry = undefined;
    const next = z.tainter.tryAll(now, (name) => this.taintNoExecute(name, now));
    if (next === undefined) return;
    z.retry = this.engine.at(next, () => {
      z.retry = undefined;
      this.runTainter(z, this.engine.now);
    });
  }

  /** The tainter's step: unreachable for Unknown, not-ready for False, nothing once Ready again. */
  private taintNoExecute(name: string, now: Millis): void {
    const node = this.cluster.node(name);
    if (!node || node.ready === 'True') return;
    const [add, remove] = noExecuteFor(node.ready);
    this.write(node, () => swapTaints(node, [add], [remove], now));
  }

  private noScheduleTaintingPass(name: string): void {
    this.noSchedulePending.delete(name);
    const node = this.cluster.node(name);
    if (!node) return;
    const { add, remove } = noScheduleDiff(node);
    this.write(node, () => swapTaints(node, add, remove, this.engine.now));
  }
}
