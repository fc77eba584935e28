import type { Summary } from '../io/trace/summary.js';
import { PHASES, type PodPhase } from '../model/pod.js';
import { binBars, heatColor, heatmap, histogram, stackedSteps, stepLines, type Faults } from './charts.js';
import { goDuration } from './duration.js';
import type { NodeMark, WarningGroup } from './events-digest.js';
import type { HeatRow } from './node-heat.js';
import { figure, htmlTable, legend, page, section } from './page.js';
import { LATENCY_BOUNDS } from './pod-history.js';
import { axisTime, esc } from './svg.js';
import type { Timeline } from './timeline.js';
import type { WorkloadSeries } from './workload-series.js';

/** Everything the run report draws (io/report/run-folder.ts reads it from a run folder). */
export interface RunReportData {
  readonly summary: Summary;
  readonly timeline: Timeline;
  readonly phases: Readonly<Record<PodPhase, readonly number[]>>;
  readonly workloads: readonly WorkloadSeries[];
  /** Where the workload series came from: workloads.csv, or pods.csv (Running pods of each controller). */
  readonly workloadSource: 'workloads.csv' | 'pods.csv';
  readonly heatTimeline: Timeline;
  readonly heat: readonly HeatRow[];
  readonly latency: { readonly scheduling: readonly number[]; readonly startup: readonly number[] };
  readonly churnTimeline: Timeline;
  readonly restarts: readonly number[];
  readonly evictions: readonly number[];
  /** Pods deleted before they finished, by time (replaced by rolling updates, drained, scaled down, evicted, preempted). */
  readonly deleted: readonly number[];
  readonly warnings: readonly WarningGroup[];
  readonly warningTotal: number;
  readonly warningsNotShown: number;
  readonly marks: readonly NodeMark[];
}

export const PHASE_COLORS: Readonly<Record<PodPhase, string>> = {
  Pending: '#f0a830',
  Running: '#2e8b57',
  Succeeded: '#4a78c2',
  Failed: '#d2453b',
  Unknown: '#8c8c8c',
};

/** At most this many workload charts; the rest are listed by name. */
export const MAX_WORKLOAD_CHARTS = 24;

/** The run report: a self-contained HTML page (page.ts). Same data, same bytes. */
export function renderRunReport(d: RunReportData): string {
  const s = d.summary;
  const faults = faultsOf(d);
  const title = `podsim run report: ${s.scenario}`;
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">seed ${s.seed} · simulated ${esc(goDuration(s.duration_s))} · ${s.nodes.total} nodes · ${s.pods.total} pods · ${s.events_processed} events</p>`,
    keyFigures(s),
    phasesSection(d, faults),
    workloadsSection(d, faults),
    nodesSection(d, faults),
    latencySection(d),
    churnSection(d, faults),
    warningsSection(d),
  ];
  return page(title, body.join('\n'));
}

function keyFigures(s: Summary): string {
  const p95 = (v: number | null): string => (v === null ? '-' : goDuration(v));
  const items: [string, string][] = [
    [String(s.pods.total), 'pods'],
    [String(s.nodes.lost), `nodes lost of ${s.nodes.total}`],
    [String(s.evictions), `evictions (${s.replacements} replaced)`],
    [String(s.restarts), 'container restarts'],
    [String(s.unschedulable_pods), 'pods never scheduled'],
    [p95(s.scheduling_latency_s.p95), 'scheduling latency p95'],
    [p95(s.startup_latency_s.p95), 'startup latency p95'],
    [`${Math.round(s.nodes.cpu_requested_mean * 100)}%`, 'cpu requested, mean'],
  ];
  return `<div class="figures">${items.map(([v, k]) => `<div><b>${esc(v)}</b><span>${esc(k)}</span></div>`).join('')}</div>`;
}

