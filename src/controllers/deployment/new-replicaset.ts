import { goQuote } from '../../model/goquote.js';
import type { LabelSelector } from '../../model/meta.js';
import type { PodTemplate } from '../../model/scenario.js';
import type { Deployment, ReplicaSet } from '../../model/workloads.js';
import { emptyReplicaSetStatus } from '../replicaset/status.js';
import { CONDITION, REASON, getCondition, hasProgressDeadline, newCondition, setCondition } from './conditions.js';
import { POD_TEMPLATE_HASH, computeHash, equalIgnoreHash } from './hash.js';
import { maxSurge, newRSNewReplicas } from './replicas.js';
import { REVISION_ANNOTATION, findNewReplicaSet, findOldReplicaSets, maxRevision, newReplicaSetAnnotations, setAnnotations } from './replicasets.js';
import type { DeploymentWriter, ReplicaSets } from './sync.js';

/**
 * getAllReplicaSetsAndSyncRevision / getNewReplicaSet
 * (pkg/controller/deployment/sync.go): finds the new ReplicaSet (template
 * equal to the Deployment's) and brings its annotations, minReadySeconds and
 * revision (max old + 1) up to date; with `create`, makes it when missing,
 * named `<deployment>-<pod-template-hash>`. Undefined when creation hit a
 * name taken by a ReplicaSet that is not ours: collisionCount was bumped and
 * the sync must be retried.
 */
export function getAllReplicaSetsAndSyncRevision(
  w: DeploymentWriter,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  create: boolean,
): ReplicaSets | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const oldRSs = findOldReplicaSets(rsList, existing);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    syncExisting(w, d, existing, newRevision);
    return { newRS: existing, oldRSs };
  }
  if (!create) return { newRS: undefined, oldRSs };
  const newRS = createNewReplicaSet(w, d, oldRSs, newRevision);
  return newRS ? { newRS, oldRSs } : undefined;
}

function syncExisting(w: DeploymentWriter, d: Deployment, rs: ReplicaSet, newRevision: number): void {
  const annotations = newReplicaSetAnnotations(d, rs.metadata.annotations, newRevision);
  if (annotations || rs.spec.minReadySeconds !== d.spec.minReadySeconds) {
    if (annotations) setAnnotations(rs, annotations);
    rs.spec = { ...rs.spec, minReadySeconds: d.spec.minReadySeconds };
    w.cluster.updateWorkload(rs);
    return;
  }
  let needsUpdate = w.setDeploymentRevision(d, rs.metadata.annotations[REVISION_ANNOTATION]);
  if (hasProgressDeadline(d) && !getCondition(d.status, CONDITION.Progressing)) {
    const msg = `Found new replica set ${goQuote(rs.metadata.name)}`;
    setCondition(d.status, newCondition(CONDITION.Progressing, 'True', REASON.FoundNewReplicaSet, msg, w.now));
    needsUpdate = true;
  }
  if (needsUpdate) w.cluster.updateWorkloadStatus(d);
}

/** CloneSelectorAndAddLabel. */
function selectorWithHash(selector: LabelSelector, hash: string): LabelSelector {
  return { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } };
}

function createNewReplicaSet(w: DeploymentWriter, d: Deployment, oldRSs: readonly ReplicaSet[], newRevision: number): ReplicaSet | undefined {
  const { cluster } = w;
  const hash = computeHash(d.spec.template, d.status.collisionCount);
  const template: PodTemplate = { ...d.spec.template, labels: { ...d.spec.template.labels, [POD_TEMPLATE_HASH]: hash } };
  const name = `${d.metadata.name}-${hash}`;
  const taken = cluster.workload('ReplicaSet', d.metadata.namespace, name);
  if (taken) return collision(w, d, taken as ReplicaSet, newRevision);
  const rs: ReplicaSet = {
    kind: 'ReplicaSet',
    metadata: {
      namespace: d.metadata.namespace,
      name,
      uid: cluster.newUid(),
      labels: template.labels,
      annotations: {},
      ownerReferences: [{ kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true }],
      creationTimestamp: cluster.now,
      generation: 0,
    },
    spec: { replicas: 0, selector: selectorWithHash(d.spec.selector, hash), template, minReadySeconds: d.spec.minReadySeconds },
    status: emptyReplicaSetStatus(),
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec.replicas = replicas;
  const desired = { desired: d.spec.replicas, max: d.spec.replicas + maxSurge(d) };
  setAnnotations(rs, newReplicaSetAnnotations(d, {}, newRevision, desired) ?? {});
  cluster.createWorkload(rs);
  if (replicas > 0) w.recordScaling(d, `Scaled up replica set ${name} from 0 to ${replicas}`);
  w.setDeploymentRevision(d, String(newRevision));
  if (hasProgressDeadline(d)) {
    const msg = `Created new replica set ${goQuote(name)}`;
    setCondition(d.status, newCondition(CONDITION.Progressing, 'True', REASON.NewReplicaSetCreated, msg, w.now));
  }
  w.cluster.updateWorkloadStatus(d);
  return rs;
}

/**
 * The name is taken (AlreadyExists). Ours with this template: it is the new
 * one. Otherwise a hash collision: bump collisionCount so the next attempt
 * hashes differently.
 */
function collision(w: DeploymentWriter, d: Deployment, taken: ReplicaSet, newRevision: number): ReplicaSet | undefined {
  const ref = taken.metadata.ownerReferences.find((r) => r.controller);
  if (ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, taken.spec.template)) {
    if (w.setDeploymentRevision(d, String(newRevision))) w.cluster.updateWorkloadStatus(d);
    return taken;
  }
  d.status = { ...d.status, collisionCount: (d.status.collisionCount ?? 0) + 1 };
  w.cluster.updateWorkloadStatus(d);
  return undefined;
}
