import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHASES, type PodPhase } from '../../model/pod.js';
import { EventsDigest } from '../../report/events-digest.js';
import type { RunReportData } from '../../report/run-report.js';
import { NodeHeat } from '../../report/node-heat.js';
import { PodHistory } from '../../report/pod-history.js';
import { Timeline } from '../../report/timeline.js';
import { WorkloadSamples, type WorkloadSeries } from '../../report/workload-series.js';
import type { Summary } from '../trace/summary.js';
import { readCsv, type CsvRow } from './csv-read.js';

/** Columns of the pods-by-phase and workload charts; of the heat map; of the restarts chart. */
export const PHASE_BINS = 300;
export const HEAT_BINS = 120;
export const CHURN_BINS = 60;

/** A folder that is not a run's (no summary.json), or a file of it that cannot be read. */
export class ReportInputError extends Error {
  readonly code = 'ReportInput';
}

/** Reads a run folder's summary.json and CSVs (streamed: memory grows with pods and nodes, not with rows). */
export function readRunFolder(dir: string): RunReportData {
  const summary = readSummary(dir);
  const timeline = new Timeline(summary.duration_s, PHASE_BINS);
  const heatTimeline = new Timeline(summary.duration_s, HEAT_BINS);
  const churnTimeline = new Timeline(summary.duration_s, CHURN_BINS);
  const history = new PodHistory(timeline);
  const digest = new EventsDigest(churnTimeline);
  const heat = new NodeHeat(heatTimeline);
  const deletedCounts = new Array<number>(CHURN_BINS).fill(0);

  csv(dir, 'pods.csv', (r) =>
    history.pod({
      namespace: r('namespace'),
      name: r('name'),
      ownerKind: r('owner_kind'),
      ownerName: r('owner_name'),
      createdS: Number(r('created_s')),
      scheduledS: time(r('scheduled_s')),
      runningS: time(r('running_s')),
      finishedS: time(r('finished_s')),
      deletedS: time(r('deleted_s')),
    }),
  );
  csv(dir, 'transitions.csv', (r) =>
    history.transition({
      timeS: Number(r('time_s')),
      namespace: r('namespace'),
      name: r('name'),
      from: phase(r('from_phase')),
      to: phase(r('to_phase')) ?? 'Pending',
    }),
  );
  history.finish();
  for (const d of history.deletedBeforeEnd) deletedCounts[churnTimeline.bin(d.timeS)]! += 1;
  csv(dir, 'events.csv', (r) =>
    digest.event({
      timeS: Number(r('time_s')),
      type: r('type'),
      reason: r('reason'),
      kind: r('kind'),
      namespace: r('namespace'),
      name: r('name'),
      message: r('message'),
    }),
  );
  csv(dir, 'nodes.csv', (r) =>
    heat.sample({
      timeS: Number(r('time_s')),
      node: r('node'),
      ready: r('ready'),
      cpuRequested: Number(r('cpu_requested_m')),
      cpuAllocatable: Number(r('cpu_allocatable_m')),
      memoryRequested: Number(r('memory_requested_bytes')),
      memoryAllocatable: Number(r('memory_allocatable_bytes')),
    }),
  );
  const fromCsv = existsSync(join(dir, 'workloads.csv'));
  const workloads = fromCsv ? readWorkloads(dir, timeline) : deriveWorkloads(summary, history, digest);
  return {
    summary,
    timeline,
    phases: Object.fromEntries(PHASES.map((p) => [p, history.phases[p].values()])) as Record<PodPhase, number[]>,
    workloads,
    workloadSource: fromCsv ? 'workloads.csv' : 'pods.csv',
    heatTimeline,
    heat: heat.rows(),
    latency: { scheduling: history.scheduling, startup: history.startup },
    churnTimeline,
    restarts: digest.restarts.counts,
    evictions: digest.evictions.counts,
    deleted: deletedCounts,
    warnings: digest.warnings,
    warningTotal: digest.warningTotal,
    warningsNotShown: digest.warningsNotShown,
    marks: digest.marks,
  };
}

function readSummary(dir: string): Summary {
  const file = join(dir, 'summary.json');
  if (!existsSync(file)) throw new ReportInputError(`${dir} is not a run folder: it has no summary.json (podsim run writes one)`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Summary;
  } catch (e) {
    throw new ReportInputError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function csv(dir: string, name: string, visit: (row: CsvRow) => void): void {
  const file = join(dir, name);
  try {
    readCsv(file, visit);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? (e as NodeJS.ErrnoException).code : undefined;
    if (code === 'ENOENT') throw new ReportInputError(`${dir} has no ${name}: is it a complete podsim run folder?`);
    throw e;
  }
}

/**
 * workloads.csv: one row per change of a workload's status. Rows without
 * `available` (Jobs: active/succeeded/failed instead) are not availability
 * series; the summary's JOB table tells the Jobs' story.
 */
function readWorkloads(dir: string, timeline: Timeline): WorkloadSeries[] {
  const samples = new WorkloadSamples(timeline);
  csv(dir, 'workloads.csv', (r) =>
    r('available') === '' ? undefined : samples.sample({
      timeS: Number(r('time_s')),
      kind: r('kind'),
      namespace: r('namespace'),
      name: r('name'),
      desired: Number(r('desired')),
      available: Number(r('available')),
    }),
  );
  return samples.result();
}

/**
 * Without workloads.csv: each workload of summary.json, its Running pods over
 * time (a Deployment's through the ReplicaSets its ScalingReplicaSet events
 * name) against the desired count it ended with. Running stands in for
 * available: readiness and minReadySeconds are not in the trace.
 */
function deriveWorkloads(summary: Summary, history: PodHistory, digest: EventsDigest): WorkloadSeries[] {
  const out: WorkloadSeries[] = [];
  for (const [key, w] of Object.entries(summary.workloads)) {
    const [namespace, name] = key.includes('/') ? (key.split('/', 2) as [string, string]) : [undefined, key];
    const owns = (owner: string): boolean => {
      const [ns, kind, n] = owner.split('/') as [string, string, string];
      if (namespace !== undefined && ns !== namespace) return false;
      if (kind === w.kind && n === name) return true;
      const parent = digest.replicaSetOwner.get(owner);
      return parent !== undefined && parent.endsWith(`/${w.kind}/${name}`) && (namespace === undefined || parent.startsWith(`${namespace}/`));
    };
    let available: number[] | undefined;
    for (const [owner, running] of [...history.runningByOwner].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!owns(owner)) continue;
      const v = running.values();
      available = available === undefined ? v : available.map((x, i) => x + (v[i] ?? 0));
    }
    const bins = history.phases.Pending.values().length;
    out.push({ label: `${w.kind.toLowerCase()}/${key}`, desired: new Array<number>(bins).fill(w.desired), available: available ?? new Array<number>(bins).fill(0) });
  }
  return out;
}

function time(field: string): number | undefined {
  return field === '' ? undefined : Number(field);
}

function phase(field: string): PodPhase | undefined {
  return (PHASES as readonly string[]).includes(field) ? (field as PodPhase) : undefined;
}
