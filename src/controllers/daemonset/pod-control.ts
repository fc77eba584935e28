import type { Cluster } from '../../api/cluster.js';
import type { Pod } from '../../model/pod.js';
import type { PodTemplate } from '../../model/scenario.js';
import type { DaemonSet } from '../../model/workloads.js';
import { BURST_REPLICAS, createdPodMessage, DaemonSetReason, deletedPodMessage } from './constants.js';
import type { DaemonEvent } from './manage.js';
import { controllerRef, podTemplateForNode } from './pod-template.js';

/** What syncNodes did: pods created and deleted, creations refused (a generated name already taken). */
export interface SyncResult {
  readonly created: number;
  readonly deleted: number;
  readonly failed: number;
}

/**
 * The DaemonSet's side of RealPodControl: creates daemon pods through the API
 * (named `<ds>-` + 5 random characters, admitted) and deletes them
 * gracefully, recording SuccessfulCreate / SuccessfulDelete on the DaemonSet.
 */
export class DaemonPodControl {
  constructor(private readonly cluster: Cluster) {}

  /**
   * syncNodes: creates a pod for each node in `nodesNeedingDaemonPods`, then
   * deletes `podsToDelete`, each list cut at BURST_REPLICAS (the rest is left
   * to the next sync, which the watch events of these writes trigger).
   */
  syncNodes(
    ds: DaemonSet,
    template: PodTemplate,
    podsToDelete: readonly Pod[],
    nodesNeedingDaemonPods: readonly string[],
    record: (e: DaemonEvent) => void,
  ): SyncResult {
    let created = 0;
    let failed = 0;
    for (const nodeName of nodesNeedingDaemonPods.slice(0, BURST_REPLICAS)) {
      const pod = this.cluster.submitPod({
        namespace: ds.metadata.namespace,
        generateName: `${ds.metadata.name}-`,
        ownerReferences: [controllerRef(ds)],
        template: podTemplateForNode(template, nodeName),
      });
      if (!pod) {
        failed++;
        continue;
      }
      created++;
      record({ type: 'Normal', reason: DaemonSetReason.SuccessfulCreate, message: createdPodMessage(pod.metadata.name) });
    }
    let deleted = 0;
    for (const pod of podsToDelete.slice(0, BURST_REPLICAS)) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      this.cluster.deletePod(pod);
      deleted++;
      record({ type: 'Normal', reason: DaemonSetReason.SuccessfulDelete, message: deletedPodMessage(pod.metadata.name) });
    }
    return { created, deleted, failed };
  }
}
