import { matchesLabelSelector } from '../model/labels.js';
import type { LabelSelector } from '../model/meta.js';
import type { Pod } from '../model/pod.js';
import { isPodReady } from '../model/podutil.js';
import type { PodDisruptionBudget } from '../model/workloads.js';
import { setCondition, type Cluster } from './cluster.js';
import { setDisruptionAllowedCondition } from './pdb-condition.js';

/** The DisruptionTarget condition the Eviction API adds before deleting (pkg/registry/core/pod/storage/eviction.go). */
export const EVICTION_BY_EVICTION_API = 'EvictionByEvictionAPI';
export const EVICTION_BY_EVICTION_API_MESSAGE = 'Eviction API: evicting';

/** The eviction's answer: the pod is being deleted, or an API error (429: try again later). */
export type EvictionResult =
  | { readonly evicted: true }
  | { readonly evicted: false; readonly code: 429 | 403 | 500; readonly message: string };

export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

/**
 * POST pods/<name>/eviction (EvictionREST.Create): a pod that is Pending,
 * terminal or already being deleted is deleted at once; otherwise the one
 * PodDisruptionBudget whose non-empty selector matches it (two or more: an
 * error) must allow it. A pod that is not Ready passes without using the
 * budget when the policy is AlwaysAllow, or when the budget is healthy
 * (currentHealthy >= desiredHealthy > 0, IfHealthyBudget). Otherwise
 * checkAndDecrement: a budget whose status is older than its spec, or that
 * allows no disruption, refuses with 429; else disruptionsAllowed goes down
 * by one and the pod is recorded in disruptedPods (the status write), then
 * the pod gets DisruptionTarget and a graceful delete.
 */
export function evictPod(cluster: Cluster, pod: Pod): EvictionResult {
  if (!canIgnorePDB(pod)) {
    const pdbs = podDisruptionBudgetsFor(cluster, pod);
    if (pdbs.length > 1) {
      return { evicted: false, code: 500, message: 'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
    }
    const pdb = pdbs[0];
    if (pdb && !skipsBudget(pdb, pod)) {
      const refused = checkAndDecrement(cluster, pdb, pod);
      if (refused) return refused;
    }
  }
  setCondition(pod, 'DisruptionTarget', 'True', cluster.now, EVICTION_BY_EVICTION_API, EVICTION_BY_EVICTION_API_MESSAGE);
  cluster.updatePodStatus(pod, pod.status.phase, EVICTION_BY_EVICTION_API);
  cluster.deletePod(pod);
  return { evicted: true };
}

function canIgnorePDB(pod: Pod): boolean {
  const { phase } = pod.status;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp !== undefined;
}

/** getPodDisruptionBudgets: a nil or empty selector matches nothing here ("not everything"), in creation order. */
function podDisruptionBudgetsFor(cluster: Cluster, pod: Pod): PodDisruptionBudget[] {
  const out: PodDisruptionBudget[] = [];
  for (const w of cluster.workloadsOfKind('PodDisruptionBudget')) {
    if (w.metadata.namespace !== pod.metadata.namespace) continue;
    const sel = w.spec.selector;
    if (!sel || isEmptySelector(sel) || !matchesLabelSelector(sel, pod.metadata.labels)) continue;
    out.push(w);
  }
  return out;
}

/** metav1.LabelSelector's Empty(): no requirement at all (`{}`, `{matchLabels: {}}`, `{matchExpressions: []}`). */
function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/** An unready pod evicted without spending the budget. */
function skipsBudget(pdb: PodDisruptionBudget, pod: Pod): boolean {
  if (isPodReady(pod)) return false;
  if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  return pdb.status.currentHealthy >= pdb.status.desiredHealthy && pdb.status.desiredHealthy > 0;
}

function checkAndDecrement(cluster: Cluster, pdb: PodDisruptionBudget, pod: Pod): EvictionResult | undefined {
  const s = pdb.status;
  if (s.observedGeneration < pdb.metadata.generation) {
    return { evicted: false, code: 429, message: `${PDB_VIOLATION} The disruption budget ${pdb.metadata.name} is still being processed by the server.` };
  }
  if (s.disruptionsAllowed < 0) {
    return { evicted: false, code: 403, message: `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative` };
  }
  if (s.disruptionsAllowed === 0) return { evicted: false, code: 429, message: PDB_VIOLATION };
  s.disruptionsAllowed--;
  if (s.disruptionsAllowed === 0) setDisruptionAllowedCondition(pdb, cluster.now);
  s.disruptedPods = { ...s.disruptedPods, [pod.metadata.name]: cluster.now };
  cluster.updateWorkloadStatus(pdb);
  return undefined;
}
