import type { KubeEvent } from '../../api/event.js';
import { PHASES } from '../../model/pod.js';
import { formatSeconds } from './format.js';
import type { LatencySummary } from './percentiles.js';
import type { Summary } from './summary.js';

/**
 * The short text `podsim run` prints on stdout: pods by phase, scheduling and
 * startup latency, restarts and evictions, and the last Warning events in
 * `kubectl get events` columns (LAST SEEN is the simulated time of the event).
 * Ends with a newline.
 */
export function formatRunSummary(summary: Summary, lastWarnings: readonly KubeEvent[]): string {
  const phases = table([['PHASE', 'PODS'], ...PHASES.map((p) => [p, String(summary.pods[p])]), ['Total', String(summary.pods.total)]]);
  const latency = table([
    ['Scheduling latency', ...latencyCells(summary.scheduling_latency_s)],
    ['Startup latency', ...latencyCells(summary.startup_latency_s)],
  ]);
  const counts =
    `Restarts ${summary.restarts}   Evictions ${summary.evictions}   Preemptions ${summary.preemptions}   ` +
    `Unschedulable pods ${summary.unschedulable_pods}`;
  const parts = [phases, latency, counts, warningTable(lastWarnings)];
  return `${parts.join('\n\n')}\n`;
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
      oneLine(e.message),
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
