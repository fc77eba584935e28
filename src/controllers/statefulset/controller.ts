import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import type { Pod } from '../../model/pod.js';
import { isPodReady } from '../../model/podutil.js';
import { workloadKey, type StatefulSet, type Workload } from '../../model/workloads.js';
import type { ControllerContext } from '../context.js';
import { WorkQueue } from '../workqueue.js';
import { CONTROLLER_REVISION_HASH, POD_INDEX_LABEL, POD_NAME_LABEL, REASON, podEventMessage } from './constants.js';
import { updateStatefulSet, type StatefulPodControl } from './control.js';
import { podName } from './pods.js';
import { RevisionHistory, type Revision } from './revisions.js';
import { completeRollingUpdate, inconsistentStatus } from './status.js';

/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set.go):
 * level-triggered syncs through a work queue keyed `StatefulSet/ns/name`,
 * when the set is created or changed and when any of its pods is created,
 * changes or goes. A sync works out the current and update revisions, runs
 * updateStatefulSet (control.ts), writes the status when it changed
 * (completing a finished rolling update first) and trims the revision
 * history. With minReadySeconds it syncs again that long after a pod turns
 * Ready (plus 1 s, as updatePod does) and after a sync that left replicas
 * unavailable. A refused create (the name is taken) retries rate-limited.
 *
 * Its pods are the ones whose controller ownerReference names it (no
 * adoption or release). Persistent volume claims are not modelled.
 */
export class StatefulSetController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;
  /** Per StatefulSet uid. */
  private readonly histories = new Map<string, RevisionHistory>();
  private readonly control: StatefulPodControl;
  /** Pods last seen Ready (updatePod compares the old pod's readiness with the new one's). */
  private readonly seenReady = new WeakSet<Pod>();

  constructor(ctx: ControllerContext) {
    this.cluster = ctx.cluster;
    this.queue = new WorkQueue(ctx.engine, (key) => this.sync(key), ctx.config.apiLatencyMs);
    this.control = {
      create: (set, ordinal, revision) => this.createPod(set, ordinal, revision),
      delete: (set, pod) => {
        this.cluster.deletePod(pod);
        this.record(set, REASON.SuccessfulDelete, podEventMessage('delete', pod.metadata.name, set.metadata.name));
      },
    };
  }

  workloadAdded(w: Workload): void {
    if (w.kind === 'StatefulSet') this.queue.add(keyOf(w));
  }

  workloadUpdated(w: Workload): void {
    this.workloadAdded(w);
  }

  workloadRemoved(w: Workload): void {
    if (w.kind === 'StatefulSet') this.histories.delete(w.metadata.uid);
  }

  podAdded(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  podStatusChanged(pod: Pod): void {
    const set = this.enqueueOwner(pod);
    if (set === undefined) return; // not a StatefulSet's pod: nothing to remember (a pod is never adopted by one)
    const ready = isPodReady(pod);
    const turnedReady = ready && !this.seenReady.has(pod);
    if (ready) this.seenReady.add(pod);
    else this.seenReady.delete(pod);
    // updatePod: a pod turning Ready syncs again once it can be available (plus 1 s against clock skew).
    if (turnedReady && set.spec.minReadySeconds > 0) this.queue.addAfter(keyOf(set), set.spec.minReadySeconds * 1000 + 1000);
  }

  podDeleting(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  podRemoved(pod: Pod): void {
    this.enqueueOwner(pod);
  }

  /** resolveControllerRef: the pod's StatefulSet, if it still exists. */
  private enqueueOwner(pod: Pod): StatefulSet | undefined {
    const ref = pod.metadata.ownerReferences.find((r) => r.controller);
    if (ref?.kind !== 'StatefulSet') return undefined;
    const set = this.cluster.workload('StatefulSet', pod.metadata.namespace, ref.name);
    if (set?.kind !== 'StatefulSet' || set.metadata.uid !== ref.uid) return undefined;
    this.queue.add(keyOf(set));
    return set;
  }

  /** syncStatefulSet. */
  private sync(key: string): void {
    const [, namespace = '', name = ''] = key.split('/');
    const set = this.cluster.workload('StatefulSet', namespace, name);
    if (set?.kind !== 'StatefulSet') return;
    let history = this.histories.get(set.metadata.uid);
    if (!history) this.histories.set(set.metadata.uid, (history = new RevisionHistory()));
    const pods = [...this.cluster.podsOwnedBy(set.metadata.uid)];
    const revisions = history.revisionsOf(set);
    const now = this.cluster.now;
    let failed = false;
    const control: StatefulPodControl = {
      create: (s, ordinal, revision) => this.control.create(s, ordinal, revision) || ((failed = true), false),
      delete: (s, pod) => this.control.delete(s, pod),
    };
    const status = updateStatefulSet(set, pods, revisions, control, now);
    completeRollingUpdate(set, status);
    if (inconsistentStatus(set, status)) {
      set.status = status;
      this.cluster.updateWorkloadStatus(set);
    }
    history.truncate(set, this.cluster.podsOwnedBy(set.metadata.uid), revisions.current, revisions.update);
    if (failed) this.queue.addRateLimited(key);
    // One more sync to handle the clock skew (syncStatefulSet).
    if (set.spec.minReadySeconds > 0 && status.availableReplicas !== set.spec.replicas) this.queue.addAfter(key, set.spec.minReadySeconds * 1000);
  }

  /**
   * CreateStatefulPod: `<set>-<ordinal>` from the revision's template, with
   * the revision, pod-name and pod-index labels. A name taken by another
   * pod is AlreadyExists: no event, the sync is retried.
   */
  private createPod(set: StatefulSet, ordinal: number, revision: Revision): boolean {
    const name = podName(set, ordinal);
    const labels = { ...revision.template.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_HASH]: revision.name };
    const pod = this.cluster.submitPod({
      namespace: set.metadata.namespace,
      name,
      ownerReferences: [{ kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid, controller: true }],
      template: { ...revision.template, labels },
    });
    if (!pod) return false;
    this.record(set, REASON.SuccessfulCreate, podEventMessage('create', name, set.metadata.name));
    return true;
  }

  private record(set: StatefulSet, reason: string, message: string): void {
    const { namespace, name } = set.metadata;
    this.cluster.recordEvent({ type: 'Normal', reason, kind: 'StatefulSet', namespace, name, node: '', message });
  }
}

const keyOf = (set: StatefulSet): string => workloadKey('StatefulSet', set.metadata.namespace, set.metadata.name);
