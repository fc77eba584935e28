import type { KubeEvent } from '../../api/event.js';
import { cutQuotedValues } from '../../model/long-values.js';
import { PHASES } from '../../model/pod.js';
import { formatSeconds } from './format.js';
import type { LatencySummary } from './percentiles.js';
import type { Summary } from './summary.js';

/**
 * The short text `podsim run` prints on stdout: pods by phase, scheduling and
 * startup latency, restarts and evictions, and the last Warning events in
 * `kubectl get events` columns (LAST SEEN is the simulated time of the event;
 * long quoted values in messages cut, model/long-values.ts), and how many of
 * the scenario's events never ran, being after the end. Ends with a newline.
 */
export function formatRunSummary(summary: Summary, lastWarnings: readonly KubeEvent[], eventsNeverRun = 0): string {
  const phases = table([['PHASE', 'PODS'], ...PHASES.map((p) => [p, String(summary.pods[p])]), ['Total', String(summary.pods.total)]]);
  const latency = table([
    ['Scheduling latency', ...latencyCells(summary.scheduling_latency_s)],
    ['Startup latency', ...latencyCells(summary.startup_latency_s)],
  ]);
  const counts =
    `Restarts ${summary.restarts}   Evictions ${summary.evictions} (replaced ${summary.replacements})   ` +
    `Preemptions ${summary.preemptions}   Unschedulable pods ${summary.unschedulable_pods}`;
  const parts = [phases, latency, counts, outageTable(summary), workloadTable(summary), warningTable(lastWarnings), neverRun(eventsNeverRun, summary)];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** When each node was lost and recovered; empty when none was. */
function outageTable(summary: Summary): string {
  const outages = summary.nodes.outages;
  if (outages.length === 0) return '';
  return table([
    ['NODE', 'LOST', 'RECOVERED', 'DOWN'],
    ...outages.map((o) => [
      o.node,
      seconds(o.lost_s),
      o.recovered_s === null ? 'not by the end' : seconds(o.recovered_s),
      o.recovered_s === null ? seconds(summary.duration_s - o.lost_s) + '+' : seconds(o.recovered_s - o.lost_s),
    ]),
  ]);
}

/** How long each long-running workload had fewer available pods than desired. */
function workloadTable(summary: Summary): string {
  const entries = Object.entries(summary.workloads);
  if (entries.length === 0) return '';
  return table([
    ['WORKLOAD', 'DESIRED', 'MIN AVAILABLE', 'BELOW DESIRED'],
    ...entries.map(([name, w]) => [`${w.kind.toLowerCase()}/${name}`, String(w.desired), String(w.min_available), seconds(w.time_below_desired_s)]),
  ]);
}

/** The scenario's timed events after the end of the run (warned about before it), again; empty when none. */
function neverRun(count: number, summary: Summary): string {
  if (count === 0) return '';
  const events = count === 1 ? '1 scenario event never ran: it comes' : `${count} scenario events never ran: they come`;
  return `${events} after the end of the run (${seconds(summary.duration_s)}); see the warnings before the run.`;
}

function latencyCells(l: LatencySummary): string[] {
  return [`p50 ${seconds(l.p50)}`, `p95 ${seconds(l.p95)}`, `max ${seconds(l.max)}`];
}

function seconds(s: number | null): string {
  return s === null ? '-' : `${formatSeconds(Math.round(s * 1000))}s`;
}

function warningTable(events: readonly KubeEvent[]): string {
  if (events.length === 0) return 'No Warning events.';
  return table([
    ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    ...events.map((e) => [
      `${formatSeconds(e.time)}s`,
      e.type,
      e.reason,
      `${e.kind.toLowerCase()}/${e.name}`,
      oneLine(cutQuotedValues(e.message)),
    ]),
  ]);
}

/** kubectl's tabwriter look: columns padded to their widest cell plus 3 spaces; no trailing spaces. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, ' ');
}