/** Node outages (summary.json) as bands, those of the same span (a zone) as one; other node faults (events.csv) as ticks. */
function faultsOf(d: RunReportData): Faults {
  const end = d.summary.duration_s;
  const spans = new Map<string, { fromS: number; toS: number; nodes: string[] }>();
  for (const o of d.summary.nodes.outages) {
    const toS = o.recovered_s ?? end;
    const key = `${o.lost_s}/${toS}`;
    const span = spans.get(key);
    if (span) span.nodes.push(o.node);
    else spans.set(key, { fromS: o.lost_s, toS, nodes: [o.node] });
  }
  const bands = [...spans.values()].map((m) => ({
    fromS: m.fromS,
    toS: m.toS,
    label: `${m.nodes.length === 1 ? m.nodes[0]! : `${m.nodes.length} nodes`} not Ready ${goDuration(m.fromS)}–${goDuration(m.toS)}`,
  }));
  const marks = d.marks.filter((m) => m.reason !== 'NodeNotReady').map((m) => ({ timeS: m.timeS, label: `${m.reason} ${m.node} at ${goDuration(m.timeS)}` }));
  return { bands, marks };
}

function faultNote(faults: Faults): string {
  if (faults.bands.length === 0 && faults.marks.length === 0) return '';
  return ' Red bands: nodes not Ready (node outages); dashed red lines: other node events (removal, cordon).';
}

function phasesSection(d: RunReportData, faults: Faults): string {
  const series = PHASES.map((p) => ({ name: p, color: PHASE_COLORS[p], values: d.phases[p] }));
  const chart = stackedSteps('Pods by phase over time', d.timeline, series, faults);
  return section(
    'phases',
    'Pods by phase',
    `Pods in the API by phase at each moment; a pod leaves the count when its deletion is requested (the moment controllers stop counting it).${faultNote(faults)}`,
    legend(series) + figure('phases', chart),
  );
}

function workloadsSection(d: RunReportData, faults: Faults): string {
  if (d.workloads.length === 0) return section('workloads', 'Workloads', 'No Deployment, ReplicaSet, StatefulSet or DaemonSet in this run.', '');
  const source =
    d.workloadSource === 'workloads.csv'
      ? 'Available against desired replicas, from workloads.csv (the controllers\' status).'
      : 'Running pods of each workload against the desired count it ended with, from pods.csv (this run folder has no workloads.csv; Running stands in for available).';
  const charts = d.workloads.slice(0, MAX_WORKLOAD_CHARTS).map((w) => {
    const series = [
      { name: 'available', color: '#2e8b57', values: w.available },
      { name: 'desired', color: '#4a5466', values: w.desired, dashed: true },
    ];
    const below = d.summary.workloads[w.label.slice(w.label.indexOf('/') + 1)];
    const note = below === undefined ? '' : ` · min available ${below.min_available} · below desired ${goDuration(below.time_below_desired_s)}`;
    return `<h3>${esc(w.label)}${esc(note)}</h3>` + figure(`workload ${w.label}`, stepLines(`${w.label}: available and desired replicas`, d.timeline, series, faults));
  });
  const rest = d.workloads.length > MAX_WORKLOAD_CHARTS ? `<p class="note">and ${d.workloads.length - MAX_WORKLOAD_CHARTS} more: ${esc(d.workloads.slice(MAX_WORKLOAD_CHARTS).map((w) => w.label).join(', '))}</p>` : '';
  return section(
    'workloads',
    'Workloads',
    `${source}${faultNote(faults)}`,
    legend([{ name: 'desired', color: '#4a5466', dashed: true }, { name: 'available', color: '#2e8b57' }]) + charts.join('\n') + rest,
  );
}

