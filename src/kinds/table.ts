import type { Pod } from '../model/pod.js';
import type { LabelSelector } from '../model/meta.js';
import type { Workload } from '../model/workloads.js';
import { daemonSetKind } from './daemonset.js';
import { deploymentKind } from './deployment.js';
import type { KindEntry } from './entry.js';
import { cronJobKind } from './cronjob.js';
import { jobKind } from './job.js';
import { podDisruptionBudgetKind } from './poddisruptionbudget.js';
import { replicaSetKind, replicationControllerKind } from './replicaset.js';
import { statefulSetKind } from './statefulset.js';

/**
 * Every workload kind podsim models, one entry each (see KindEntry). Adding
 * a kind: its API type in model/workloads.ts (a member of `Workload`), its
 * converter in io/manifests, its controller in controllers/<kind>/, its
 * entry in a file here, and one line in this list. The order is the order
 * the controllers watch the cluster: the ReplicaSet controllers before the
 * Deployment controller, so a rollout step's scale-down and scale-up land in
 * that order.
 */
export const WORKLOAD_KINDS: readonly KindEntry[] = [
  anyKind(replicaSetKind),
  anyKind(replicationControllerKind),
  anyKind(deploymentKind),
  anyKind(jobKind),
  anyKind(cronJobKind),
  anyKind(podDisruptionBudgetKind),
  anyKind(daemonSetKind),
  anyKind(statefulSetKind),
];

/** An entry typed for its own workload type, held as one for any workload: the table calls it only with workloads of its kind. */
function anyKind<W extends Workload>(entry: KindEntry<W>): KindEntry {
  return entry as unknown as KindEntry;
}

const BY_KIND: ReadonlyMap<string, KindEntry> = new Map(WORKLOAD_KINDS.map((k) => [k.kind, k]));

/** The entry of a workload kind; undefined for any other kind (Pod, Node...). */
export function kindEntry(kind: string): KindEntry | undefined {
  return BY_KIND.get(kind);
}

/** The entry of a workload's own kind. */
export function entryOf(w: Workload): KindEntry {
  const k = BY_KIND.get(w.kind);
  if (k === undefined) throw new Error(`workload kind ${w.kind} has no entry in WORKLOAD_KINDS`);
  return k;
}

/** The kinds `kubectl scale` (the scenario's scale action) accepts, in alphabetical order. */
export const SCALABLE_KINDS: readonly string[] = WORKLOAD_KINDS.filter((k) => k.scalable)
  .map((k) => k.kind)
  .sort();

/**
 * helper.DefaultSelector (pkg/scheduler/framework/plugins/helper/spread.go):
 * the selector of the workload controlling `pod`, for the kinds the scheduler
 * spreads by (ReplicaSet, ReplicationController, StatefulSet; podsim has no
 * Services); undefined when none.
 */
export function defaultSelector(pod: Pod, workload: (kind: Workload['kind'], namespace: string, name: string) => Workload | undefined): LabelSelector | undefined {
  const refs = pod.metadata.ownerReferences;
  if (refs.length === 0) return undefined;
  const owner = refs.find((r) => r.controller);
  const entry = owner && BY_KIND.get(owner.kind);
  if (owner === undefined || entry?.ownerSelector === undefined) return undefined;
  const w = workload(entry.kind, pod.metadata.namespace, owner.name);
  return w === undefined ? undefined : entry.ownerSelector(w);
}

/** The status of a workload of `kind` nobody has synced yet. */
export function initialStatus<K extends Workload['kind']>(kind: K): Extract<Workload, { kind: K }>['status'];
export function initialStatus(kind: Workload['kind']): Workload['status'] {
  const k = BY_KIND.get(kind);
  if (k === undefined) throw new Error(`workload kind ${kind} has no entry in WORKLOAD_KINDS`);
  return k.initialStatus();
}
