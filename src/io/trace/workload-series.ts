import type { Millis } from '../../model/meta.js';
import type { Workload } from '../../model/workloads.js';
import { entryOf } from '../../kinds/table.js';
import { CsvFile, csvRow, type Field } from './csv-file.js';
import { formatSeconds } from './format.js';

export const WORKLOADS_HEADER = ['time_s', 'kind', 'namespace', 'name', 'desired', 'available', 'active', 'succeeded', 'failed'] as const;

/** One workload's row values after time_s, as the controllers' status gives them; undefined for a kind without counts (CronJob, PodDisruptionBudget). */
function values(w: Workload): Field[] | undefined {
  const { namespace, name } = w.metadata;
  if (w.kind === 'Job') {
    return [
      w.kind,
      namespace,
      name,
      w.spec.completions === undefined ? undefined : String(w.spec.completions),
      undefined,
      String(w.status.active),
      String(w.status.succeeded),
      String(w.status.failed),
    ];
  }
  const availability = entryOf(w).availability;
  if (availability === undefined) return undefined;
  const [desired, available] = availability.counts(w);
  return [w.kind, namespace, name, String(desired), String(available), undefined, undefined, undefined];
}

/**
 * workloads.csv: each workload's counts over time, written only on change.
 * Workloads: those of a kind with counts (kinds/table.ts: Deployments,
 * DaemonSets, StatefulSets, ReplicaSets, ReplicationControllers) without a
 * controlling owner (as summary.json's `workloads`), and every Job.
 *
 * A row at t is the workload's state at the end of the instant t (after
 * every change made at t): a workload gets at most one row per instant, and
 * one only when a value differs from its previous row. So its state at any
 * time is its last row at or before it. Rows of one instant are in the order
 * the workloads first changed in it. Columns: `desired` (spec.replicas,
 * desiredNumberScheduled, or a Job's spec.completions, empty for a work
 * queue), `available` (availableReplicas, numberAvailable; empty for Jobs),
 * `active`, `succeeded`, `failed` (a Job's status; empty for the others).
 */
export class WorkloadSeries {
  private readonly file: CsvFile;
  /** Each workload's last row written (its values joined), by kind/namespace/name. */
  private readonly written = new Map<string, string>();
  /** Workloads changed in the instant `pendingAt`, in first-change order, with their latest values. */
  private readonly pending = new Map<string, Field[]>();
  private pendingAt: Millis = 0;

  constructor(path: string) {
    this.file = new CsvFile(path, WORKLOADS_HEADER);
  }

  observe(w: Workload, now: Millis): void {
    if (w.kind !== 'Job' && w.metadata.ownerReferences.some((r) => r.controller)) return;
    if (now > this.pendingAt) this.flush();
    this.pendingAt = now;
    const row = values(w);
    if (row === undefined) return;
    this.pending.set(`${w.kind}/${w.metadata.namespace}/${w.metadata.name}`, row);
  }

  /** Writes the last instant's rows and closes the file. */
  close(): void {
    this.flush();
    this.file.close();
  }

  discard(): void {
    this.file.discard();
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const time = formatSeconds(this.pendingAt);
    for (const [key, row] of this.pending) {
      const line = csvRow(row);
      if (this.written.get(key) === line) continue;
      this.written.set(key, line);
      this.file.writeText(`${time},${line}`);
    }
    this.pending.clear();
  }
}
