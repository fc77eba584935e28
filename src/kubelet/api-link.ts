import type { Cluster } from '../api/cluster.js';
import type { KubeEvent } from '../api/event.js';
import type { Pod, PodPhase } from '../model/pod.js';
import type { KubeletApi } from './context.js';
import type { EventType } from './image-manager.js';

/**
 * One node's kubelet link to the API server. While connected every write goes
 * through at once. While the node is cut off (partitioned, or down) events and
 * final deletes are held in order and delivered by `flushEvents` and
 * `flushRemovals` when the kubelet reaches the API again, stamped with that
 * time: the trace shows what the API server received, when. Pod statuses are
 * held per pod by its status manager (pod-status.ts: detach / attach).
 */
export class ApiLink implements KubeletApi {
  connected = true;
  private heldEvents: Omit<KubeEvent, 'time'>[] = [];
  private heldRemovals: Pod[] = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly nodeName: string,
  ) {}

  updatePodStatus(pod: Pod, phase: PodPhase, reason: string): void {
    this.cluster.updatePodStatus(pod, phase, reason);
  }

  recordEvent(pod: Pod, type: EventType, reason: string, message: string): void {
    const { namespace, name } = pod.metadata;
    const event = { type, reason, kind: 'Pod', namespace, name, node: this.nodeName, message };
    if (this.connected) this.cluster.recordEvent(event);
    else this.heldEvents.push(event);
  }

  removePod(pod: Pod): void {
    if (this.connected) this.cluster.removePod(pod);
    else this.heldRemovals.push(pod);
  }

  /** Delivers the events held while cut off, in the order they happened. */
  flushEvents(): void {
    const events = this.heldEvents;
    this.heldEvents = [];
    for (const e of events) this.cluster.recordEvent(e);
  }

  /** Carries out the final deletes held while cut off. */
  flushRemovals(): void {
    const pods = this.heldRemovals;
    this.heldRemovals = [];
    for (const pod of pods) this.cluster.removePod(pod);
  }
}
