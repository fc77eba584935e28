import { axisNumber, esc, frame, n, niceTicks, scale, svg } from './svg.js';
import { figure, htmlTable, legend, page, section } from './page.js';

/** An SLO on one metric: `metric op value` (`startup_latency_s.p95 < 30`). */
export interface SweepSlo {
  readonly text: string;
  readonly metric: string;
  readonly op: '<' | '<=' | '>' | '>=' | '==';
  readonly value: number;
}

/** One grid point across its seeds: parameter values, each metric's mean and 95 % interval, the seeds' own values. */
export interface SweepPoint {
  readonly params: Readonly<Record<string, string>>;
  readonly mean: Readonly<Record<string, number | null>>;
  readonly low: Readonly<Record<string, number | null>>;
  readonly high: Readonly<Record<string, number | null>>;
  readonly runs: Readonly<Record<string, readonly number[]>>;
}

/** Everything the sweep report draws (io/report/sweep-folder.ts reads it). */
export interface SweepReportData {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly metrics: readonly string[];
  readonly slos: readonly SweepSlo[];
  readonly points: readonly SweepPoint[];
  /** The grid point the sweep chose (the cheapest meeting every SLO), or null when none did. */
  readonly chosen: Readonly<Record<string, string>> | null;
  readonly runCount: number;
}

const LINE_COLORS = ['#2f7ebc', '#d2453b', '#2e8b57', '#f0a830', '#8c6bb1', '#4a5466'];

/** The sweep report: per metric, its mean against the first swept parameter with the 95 % band, seeds as dots, SLO lines, the chosen point. */
export function renderSweepReport(d: SweepReportData): string {
  const title = `podsim sweep report: ${d.name}`;
  const x = d.parameters[0] ?? '';
  const chosen = d.chosen === null ? 'no grid point met every SLO' : `chosen: ${Object.entries(d.chosen).map(([k, v]) => `${k}=${v}`).join(', ')}`;
  const charts = d.metrics.map((m) => {
    const slos = d.slos.filter((s) => s.metric === m);
    const sloText = slos.length === 0 ? '' : ` · SLO ${slos.map((s) => s.text).join(', ')}`;
    return `<h3>${esc(m)}${esc(sloText)}</h3>` + figure(`sweep ${m}`, metricChart(d, m, x, slos));
  });
  const groups = groupNames(d);
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">${d.runCount} runs · ${d.points.length} grid points · swept ${esc(d.parameters.join(', '))}</p>`,
    `<p class="answer">${esc(chosen)}</p>`,
    section(
      'metrics',
      'Metrics against the swept parameter',
      `Each metric's mean over the seeds at each value of ${esc(x)}, with its 95 % confidence band; dots are single runs; dashed red lines are SLOs; the green line marks the chosen point.`,
      (groups.length > 1 ? legend(groups.map((g, i) => ({ name: g, color: LINE_COLORS[i % LINE_COLORS.length]! }))) : '') + charts.join('\n'),
    ),
    section('points', 'Grid points', 'Mean [95 % interval] over the seeds.', pointsTable(d)),
  ];
  return page(title, body.join('\n'));
}

/**
 * The other parameters' values naming each line: one line when only one
 * parameter is swept, or when the others move with the first (zipped: one
 * combination of them per value of the first).
 */
function groupOf(d: SweepReportData, p: SweepPoint): string {
  return lineParameters(d).map((k) => `${k}=${p.params[k] ?? ''}`).join(', ') || 'all';
}

/** The parameters that tell lines apart: those besides the first, unless they are a function of it. */
function lineParameters(d: SweepReportData): readonly string[] {
  const others = d.parameters.slice(1);
  const byX = new Map<string, string>();
  for (const p of d.points) {
    const x = p.params[d.parameters[0] ?? ''] ?? '';
    const rest = others.map((k) => p.params[k] ?? '').join('\u0000');
    if ((byX.get(x) ?? rest) !== rest) return others;
    byX.set(x, rest);
  }
  return [];
}

function groupNames(d: SweepReportData): string[] {
  const seen: string[] = [];
  for (const p of d.points) if (!seen.includes(groupOf(d, p))) seen.push(groupOf(d, p));
  return seen;
}