function nodesSection(d: RunReportData, faults: Faults): string {
  if (d.heat.length === 0) return section('nodes', 'Nodes', 'No node samples (nodes.csv is empty).', '');
  const scale = [0, 0.2, 0.4, 0.6, 0.8, 1, 1.01].map((v) => ({ name: v > 1 ? 'over 100%' : `${Math.round(v * 100)}%`, color: heatColor(v) }));
  const cpu = heatmap('Requested cpu per node over time', d.heatTimeline, d.heat.map((r) => ({ label: r.label, values: r.cpu, notReady: r.notReady })), faults);
  const memory = heatmap('Requested memory per node over time', d.heatTimeline, d.heat.map((r) => ({ label: r.label, values: r.memory, notReady: r.notReady })), faults);
  return section(
    'nodes',
    'Nodes: requested share of allocatable',
    'Each row a node (or a group of nodes, averaged, when there are many), each column a moment: the share of its allocatable cpu or memory that its pods request. Hatched: the node was not Ready; blank: it did not exist.',
    legend(scale) + '<h3>cpu</h3>' + figure('cpu heat map', cpu) + '<h3>memory</h3>' + figure('memory heat map', memory),
  );
}

const BUCKET_LABELS = [...LATENCY_BOUNDS.map((b) => (b === 0 ? '0' : `≤${axisTime(b)}`)), `>${axisTime(LATENCY_BOUNDS[LATENCY_BOUNDS.length - 1]!)}`];

function latencySection(d: RunReportData): string {
  const s = d.summary;
  const line = (name: string, l: Summary['startup_latency_s']): string =>
    `${name}: p50 ${l.p50 === null ? '-' : goDuration(l.p50)}, p95 ${l.p95 === null ? '-' : goDuration(l.p95)}, max ${l.max === null ? '-' : goDuration(l.max)}`;
  const sched = figure('scheduling latency', histogram('Scheduling latency (created to bound)', BUCKET_LABELS, d.latency.scheduling, '#4a78c2'), esc(line('scheduling', s.scheduling_latency_s)));
  const startup = figure('startup latency', histogram('Startup latency (created to first Running)', BUCKET_LABELS, d.latency.startup, '#2e8b57'), esc(line('startup', s.startup_latency_s)));
  return section('latency', 'Scheduling and startup latency', 'Pods by latency bucket: scheduling is created to bound, startup is created to first Running.', `<div class="pair">${sched}${startup}</div>`);
}

function churnSection(d: RunReportData, faults: Faults): string {
  const charts: string[] = [];
  const add = (name: string, color: string, values: readonly number[], what: string): void => {
    if (values.some((v) => v > 0)) charts.push(`<h3>${esc(what)}</h3>` + figure(name, binBars(what, d.churnTimeline, { name, color, values }, faults)));
  };
  add('restarts', '#f0a830', d.restarts, 'container restarts');
  add('evictions', '#d2453b', d.evictions, 'evictions (taint manager, kubelet)');
  add('deleted pods', '#8c6bb1', d.deleted, 'pods deleted before they finished (rolling updates, drains, scale-down, evictions, preemption)');
  const lede = `Counts per ${goDuration(d.churnTimeline.width)} of simulated time. Evictions through the Eviction API (kubectl drain) make no Kubernetes event: they show among the pods deleted.`;
  return section('churn', 'Restarts, evictions and deletions', lede, charts.length === 0 ? '<p class="note">No container restarts, evictions or pod deletions in this run.</p>' : charts.join('\n'));
}

function warningsSection(d: RunReportData): string {
  if (d.warningTotal === 0) return section('warnings', 'Warning events', 'No Warning events.', '');
  const rows = d.warnings.map((w) => [goDuration(w.firstS), goDuration(w.lastS), String(w.count), w.reason, w.object, w.message]);
  const more = d.warningsNotShown > 0 ? `<p class="note">${d.warningsNotShown} more Warning events of other kinds are in events.csv.</p>` : '';
  return section(
    'warnings',
    'Warning events',
    `${d.warningTotal} Warning events, alike ones folded as kubectl folds them (COUNT), in order of first occurrence.`,
    htmlTable(['FIRST SEEN', 'LAST SEEN', 'COUNT', 'REASON', 'OBJECT', 'MESSAGE'], rows, [2]) + more,
  );
}
