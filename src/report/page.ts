import { esc } from './svg.js';

/**
 * The HTML shell shared by the run and sweep reports: one file, its styles
 * inline, system fonts, no script, nothing fetched; a shared hatch pattern
 * for not-Ready cells. Same arguments, same bytes.
 */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="podsim report">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<svg width="0" height="0" aria-hidden="true" style="position:absolute"><defs><pattern id="not-ready" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" fill-opacity="0.35"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c0392b" stroke-width="2"/></pattern></defs></svg>
${body}
</body>
</html>
`;
}

/** A section with a heading, a line saying how to read it, and its content. */
export function section(id: string, heading: string, lede: string, content: string): string {
  return `<section id="${esc(id)}">\n<h2>${esc(heading)}</h2>\n<p class="lede">${lede}</p>\n${content}\n</section>`;
}

/** A chart in a figure marked for the browser check (test/report/browser.test.ts looks for its marks). */
export function figure(name: string, svgText: string, caption = ''): string {
  return `<figure data-chart="${esc(name)}">${svgText}${caption === '' ? '' : `<figcaption>${caption}</figcaption>`}</figure>`;
}

/** A colour legend: swatches with names. */
export function legend(items: readonly { readonly name: string; readonly color: string; readonly dashed?: boolean }[]): string {
  return `<ul class="legend">${items.map((i) => `<li><span class="swatch${i.dashed ? ' dashed' : ''}" style="background:${i.color};border-color:${i.color}"></span>${esc(i.name)}</li>`).join('')}</ul>`;
}

/** An HTML table; cells are escaped. */
export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cls = (i: number): string => (numeric.includes(i) ? ' class="num"' : '');
  const th = head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${tr}\n</tbody>\n</table>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2330; margin: 24px auto; max-width: 920px; padding: 0 16px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 2px; border-bottom: 1px solid #dde2ea; padding-bottom: 3px; }
h3 { font-size: 14px; margin: 14px 0 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.meta { color: #4a5466; margin: 0 0 10px; }
.answer { font-size: 17px; font-weight: 600; margin: 10px 0; }
.lede { color: #4a5466; margin: 4px 0 8px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 12px 0; }
.figures div { border: 1px solid #dde2ea; border-radius: 6px; padding: 6px 10px; }
.figures b { display: block; font-size: 18px; }
.figures span { color: #4a5466; font-size: 12px; }
figure { margin: 6px 0; }
figcaption { color: #4a5466; font-size: 12px; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #4a5466; }
svg .grid { stroke: #e8ecf2; }
svg .axis { stroke: #8a94a6; }
svg .outage { fill: #d2453b; fill-opacity: 0.12; }
svg .fault-label { fill: #a3322a; font-size: 10px; }
svg .fault-mark { stroke: #a3322a; stroke-dasharray: 3 3; }
.pair { display: flex; flex-wrap: wrap; gap: 12px; }
.legend { list-style: none; padding: 0; margin: 2px 0; display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; border: 1px solid; }
.swatch.dashed { background: transparent !important; border-style: dashed; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eef1f5; vertical-align: top; }
th { font-weight: 600; color: #4a5466; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td { overflow-wrap: anywhere; }
.note { color: #4a5466; font-size: 12px; }
`;