function metricChart(d: SweepReportData, metric: string, xParam: string, slos: readonly SweepSlo[]): string {
  const f = frame(880, 220, 60, 30);
  const pos = xPositions(d.points.map((p) => p.params[xParam] ?? ''));
  const xs = d.points.map((p) => pos(p.params[xParam] ?? ''));
  const ys = d.points.flatMap((p) => [p.high[metric] ?? p.mean[metric] ?? 0, ...(p.runs[metric] ?? [])]).concat(slos.map((s) => s.value));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yTicks = niceTicks(Math.max(1e-9, ...ys), 4);
  const x = scale(xMin, xMax === xMin ? xMin + 1 : xMax, f.left + 10, f.width - f.right - 10);
  const toY = scale(0, yTicks[yTicks.length - 1]!, f.height - f.bottom, f.top);
  // A 95 % interval of a count may reach below 0: drawn to the axis.
  const y = (v: number): number => Math.min(f.height - f.bottom, toY(v));
  let axes = '<g class="axes">';
  for (const v of yTicks) {
    axes += `<line x1="${n(f.left)}" x2="${n(f.width - f.right)}" y1="${n(y(v))}" y2="${n(y(v))}" class="grid"/><text x="${n(f.left - 6)}" y="${n(y(v) + 4)}" text-anchor="end">${esc(axisNumber(v))}</text>`;
  }
  for (const v of [...new Set(d.points.map((p) => p.params[xParam] ?? ''))].sort((a, b) => pos(a) - pos(b))) {
    axes += `<text x="${n(x(pos(v)))}" y="${n(f.height - f.bottom + 14)}" text-anchor="middle">${esc(v)}</text>`;
  }
  axes += `<text x="${n((f.left + f.width) / 2)}" y="${n(f.height - 2)}" text-anchor="middle">${esc(xParam)}</text></g>`;
  let marks = '<g class="marks">';
  groupNames(d).forEach((g, i) => {
    const color = LINE_COLORS[i % LINE_COLORS.length]!;
    const pts = d.points.filter((p) => groupOf(d, p) === g).sort((a, b) => pos(a.params[xParam] ?? '') - pos(b.params[xParam] ?? ''));
    const banded = pts.filter((p) => p.low[metric] !== null && p.low[metric] !== undefined && p.high[metric] !== null && p.high[metric] !== undefined);
    if (banded.length > 0) {
      const upper = banded.map((p) => `${n(x(pos(p.params[xParam] ?? '')))},${n(y(p.high[metric]!))}`);
      const lower = banded.map((p) => `${n(x(pos(p.params[xParam] ?? '')))},${n(y(p.low[metric]!))}`).reverse();
      marks += `<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.15"><title>${esc(`${g}: 95 % interval`)}</title></polygon>`;
    }
    const line = pts.filter((p) => p.mean[metric] !== null && p.mean[metric] !== undefined).map((p) => `${n(x(pos(p.params[xParam] ?? '')))},${n(y(p.mean[metric]!))}`);
    if (line.length > 0) marks += `<polyline points="${line.join(' ')}" fill="none" stroke="${color}" stroke-width="2"><title>${esc(`${g}: mean`)}</title></polyline>`;
    for (const p of pts) {
      for (const v of p.runs[metric] ?? []) marks += `<circle cx="${n(x(pos(p.params[xParam] ?? '')))}" cy="${n(y(v))}" r="2.5" fill="${color}" fill-opacity="0.6"/>`;
    }
  });
  marks += '</g>';
  let overlay = '';
  for (const s of slos) {
    overlay += `<line x1="${n(f.left)}" x2="${n(f.width - f.right)}" y1="${n(y(s.value))}" y2="${n(y(s.value))}" stroke="#d2453b" stroke-dasharray="6 4"><title>${esc(`SLO ${s.text}`)}</title></line>`;
    overlay += `<text x="${n(f.width - f.right - 4)}" y="${n(y(s.value) - 4)}" text-anchor="end" class="fault-label">${esc(`SLO ${s.text}`)}</text>`;
  }
  const cx = d.chosen?.[xParam];
  if (cx !== undefined) {
    overlay += `<line x1="${n(x(pos(cx)))}" x2="${n(x(pos(cx)))}" y1="${n(f.top)}" y2="${n(f.height - f.bottom)}" stroke="#2e8b57" stroke-width="2"><title>${esc(`chosen: ${xParam}=${cx}`)}</title></line>`;
    overlay += `<text x="${n(x(pos(cx)) + 4)}" y="${n(f.top + 10)}" fill="#2e8b57">${esc(`chosen ${cx}`)}</text>`;
  }
  return svg(f, `${metric} against ${xParam}`, axes + marks + overlay);
}

/**
 * Where a value of the swept parameter sits on the x axis: itself when every
 * value is a number, else its place in the order the grid lists them
 * (instance types, zones, true/false).
 */
function xPositions(values: readonly string[]): (v: string) => number {
  if (values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)))) return (v) => Number(v);
  const order = [...new Set(values)];
  return (v) => order.indexOf(v);
}

function pointsTable(d: SweepReportData): string {
  const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : String(Math.round(v * 1000) / 1000));
  const isChosen = (p: SweepPoint): boolean => d.chosen !== null && Object.entries(d.chosen).every(([k, v]) => p.params[k] === v);
  const rows = d.points.map((p) => [
    ...d.parameters.map((k) => p.params[k] ?? ''),
    ...d.metrics.map((m) => `${fmt(p.mean[m])} [${fmt(p.low[m])}, ${fmt(p.high[m])}]`),
    isChosen(p) ? 'chosen' : '',
  ]);
  return htmlTable([...d.parameters, ...d.metrics, ''], rows);
}
