import { cutQuotedValues } from '../../model/long-values.js';
import { PHASES } from '../../model/pod.js';
import { goDuration } from '../../report/duration.js';
import type { FoldedEvent } from './notable-events.js';
import type { LatencySummary } from './percentiles.js';
import type { PrintFacts } from './recorder.js';
import type { Summary } from './summary.js';

export interface PrintOptions {
  /** The scenario's timed events after the end of the run (a note at the end). */
  readonly eventsNeverRun?: number;
  /** `-o wide`: p99, the events' first time, count and node. */
  readonly wide?: boolean;
  /** ANSI colour (a terminal, NO_COLOR unset). */
  readonly colour?: boolean;
}

/** How each deletion row of the PHASE table reads. */
const DELETED_ROWS = [
  ['Evicted', 'deleted by an eviction (taint manager, Eviction API, kubelet)'],
  ['Preempted', 'deleted by kube-scheduler to make room'],
  ['Deleted', 'deleted before they finished: replaced by a rollout, scaled down, or removed'],
] as const;

/**
 * The text `podsim run` prints on stdout, in kubectl's table style: the run
 * (scenario, seed, simulated time, nodes, pods); node outages; each
 * long-running workload (desired, least available, time below desired) and
 * each Job as `kubectl get jobs` shows it; pods by how they ended (pods
 * deleted by an eviction, a preemption or their controller apart from those
 * that failed); latencies; counts; the events most worth reading, disruptions
 * ahead of Warnings ahead of routine ones; how many of the scenario's events
 * never ran. Times are simulated, as Go prints durations (`25m10s`). Ends
 * with a newline.
 */
