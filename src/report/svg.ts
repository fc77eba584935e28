/**
 * SVG building blocks for the report: escaping, coordinates with one
 * decimal (so the same data gives the same bytes), nice ticks, and the frame
 * every chart shares. Pure string building, no DOM.
 */

/** Text for HTML and SVG content and attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate or size: one decimal, no `-0`. */
export function n(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** About `count` round tick values from 0 to at least `max` (steps of 1, 2 or 5 times a power of ten). */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = 0; v < max + step - 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/** Round tick times (seconds) for an axis of `durationS`: at most ~8. */
export function timeTicks(durationS: number): number[] {
  const step = TIME_STEPS.find((s) => durationS / s <= 8) ?? 604800 * Math.ceil(durationS / 604800 / 8);
  const ticks: number[] = [];
  for (let t = 0; t <= durationS + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** An axis label for a time in seconds: `0`, `45s`, `5m`, `1h30m`, `2d` (zero parts left out). */
export function axisTime(s: number): string {
  if (s === 0) return '0';
  let rest = Math.round(s);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const q = Math.floor(rest / size);
    if (q > 0) parts.push(`${q}${unit}`);
    rest -= q * size;
  }
  return parts.join('') || `${s}s`;
}

/** A tick label for a count or share. */
export function axisNumber(v: number): string {
  if (Math.abs(v) >= 1e6) return `${n(v / 1e6)}M`;
  if (Math.abs(v) >= 1e4) return `${n(v / 1e3)}k`;
  return n(v);
}

/** The plotting area of a chart, inside its margins. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export function frame(width: number, height: number, left = 52, bottom = 24, top = 10, right = 12): Frame {
  return { width, height, left, right, top, bottom };
}

/** Linear scale from [d0, d1] to [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** An <svg> element holding `body`, with a title read by screen readers. */
export function svg(f: Frame, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}

/** Horizontal grid lines with y labels, and the x axis with time labels. */
export function timeAxes(f: Frame, durationS: number, yTicks: readonly number[], x: (t: number) => number, y: (v: number) => number, yLabel: (v: number) => string = axisNumber): string {
  const x0 = f.left;
  const x1 = f.width - f.right;
  const y0 = f.height - f.bottom;
  let out = '<g class="axes">';
  for (const v of yTicks) {
    out += `<line x1="${n(x0)}" x2="${n(x1)}" y1="${n(y(v))}" y2="${n(y(v))}" class="grid"/>`;
    out += `<text x="${n(x0 - 6)}" y="${n(y(v) + 4)}" text-anchor="end">${esc(yLabel(v))}</text>`;
  }
  out += `<line x1="${n(x0)}" x2="${n(x1)}" y1="${n(y0)}" y2="${n(y0)}" class="axis"/>`;
  for (const t of timeTicks(durationS)) {
    out += `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${n(y0)}" y2="${n(y0 + 4)}" class="axis"/>`;
    out += `<text x="${n(x(t))}" y="${n(y0 + 16)}" text-anchor="middle">${esc(axisTime(t))}</text>`;
  }
  return out + '</g>';
}
