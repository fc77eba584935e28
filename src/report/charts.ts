import { axisNumber, esc, frame, n, niceTicks, scale, svg, timeAxes, type Frame } from './svg.js';
import type { Timeline } from './timeline.js';

/** A named series with its colour: values per bin of a Timeline (null: no value there). */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly dashed?: boolean;
}

/** What the time charts mark: node outages as bands, other node faults as ticks. */
export interface Faults {
  readonly bands: readonly { readonly fromS: number; readonly toS: number; readonly label: string }[];
  readonly marks: readonly { readonly timeS: number; readonly label: string }[];
}

const WIDTH = 880;

/** Bands and ticks behind a time chart's data, each with a tooltip (<title>). */
function faultLayer(f: Frame, faults: Faults, x: (t: number) => number): string {
  const top = f.top;
  const bottom = f.height - f.bottom;
  let out = '<g class="faults">';
  faults.bands.forEach((b, i) => {
    const w = Math.max(1, x(b.toS) - x(b.fromS));
    out += `<rect x="${n(x(b.fromS))}" y="${n(top)}" width="${n(w)}" height="${n(bottom - top)}" class="outage"><title>${esc(b.label)}</title></rect>`;
    if (bottom - top >= 40) out += `<text x="${n(x(b.fromS) + 3)}" y="${n(top + 10 + 11 * (i % 3))}" class="fault-label">${esc(b.label)}</text>`;
  });
  for (const m of faults.marks) {
    out += `<line x1="${n(x(m.timeS))}" x2="${n(x(m.timeS))}" y1="${n(top)}" y2="${n(bottom)}" class="fault-mark"><title>${esc(m.label)}</title></line>`;
  }
  return out + '</g>';
}

/** Series stacked as step areas over time (pods by phase): each bin drawn at its end value. */
export function stackedSteps(title: string, timeline: Timeline, series: readonly Series[], faults: Faults, height = 240): string {
  const f = frame(WIDTH, height);
  const bins = timeline.count;
  const totals = new Array<number>(bins).fill(0);
  for (const s of series) s.values.forEach((v, k) => (totals[k]! += v ?? 0));
  const yTicks = niceTicks(Math.max(1, ...totals));
  const x = scale(0, timeline.durationS, f.left, f.width - f.right);
  const y = scale(0, yTicks[yTicks.length - 1]!, f.height - f.bottom, f.top);
  const below = new Array<number>(bins).fill(0);
  let marks = '<g class="marks">';
  for (const s of series) {
    const above = below.map((b, k) => b + (s.values[k] ?? 0));
    if (above.some((v, k) => v !== below[k])) {
      let d = `M${n(x(0))},${n(y(above[0]!))}`;
      for (let k = 0; k < bins; k++) d += `H${n(x(timeline.end(k)))}` + (k + 1 < bins ? `V${n(y(above[k + 1]!))}` : '');
      for (let k = bins - 1; k >= 0; k--) d += `V${n(y(below[k]!))}H${n(x(k === 0 ? 0 : timeline.end(k - 1)))}`;
      marks += `<path d="${d}Z" fill="${s.color}"><title>${esc(s.name)}</title></path>`;
    }
    above.forEach((v, k) => (below[k] = v));
  }
  marks += '</g>';
  return svg(f, title, faultLayer(f, faults, x) + timeAxes(f, timeline.durationS, yTicks, x, y) + marks);
}

/** Series as step lines over time (available against desired). */
export function stepLines(title: string, timeline: Timeline, series: readonly Series[], faults: Faults, height = 140): string {
  const f = frame(WIDTH, height);
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const yTicks = niceTicks(max, 3);
  const x = scale(0, timeline.durationS, f.left, f.width - f.right);
  const y = scale(0, yTicks[yTicks.length - 1]!, f.height - f.bottom, f.top);
  let marks = '<g class="marks">';
  for (const s of series) {
    let d = '';
    let pen = false;
    s.values.forEach((v, k) => {
      if (v === null) return void (pen = false);
      const x0 = x(k === 0 ? 0 : timeline.end(k - 1));
      d += pen ? `V${n(y(v))}H${n(x(timeline.end(k)))}` : `M${n(x0)},${n(y(v))}H${n(x(timeline.end(k)))}`;
      pen = true;
    });
    if (d !== '') marks += `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}><title>${esc(s.name)}</title></path>`;
  }
  marks += '</g>';
  return svg(f, title, faultLayer(f, faults, x) + timeAxes(f, timeline.durationS, yTicks, x, y) + marks);
}

/** Counts per time bin as bars (restarts, evictions). */
export function binBars(title: string, timeline: Timeline, s: Series, faults: Faults, height = 110): string {
  const f = frame(WIDTH, height);
  const yTicks = niceTicks(Math.max(1, ...s.values.map((v) => v ?? 0)), 2);
  const x = scale(0, timeline.durationS, f.left, f.width - f.right);
  const y = scale(0, yTicks[yTicks.length - 1]!, f.height - f.bottom, f.top);
  let marks = '<g class="marks">';
  s.values.forEach((v, k) => {
    if (!v) return;
    const x0 = x(k === 0 ? 0 : timeline.end(k - 1));
    const w = Math.max(1, x(timeline.end(k)) - x0 - 1);
    marks += `<rect x="${n(x0)}" y="${n(y(v))}" width="${n(w)}" height="${n(y(0) - y(v))}" fill="${s.color}"><title>${esc(`${v} ${s.name}`)}</title></rect>`;
  });
  marks += '</g>';
  return svg(f, title, faultLayer(f, faults, x) + timeAxes(f, timeline.durationS, yTicks, x, y) + marks);
}

