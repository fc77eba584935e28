import type { Cluster, ClusterWatcher } from '../../api/cluster.js';
import { setDisruptionAllowedCondition } from '../../api/pdb-condition.js';
import type { Engine } from '../../engine/engine.js';
import { matchesLabelSelector } from '../../model/labels.js';
import type { Millis } from '../../model/meta.js';
import type { Pod } from '../../model/pod.js';
import { isPodReady } from '../../model/podutil.js';
import type { ControlPlaneConfig } from '../../model/scenario.js';
import type { PodDisruptionBudget, Workload } from '../../model/workloads.js';
import { WorkQueue } from '../workqueue.js';
import { expectedPodCount } from './expected-pods.js';

/** DeletionTimeout: a pod the Eviction API approved stops counting as healthy for this long, or until it is deleted. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/**
 * The disruption controller (pkg/controller/disruption/disruption.go):
 * keeps each PodDisruptionBudget's status (expectedPods, desiredHealthy,
 * currentHealthy: the matching pods that are Ready, not being deleted and
 * not just approved for eviction; disruptionsAllowed = currentHealthy -
 * desiredHealthy, at least 0, and 0 while no pod is expected) and its
 * DisruptionAllowed condition. A PDB syncs when it is created or written
 * (status included), when a pod it selects is created, changes or goes
 * (only the first PDB selecting the pod, as getPdbForPod does), and when an
 * approved eviction's 2-minute DeletionTimeout ends. `apiLatencyMs` comes on
 * top of each sync. A PDB whose expected count cannot be worked out (a pod
 * whose controller has no scale) gets disruptionsAllowed 0 (failSafe);
 * Kubernetes then retries with back-off, podsim waits for the next change.
 */
export class DisruptionController implements ClusterWatcher {
  private readonly cluster: Cluster;
  private readonly queue: WorkQueue;
  /** The PDBs in the API, in creation order: a pod change costs nothing when there are none. */
  private readonly pdbs = new Set<PodDisruptionBudget>();

  constructor(o: { readonly cluster: Cluster; readonly engine: Engine; readonly config: Pick<ControlPlaneConfig, 'apiLatencyMs'> }) {
    this.cluster = o.cluster;
    this.queue = new WorkQueue(o.engine, (key) => this.sync(key), o.config.apiLatencyMs);
  }

  workloadAdded(w: Workload): void {
    if (w.kind !== 'PodDisruptionBudget') return;
    this.pdbs.add(w);
    this.queue.add(key(w));
  }

  workloadUpdated(w: Workload): void {
    if (w.kind === 'PodDisruptionBudget') this.queue.add(key(w));
  }

  workloadStatusUpdated(w: Workload): void {
    this.workloadUpdated(w);
  }

  workloadRemoved(w: Workload): void {
    if (w.kind === 'PodDisruptionBudget') this.pdbs.delete(w);
  }

  podAdded(pod: Pod): void {
    this.enqueueFor(pod);
  }

  podStatusChanged(pod: Pod): void {
    this.enqueueFor(pod);
  }

  podDeleting(pod: Pod): void {
    this.enqueueFor(pod);
  }

  podRemoved(pod: Pod): void {
    this.enqueueFor(pod);
  }

  /** getPdbForPod: the first PDB selecting the pod (an empty selector selects all); more than one is a Warning on the pod. */
  private enqueueFor(pod: Pod): void {
    if (this.pdbs.size === 0) return;
    let first: PodDisruptionBudget | undefined;
    let several = false;
    for (const p of this.pdbs) {
      if (p.metadata.namespace !== pod.metadata.namespace || !selects(p, pod)) continue;
      if (first === undefined) first = p;
      else {
        several = true;
        break;
      }
    }
    if (first === undefined) return;
    if (several) {
      const message = `Pod ${JSON.stringify(pod.metadata.namespace)}/${JSON.stringify(pod.metadata.name)} matches multiple PodDisruptionBudgets.  Chose ${JSON.stringify(first.metadata.name)} arbitrarily.`;
      this.cluster.recordEvent({ type: 'Warning', reason: 'MultiplePodDisruptionBudgets', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, node: pod.spec.nodeName ?? '', message });
    }
    this.queue.add(key(first));
  }

