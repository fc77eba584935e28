import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import type { StatefulSet, StatefulSetStatus } from '../../model/workloads.js';
import {
  getOrdinal,
  inOrdinalRange,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  isUnavailable,
  maxUnavailableOf,
  podRevision,
  startOrdinal,
} from './pods.js';
import type { Revision } from './revisions.js';
import { countReplicas } from './status.js';

/** StatefulPodControl: creates a pod of the set (false when the API refused it) or deletes one. */
export interface StatefulPodControl {
  create(set: StatefulSet, ordinal: number, revision: Revision): boolean;
  delete(set: StatefulSet, pod: Pod): void;
}

/** A replica slot: the pod holding the ordinal, or the ordinal still to create. */
type Replica = { readonly pod: Pod } | { readonly ordinal: number; readonly revision: Revision };

/**
 * updateStatefulSet (pkg/controller/statefulset/stateful_set_control.go),
 * with MaxUnavailableStatefulSet on (beta, on by default since v1.35). Pods
 * whose ordinal is in [start, start + replicas) are replicas, those with an
 * ordinal outside it are condemned. With OrderedReady (monotonic) the sync
 * stops at the first replica that it created, that is terminating, or that
 * is not Running, Ready and available, and deletes one condemned pod at a
 * time from the highest ordinal; with Parallel it goes on past each. A
 * failed or succeeded replica is deleted and, as upstream since v1.30, made
 * again only by a later sync, once it is gone from the API (so a replica
 * keeps its name and never has two pods). Then the rolling update deletes,
 * from the highest ordinal down to the partition, pods not at the update
 * revision, while fewer than maxUnavailable replicas are unavailable.
 * Returns the status to write: the counts of the pods as the sync found
 * them, less the pods it deleted for the update from currentReplicas.
 */
export function updateStatefulSet(
  set: StatefulSet,
  pods: readonly Pod[],
  revisions: { current: Revision; update: Revision },
  control: StatefulPodControl,
  now: Millis,
): StatefulSetStatus {
  const { current, update } = revisions;
  const minReady = set.spec.minReadySeconds;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: current.name,
    updateRevision: update.name,
    collisionCount: set.status.collisionCount,
  };
  countReplicas(status, pods, minReady, now);

  const start = startOrdinal(set);
  const slots: (Pod | undefined)[] = new Array<Pod | undefined>(set.spec.replicas).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (inOrdinalRange(pod, set)) slots[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  const replicas: Replica[] = slots.map((pod, i) => (pod ? { pod } : { ordinal: start + i, revision: revisionFor(set, start + i, current, update) }));
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
  // The first unavailable replica (one not yet created counts), else the lowest unavailable condemned pod.
  const firstReplica = replicas.find((r) => !('pod' in r) || isUnavailable(r.pod, minReady, now));
  const firstUnavailable: Pod | undefined = firstReplica
    ? 'pod' in firstReplica ? firstReplica.pod : undefined
    : [...condemned].reverse().find((p) => isUnavailable(p, minReady, now));

  if (set.metadata.deletionTimestamp !== undefined) return status;
  const monotonic = set.spec.podManagementPolicy !== 'Parallel';

  // processReplica, in ordinal order.
  for (const r of replicas) {
    if (!('pod' in r)) {
      if (!control.create(set, r.ordinal, r.revision) || monotonic) return status;
      continue;
    }
    const pod = r.pod;
    if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') {
      if (!isTerminating(pod)) control.delete(set, pod);
      if (monotonic) return status;
      continue;
    }
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return status;
  }

  // processCondemned, from the highest ordinal down.
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return status;
      continue;
    }
    const blocked = pod !== firstUnavailable && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now));
    if (monotonic && blocked) return status;
    control.delete(set, pod);
    if (monotonic) return status;
  }

  const strategy = set.spec.updateStrategy;
  if (strategy.type === 'OnDelete') return status;
  // updateStatefulSetAfterInvariantEstablished.
  const maxUnavailable = maxUnavailableOf(strategy.maxUnavailable, set.spec.replicas);
  const created = replicas.map((r) => ('pod' in r ? r.pod : undefined));
  const unavailable = created.filter((p) => p === undefined || isUnavailable(p, minReady, now)).length;
  if (unavailable > maxUnavailable) return status;
  let toDelete = maxUnavailable - unavailable;
  for (let target = created.length - 1; target >= strategy.partition && toDelete > 0; target--) {
    const pod = created[target];
    if (pod === undefined || podRevision(pod) === update.name || isTerminating(pod)) continue;
    control.delete(set, pod);
    toDelete--;
    status.currentReplicas--;
  }
  return status;
}

/**
 * newVersionedStatefulSetPod's revision: with RollingUpdate, ordinals below
 * start + partition (without a rollingUpdate block: below start +
 * status.currentReplicas) are made at the current revision, the rest at the
 * update revision (OnDelete: always the update revision).
 */
export function revisionFor(set: StatefulSet, ordinal: number, current: Revision, update: Revision): Revision {
  const s = set.spec.updateStrategy;
  if (s.type !== 'RollingUpdate') return update;
  const below = s.rollingUpdate ? s.partition : set.status.currentReplicas;
  return ordinal < startOrdinal(set) + below ? current : update;
}