export function formatRunSummary(summary: Summary, facts: PrintFacts, options: PrintOptions = {}): string {
  const c = painter(options.colour === true);
  const header = table([
    ['SCENARIO', 'SEED', 'SIMULATED', 'NODES', 'PODS'],
    [summary.scenario, String(summary.seed), goDuration(summary.duration_s), String(summary.nodes.total), String(summary.pods.total)],
  ], c.bold);
  const parts = [
    header,
    outageTable(summary, c),
    workloadTable(summary, c),
    jobTable(facts, c),
    phaseTable(summary, facts, c),
    latencyLines(summary, options.wide === true),
    countsLine(summary, facts),
    eventTable(facts.events, options.wide === true, c),
    neverRun(options.eventsNeverRun ?? 0, summary),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

interface Painter {
  readonly bold: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
}

function painter(on: boolean): Painter {
  const sgr = (code: string) => (s: string) => (on && s !== '' ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { bold: sgr('1'), red: sgr('31'), yellow: sgr('33') };
}

/** Outage rows shown; the rest are counted (summary.json lists them all). */
const OUTAGE_ROWS = 10;

/**
 * When each node was lost and recovered; nodes lost and recovered together
 * (a zone) share a row, `500 nodes (zone-a-1, zone-a-7, ...)`; empty when none was.
 */
function outageTable(summary: Summary, c: Painter): string {
  const groups = new Map<string, { lost: number; recovered: number | null; nodes: string[] }>();
  for (const o of summary.nodes.outages) {
    const key = `${o.lost_s}/${o.recovered_s}`;
    const g = groups.get(key);
    if (g) g.nodes.push(o.node);
    else groups.set(key, { lost: o.lost_s, recovered: o.recovered_s, nodes: [o.node] });
  }
  if (groups.size === 0) return '';
  const all = [...groups.values()];
  const rows = all.slice(0, OUTAGE_ROWS).map((g) => [
    g.nodes.length === 1 ? g.nodes[0]! : `${g.nodes.length} nodes (${g.nodes.slice(0, 3).join(', ')}, ...)`,
    goDuration(g.lost),
    g.recovered === null ? 'not by the end' : goDuration(g.recovered),
    g.recovered === null ? goDuration(summary.duration_s - g.lost) + '+' : goDuration(g.recovered - g.lost),
  ]);
  const more = all.length > OUTAGE_ROWS ? `\n... and ${all.slice(OUTAGE_ROWS).reduce((n, g) => n + g.nodes.length, 0)} more node outages (summary.json: nodes.outages)` : '';
  return table([['NODE', 'LOST', 'RECOVERED', 'DOWN'], ...rows], c.bold) + more;
}

/** Each long-running workload, of whatever kind summary.json lists: desired, least available, time below desired. */
function workloadTable(summary: Summary, c: Painter): string {
  const entries = Object.entries(summary.workloads);
  if (entries.length === 0) return '';
  return table(
    [
      ['WORKLOAD', 'DESIRED', 'MIN AVAILABLE', 'BELOW DESIRED'],
      ...entries.map(([name, w]) => [`${w.kind.toLowerCase()}/${name}`, String(w.desired), String(w.min_available), goDuration(w.time_below_desired_s)]),
    ],
    c.bold,
    (cell, row, col) => (row > 0 && col === 3 && cell !== '0s' ? c.yellow(cell) : cell),
  );
}

/** Every Job, with kubectl get jobs' COMPLETIONS and DURATION, its counts, and the condition and reason it ended with. */
function jobTable(facts: PrintFacts, c: Painter): string {
  if (facts.jobs.length === 0) return '';
  const names = new Map<string, number>();
  for (const j of facts.jobs) names.set(j.name, (names.get(j.name) ?? 0) + 1);
  return table(
    [
      ['JOB', 'COMPLETIONS', 'SUCCEEDED', 'FAILED', 'DURATION', 'STATUS', 'REASON'],
      ...facts.jobs.map((j) => [
        `job/${(names.get(j.name) ?? 0) > 1 ? `${j.namespace}/` : ''}${j.name}`,
        j.completions,
        String(j.succeeded),
        String(j.failed),
        j.durationS === null ? '-' : goDuration(j.durationS),
        j.status,
        j.reason,
      ]),
    ],
    c.bold,
    (cell, row, col) => (row > 0 && col === 5 && cell === 'Failed' ? c.red(cell) : cell),
  );
}

/** Pods by phase, the deleted ones apart (a rolling update's old pods are not failures); rows for deletions only when there were some. */
function phaseTable(summary: Summary, facts: PrintFacts, c: Painter): string {
  const count = (k: string): number => facts.endings.get(k) ?? 0;
  const rows: string[][] = [['PHASE', 'PODS'], ...PHASES.map((p) => [p, String(count(p))])];
  for (const [k, what] of DELETED_ROWS) if (count(k) > 0) rows.push([k, String(count(k)), what]);
  rows.push(['Total', String(summary.pods.total)]);
  return table(rows, c.bold, (cell, row, col) => (col === 1 && cell !== '0' && rows[row]?.[0] === 'Failed' ? c.red(cell) : cell));
}

function latencyLines(summary: Summary, wide: boolean): string {
  const cells = (l: LatencySummary): string[] => [`p50 ${age(l.p50)}`, `p95 ${age(l.p95)}`, ...(wide ? [`p99 ${age(l.p99)}`] : []), `max ${age(l.max)}`];
  return table([
    ['Scheduling latency', ...cells(summary.scheduling_latency_s)],
    ['Startup latency', ...cells(summary.startup_latency_s)],
  ]);
}

/** Counts; the FailedScheduling figure counts the pods that had the event, as the events table and events.csv show them. */
function countsLine(summary: Summary, facts: PrintFacts): string {
  return (
    `Restarts ${summary.restarts}   Evictions ${summary.evictions} (replaced ${summary.replacements})   Preemptions ${summary.preemptions}   ` +
    `FailedScheduling ${facts.failedSchedulingPods} pods (${summary.unschedulable_pods} never scheduled)`
  );
}

/** The events worth reading (NotableEvents), alike ones folded: `8m0s (x3 over 2m0s)` as kubectl describe shows repeats. */
function eventTable(events: readonly FoldedEvent[], wide: boolean, c: Painter): string {
  if (events.length === 0) return 'No Warning events.';
  const head = wide ? ['LAST SEEN', 'FIRST SEEN', 'COUNT', 'TYPE', 'REASON', 'OBJECT', 'NODE', 'MESSAGE'] : ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  const rows = events.map((f) => {
    const e = f.event;
    const last = goDuration(f.last / 1000);
    const object = `${e.kind.toLowerCase()}/${e.name}`;
    const message = oneLine(cutQuotedValues(e.message));
    if (wide) return [last, goDuration(f.first / 1000), String(f.count), e.type, e.reason, object, e.node, message];
    const seen = f.count > 1 ? `${last} (x${f.count} over ${goDuration((f.last - f.first) / 1000)})` : last;
    return [seen, e.type, e.reason, object, message];
  });
  const typeCol = wide ? 3 : 1;
  return table([head, ...rows], c.bold, (cell, row, col) => (row > 0 && col === typeCol && cell === 'Warning' ? c.yellow(cell) : cell));
}

/** The scenario's timed events after the end of the run (warned about before it), again; empty when none. */
function neverRun(count: number, summary: Summary): string {
  if (count === 0) return '';
  const events = count === 1 ? '1 scenario event never ran: it comes' : `${count} scenario events never ran: they come`;
  return `${events} after the end of the run (${goDuration(summary.duration_s)}); see the warnings before the run.`;
}

function age(s: number | null): string {
  return s === null ? '-' : goDuration(s);
}

/**
 * kubectl's tabwriter look: columns padded to their widest cell plus 3
 * spaces; no trailing spaces. `header` and `paint` colour the first row and
 * single cells after padding, so escape codes never count as width.
 */
export function table(
  rows: readonly (readonly string[])[],
  header: (s: string) => string = (s) => s,
  paint: (cell: string, row: number, col: number) => string = (s) => s,
): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row, r) => {
      const last = row.length - 1;
      const cells = row.map((cell, i) => {
        const pad = i === last ? '' : ' '.repeat((widths[i] ?? 0) + 3 - cell.length);
        const shown = r === 0 ? header(cell) : paint(cell, r, i);
        return shown + pad;
      });
      return cells.join('').trimEnd();
    })
    .join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, ' ');
}
