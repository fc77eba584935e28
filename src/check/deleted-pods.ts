import type { Cluster } from '../api/cluster.js';
import type { Millis } from '../model/meta.js';
import type { Node } from '../model/node.js';
import type { ContainerStatus, Pod } from '../model/pod.js';

/**
 * The no-start-after-deletion invariant: once its kubelet has seen a pod's
 * deletion timestamp, no container of the pod starts (pkg/kubelet
 * pod_workers.go: a pod whose termination was requested is never started
 * again; SyncTerminatingPod only stops containers).
 *
 * The kubelet sees the deletion at the deletion itself when its node reaches
 * the API, else when the node reaches it again (a kubelet cut off by a
 * partition or a crash sees no API change meanwhile, and may restart
 * containers of a pod it does not know is deleted). Whether a node reaches
 * the API is what the API shows: its heartbeat is live (Node.lastHeartbeat
 * undefined). A container counts as started after the deletion was seen when
 * its status shows it running since a later instant (strictly: a start at the
 * instant the deletion arrives may precede the kubelet hearing of it).
 *
 * Cost: O(1) per pod change, plus the pod's containers for a pod being deleted.
 */
export class DeletionStarts {
  /** Pods being deleted whose kubelet has seen it, and when. */
  private readonly seen = new Map<Pod, Millis>();
  /** Pods deleted while their node's kubelet was cut off, by node name. */
  private readonly unseen = new Map<string, Set<Pod>>();

  constructor(private readonly cluster: Cluster) {}

  /** Deletion requested (or a pod being deleted was bound): when its kubelet sees it. */
  deleting(pod: Pod, now: Millis): void {
    const name = pod.spec.nodeName;
    if (name === undefined || this.seen.has(pod)) return;
    const node = this.cluster.node(name);
    if (!node) return;
    if (node.lastHeartbeat === undefined) {
      this.seen.set(pod, now);
      return;
    }
    let pods = this.unseen.get(name);
    if (!pods) this.unseen.set(name, (pods = new Set()));
    pods.add(pod);
  }

  /** A node changed: when its kubelet reaches the API again, it sees the deletions it missed. */
  nodeUpdated(node: Node, now: Millis): void {
    if (node.lastHeartbeat !== undefined) return;
    const pods = this.unseen.get(node.name);
    if (!pods) return;
    this.unseen.delete(node.name);
    for (const pod of pods) this.seen.set(pod, now);
  }

  /**
   * The pod's status changed: a message for the first container shown
   * running since after its kubelet saw the deletion (reported once per pod),
   * else undefined.
   */
  statusChanged(pod: Pod): string | undefined {
    const seenAt = this.seen.get(pod);
    if (seenAt === undefined) return undefined;
    const { initContainerStatuses, containerStatuses } = pod.status;
    const started = startedAfter(initContainerStatuses, seenAt) ?? startedAfter(containerStatuses, seenAt);
    if (!started) return undefined;
    this.seen.delete(pod);
    const deletedAt = pod.metadata.deletionTimestamp ?? seenAt;
    const [name, at] = started;
    return `container ${name} started at t=${seconds(at)}, after its kubelet saw the pod's deletion (deletionTimestamp t=${seconds(deletedAt)}, seen at t=${seconds(seenAt)})`;
  }

  podRemoved(pod: Pod): void {
    this.seen.delete(pod);
    const name = pod.spec.nodeName;
    if (name !== undefined) this.unseen.get(name)?.delete(pod);
  }

  nodeRemoved(name: string): void {
    this.unseen.delete(name);
  }
}

function startedAfter(statuses: readonly ContainerStatus[], t: Millis): [string, Millis] | undefined {
  for (const s of statuses) {
    const st = s.state;
    if (st.state === 'running' && st.startedAt > t) return [s.name, st.startedAt];
  }
  return undefined;
}

function seconds(ms: Millis): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