/** A histogram over named buckets (latency distributions). */
export function histogram(title: string, buckets: readonly string[], counts: readonly number[], color: string, width = 430, height = 200): string {
  const f = frame(width, height, 44, 36);
  const yTicks = niceTicks(Math.max(1, ...counts), 4);
  const y = scale(0, yTicks[yTicks.length - 1]!, f.height - f.bottom, f.top);
  const slot = (f.width - f.left - f.right) / buckets.length;
  let axes = '<g class="axes">';
  for (const v of yTicks) {
    axes += `<line x1="${n(f.left)}" x2="${n(f.width - f.right)}" y1="${n(y(v))}" y2="${n(y(v))}" class="grid"/>`;
    axes += `<text x="${n(f.left - 6)}" y="${n(y(v) + 4)}" text-anchor="end">${esc(axisNumber(v))}</text>`;
  }
  let marks = '<g class="marks">';
  buckets.forEach((label, i) => {
    const cx = f.left + slot * (i + 0.5);
    axes += `<text x="${n(cx)}" y="${n(f.height - f.bottom + 14)}" text-anchor="middle">${esc(label)}</text>`;
    const v = counts[i] ?? 0;
    if (v > 0) marks += `<rect x="${n(cx - slot * 0.4)}" y="${n(y(v))}" width="${n(slot * 0.8)}" height="${n(y(0) - y(v))}" fill="${color}"><title>${esc(`${label}: ${v} pods`)}</title></rect>`;
  });
  axes += `<line x1="${n(f.left)}" x2="${n(f.width - f.right)}" y1="${n(y(0))}" y2="${n(y(0))}" class="axis"/></g>`;
  return svg(f, title, axes + marks + '</g>');
}

/** Colour of a share 0..1 (requested / allocatable), in 10 steps from pale to deep blue; above 1 red. */
export function heatColor(v: number): string {
  if (v > 1) return '#b2182b';
  const steps = ['#f7fbff', '#e3eef9', '#cfe1f2', '#b5d4e9', '#93c3df', '#6daed5', '#4b97c9', '#2f7ebc', '#1864aa', '#0a4a90', '#08306b'];
  return steps[Math.round(Math.max(0, v) * 10)]!;
}

/** One heat map row per node: requested share per column, runs of the same colour merged; not-Ready spans hatched. */
export function heatmap(title: string, timeline: Timeline, rows: readonly { readonly label: string; readonly values: readonly (number | null)[]; readonly notReady: readonly boolean[] }[], faults: Faults): string {
  const rowH = rows.length > 30 ? 8 : 14;
  const left = Math.min(240, 12 + 6.5 * Math.max(...rows.map((r) => r.label.length), 4));
  const f = frame(WIDTH, 10 + rowH * rows.length + 24, left);
  const x = scale(0, timeline.durationS, f.left, f.width - f.right);
  const colX = (k: number): number => x(k === 0 ? 0 : timeline.end(k - 1));
  let marks = '<g class="marks">';
  let labels = '<g class="axes">';
  rows.forEach((row, i) => {
    const y0 = f.top + i * rowH;
    if (rowH >= 12 || i % 5 === 0) labels += `<text x="${n(f.left - 6)}" y="${n(y0 + rowH - 3)}" text-anchor="end">${esc(row.label)}</text>`;
    for (const [from, to, v] of runs(row.values.map((v) => (v === null ? null : heatColor(v))))) {
      const share = row.values[from];
      marks += `<rect x="${n(colX(from))}" y="${n(y0)}" width="${n(colX(to) - colX(from))}" height="${rowH - 1}" fill="${v}"><title>${esc(`${row.label}: ${Math.round((share ?? 0) * 100)}% requested`)}</title></rect>`;
    }
    for (const [from, to, v] of runs(row.notReady.map((b) => (b ? 'x' : null)))) {
      if (v !== null) marks += `<rect x="${n(colX(from))}" y="${n(y0)}" width="${n(colX(to) - colX(from))}" height="${rowH - 1}" fill="url(#not-ready)"><title>${esc(`${row.label}: not Ready`)}</title></rect>`;
    }
  });
  marks += '</g>';
  const axis = timeAxes(f, timeline.durationS, [], x, () => 0);
  return svg(f, title, labels + '</g>' + axis + marks + faultLayer(f, { bands: [], marks: faults.marks }, x));
}

/** Runs of equal non-null values: [from, to (exclusive), value]. */
function runs(values: readonly (string | null)[]): [number, number, string][] {
  const out: [number, number, string][] = [];
  let k = 0;
  while (k < values.length) {
    const v = values[k];
    let j = k + 1;
    while (j < values.length && values[j] === v) j++;
    if (v !== null && v !== undefined) out.push([k, j, v]);
    k = j;
  }
  return out;
}
