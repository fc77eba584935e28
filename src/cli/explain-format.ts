import type { Millis } from '../model/meta.js';
import type { Attempt, PhaseChange } from './explain-watch.js';

/** `podsim explain --format json` (cli.md): one entry per attempt and per node. */
export interface ExplainJson {
  readonly pod: string;
  readonly attempts: readonly AttemptJson[];
  readonly phases: readonly { readonly time_s: number; readonly what: string }[];
}

export interface AttemptJson {
  readonly time_s: number;
  readonly result: Attempt['result'];
  readonly node: string | null;
  readonly message: string;
  readonly nodes: readonly NodeJson[];
}

export type NodeJson =
  | { readonly node: string; readonly filter: { readonly passed: false; readonly plugin: string; readonly reasons: readonly string[] } }
  | { readonly node: string; readonly filter: { readonly passed: true }; readonly scores: Readonly<Record<string, number>>; readonly total: number }
  | { readonly node: string; readonly filter: { readonly passed: null } };

const seconds = (ms: Millis) => ms / 1000;

/**
 * The JSON object. `scores` are normalized plugin scores (0..100, before
 * weighting): podsim reports weighted ones, so each is divided by its
 * plugin's weight in the attempt's profile. Nodes absent from the evaluation
 * (not examined because of sampling) get `passed: null`.
 */
export function explainJson(pod: string, attempts: readonly Attempt[], phases: readonly PhaseChange[]): ExplainJson {
  return {
    pod,
    attempts: attempts.map((a) => {
      const weights = a.weights;
      const verdicts = new Map(a.evaluation.verdicts.map((v) => [v.node, v.status]));
      const scores = new Map(a.evaluation.scores.map((s) => [s.name, s]));
      const nodes = a.nodeNames.map((node): NodeJson => {
        if (!verdicts.has(node)) return { node, filter: { passed: null } };
        const status = verdicts.get(node);
        if (status) return { node, filter: { passed: false, plugin: status.plugin, reasons: [...status.reasons] } };
        const s = scores.get(node);
        const byPlugin = Object.fromEntries((s?.scores ?? []).map((p) => [p.plugin, p.score / (weights.get(p.plugin) ?? 1)]));
        return { node, filter: { passed: true }, scores: byPlugin, total: s?.totalScore ?? 0 };
      });
      return { time_s: seconds(a.timeMs), result: a.result, node: a.node ?? null, message: a.message, nodes };
    }),
    phases: phases.map((p) => ({ time_s: seconds(p.timeMs), what: p.what })),
  };
}

const TOP_NODES = 5;
const NAMES_SHOWN = 4;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Filter verdicts grouped by plugin and reasons, largest group first: `37 nodes: Insufficient cpu (NodeResourcesFit)`. */
export function groupVerdicts(nodes: readonly NodeJson[], namesShown = NAMES_SHOWN): string[] {
  const groups = new Map<string, string[]>();
  for (const n of nodes) {
    const f = n.filter;
    const key = f.passed === true ? 'passed the filters' : f.passed === null ? 'not examined (percentageOfNodesToScore)' : `${f.reasons.join(', ')} (${f.plugin})`;
    const list = groups.get(key) ?? [];
    list.push(n.node);
    groups.set(key, list);
  }
  return [...groups]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([key, names]) => {
      const shown = names.slice(0, namesShown).join(', ') + (names.length > namesShown ? ', ...' : '');
      return `${plural(names.length, 'node')}: ${key} [${shown}]`;
    });
}

function topNodes(nodes: readonly NodeJson[], top = TOP_NODES): string[] {
  const scored = nodes.flatMap((n) => ('scores' in n ? [n] : [])).sort((a, b) => b.total - a.total);
  if (scored.length === 0) return [];
  const plugins = Object.keys(scored[0]?.scores ?? {});
  const header = ['node', 'total', ...plugins];
  const rows = scored.slice(0, top).map((n) => [n.node, String(n.total), ...plugins.map((p) => String(n.scores[p] ?? ''))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const more = scored.length > top ? [`(${scored.length - top} more feasible)`] : [];
  return [line(header), ...rows.map(line), ...more];
}

/** The human-readable explanation; `wide` (-o wide): every feasible node and every node name. */
export function explainText(report: ExplainJson, wide = false): string {
  const out: string[] = [`Pod ${report.pod}`];
  if (report.attempts.length === 0) out.push('', 'No scheduling attempt.');
  report.attempts.forEach((a, i) => {
    const result = a.result === 'Scheduled' ? `Scheduled to ${a.node ?? '?'}` : a.result;
    out.push('', `Attempt ${i + 1} at ${a.time_s.toFixed(3)}s: ${result}`);
    if (a.message !== '') out.push(`  ${a.message}`);
    out.push('  Filter verdicts:', ...groupVerdicts(a.nodes, wide ? Infinity : NAMES_SHOWN).map((l) => `    ${l}`));
    const top = topNodes(a.nodes, wide ? Infinity : TOP_NODES);
    if (top.length > 0) out.push('  Top nodes (normalized plugin scores, total weighted):', ...top.map((l) => `    ${l}`));
  });
  out.push('', 'Phase history:');
  for (const p of report.phases) out.push(`  ${p.time_s.toFixed(3).padStart(10)}s  ${p.what}`);
  return out.join('\n') + '\n';
}
