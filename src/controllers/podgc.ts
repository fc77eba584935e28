import { setCondition, type Cluster, type ClusterWatcher } from '../api/cluster.js';
import type { Engine } from '../engine/engine.js';
import type { Node } from '../model/node.js';
import { isTerminal, type Pod } from '../model/pod.js';

/** PodGC's loop period (`gcCheckPeriod`, pkg/controller/podgc/gc_controller.go). */
export const GC_CHECK_PERIOD_MS = 20_000;
/** How long a missing node stays quarantined before its pods are collected (`quarantineTime`). */
export const QUARANTINE_MS = 40_000;

/**
 * The pod garbage collector's orphan path: pods bound to a node that no longer
 * exists are marked Failed with a DisruptionTarget condition (reason
 * DeletionByPodGC) and force-deleted. The loop runs at t = 0, 20 s, 40 s...;
 * the first run after a node disappears quarantines it, and the run 40 s later
 * collects its pods. Runs are scheduled only while a node is quarantined, so
 * an idle cluster costs no events.
 */
export class PodGC implements ClusterWatcher {
  constructor(
    private readonly cluster: Cluster,
    private readonly engine: Engine,
  ) {}

  nodeRemoved(node: Node): void {
    const firstRun = Math.ceil(this.engine.now / GC_CHECK_PERIOD_MS) * GC_CHECK_PERIOD_MS;
    this.engine.at(firstRun + QUARANTINE_MS, () => this.collectOrphans(node.name));
  }

  private collectOrphans(nodeName: string): void {
    if (this.cluster.node(nodeName)) return; // it came back
    for (const pod of [...this.cluster.podsOn(nodeName)]) this.failAndDelete(pod);
  }

  private failAndDelete(pod: Pod): void {
    const now = this.cluster.now;
    setCondition(pod, 'DisruptionTarget', 'True', now, 'DeletionByPodGC', 'PodGC: node no longer exists');
    if (!isTerminal(pod.status.phase)) this.cluster.updatePodStatus(pod, 'Failed', 'DeletionByPodGC');
    this.cluster.removePod(pod);
  }
}