  private sync(k: string): void {
    const slash = k.indexOf('/');
    const pdb = this.cluster.workload('PodDisruptionBudget', k.slice(0, slash), k.slice(slash + 1));
    if (pdb?.kind !== 'PodDisruptionBudget') return;
    const now = this.cluster.now;
    const pods = [...this.cluster.podsIn(pdb.metadata.namespace)].filter((p) => selects(pdb, p));
    if (pods.length === 0) this.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const expected = expectedPodCount(this.cluster, pdb, pods);
    if ('error' in expected) {
      this.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${expected.error}`);
      this.failSafe(pdb, expected.error, now);
      return;
    }
    if (expected.unmanagedPods.length > 0) {
      this.event(pdb, 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${JSON.stringify(pdb.spec.selector ?? null)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`);
    }
    const { disrupted, recheck } = this.disruptedPodMap(pdb, pods, now);
    const currentHealthy = countHealthyPods(pods, disrupted, now);
    this.updateStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disrupted, now);
    if (recheck !== undefined) this.queue.addAfter(k, recheck - now);
  }

  /** buildDisruptedPodMap: approved evictions still pending, those past their timeout reported (NotDeleted) and dropped. */
  private disruptedPodMap(pdb: PodDisruptionBudget, pods: readonly Pod[], now: Millis): { disrupted: Record<string, Millis>; recheck?: Millis } {
    const disrupted: Record<string, Millis> = {};
    let recheck: Millis | undefined;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const at = Object.hasOwn(pdb.status.disruptedPods, pod.metadata.name) ? pdb.status.disruptedPods[pod.metadata.name] : undefined;
      if (at === undefined) continue;
      const expectedDeletion = at + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        // The message names the PDB's namespace twice, as Kubernetes' does.
        const message = `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`;
        this.cluster.recordEvent({ type: 'Warning', reason: 'NotDeleted', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, node: pod.spec.nodeName ?? '', message });
      } else {
        if (recheck === undefined || expectedDeletion < recheck) recheck = expectedDeletion;
        disrupted[pod.metadata.name] = at;
      }
    }
    return recheck === undefined ? { disrupted } : { disrupted, recheck };
  }

  /** updatePdbStatus: written only when something changed. */
  private updateStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, Millis>, now: Millis): void {
    const d = currentHealthy - desiredHealthy;
    const disruptionsAllowed = expectedPods <= 0 || d <= 0 ? 0 : d;
    const s = pdb.status;
    const unchanged =
      s.currentHealthy === currentHealthy &&
      s.desiredHealthy === desiredHealthy &&
      s.expectedPods === expectedPods &&
      s.disruptionsAllowed === disruptionsAllowed &&
      sameMap(s.disruptedPods, disruptedPods) &&
      s.observedGeneration === pdb.metadata.generation &&
      s.conditions.some((c) => c.type === 'DisruptionAllowed' && c.reason !== 'SyncFailed');
    if (unchanged) return;
    Object.assign(s, { currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed, disruptedPods, observedGeneration: pdb.metadata.generation });
    setDisruptionAllowedCondition(pdb, now);
    this.cluster.updateWorkloadStatus(pdb);
  }

  /**
   * failSafe: no disruption allowed, condition SyncFailed. Written only when
   * that changes the status: the API server sends no watch event for an
   * update that changes nothing, so a PDB that keeps failing is not synced
   * again until something else changes.
   */
  private failSafe(pdb: PodDisruptionBudget, error: string, now: Millis): void {
    const s = pdb.status;
    const failed = s.conditions.find((c) => c.type === 'DisruptionAllowed');
    if (s.disruptionsAllowed === 0 && failed?.reason === 'SyncFailed' && failed.message === error) return;
    s.disruptionsAllowed = 0;
    setDisruptionAllowedCondition(pdb, now, error);
    this.cluster.updateWorkloadStatus(pdb);
  }

  private event(pdb: PodDisruptionBudget, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.cluster.recordEvent({ type, reason, kind: 'PodDisruptionBudget', namespace: pdb.metadata.namespace, name: pdb.metadata.name, node: '', message });
  }
}

/** countHealthyPods: Ready, not being deleted, not approved for eviction within the timeout. */
export function countHealthyPods(pods: readonly Pod[], disrupted: Readonly<Record<string, Millis>>, now: Millis): number {
  let n = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const at = Object.hasOwn(disrupted, pod.metadata.name) ? disrupted[pod.metadata.name] : undefined;
    if (at !== undefined && at + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) n++;
  }
  return n;
}

/** The disruption controller's selection (the v1 lister): undefined selects nothing, `{}` everything. */
function selects(pdb: PodDisruptionBudget, pod: Pod): boolean {
  return pdb.spec.selector !== undefined && matchesLabelSelector(pdb.spec.selector, pod.metadata.labels);
}

function sameMap(a: Readonly<Record<string, Millis>>, b: Readonly<Record<string, Millis>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}

function key(w: Workload): string {
  return `${w.metadata.namespace}/${w.metadata.name}`;
}

/** The status of a PodDisruptionBudget nobody has synced yet. */
export function emptyPodDisruptionBudgetStatus(): PodDisruptionBudget['status'] {
  return { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0, observedGeneration: 0, disruptedPods: {}, conditions: [] };
}
