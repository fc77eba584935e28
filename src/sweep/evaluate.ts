import type { Dip } from './dips.js';
import { LATENCY_SERIES, type Condition, type Expr } from './expression.js';

/** What one finished run gives its metrics and SLOs. */
export interface RunData {
  /** summary.json, parsed. */
  readonly summary: unknown;
  /** Its workloads' dips (workloads.csv). */
  readonly dips: readonly Dip[];
}

/** A path into summary.json; null when absent or not a number. */
function lookup(summary: unknown, segments: readonly string[]): number | null {
  let v: unknown = summary;
  for (const s of segments) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, s)) return null;
    v = (v as Record<string, unknown>)[s];
  }
  return typeof v === 'number' ? v : null;
}

/** Does the dip belong to `key`: `kind/name` or `kind/namespace/name`, kind in any case. */
function matches(d: Dip, key: string): boolean {
  const [kind, ...rest] = key.split('/');
  const dipKind = d.workload.slice(0, d.workload.indexOf('/'));
  const dipName = d.workload.slice(dipKind.length + 1);
  if (kind?.toLowerCase() !== dipKind) return false;
  return rest.length === 2 ? rest[0] === d.namespace && rest[1] === dipName : rest.join('/') === dipName;
}

function call(e: Extract<Expr, { k: 'call' }>, run: RunData): number | null {
  if (Object.hasOwn(LATENCY_SERIES, e.series)) {
    const path = LATENCY_SERIES[e.series as keyof typeof LATENCY_SERIES];
    return lookup(run.summary, [...path.split('.'), e.aggregate]);
  }
  const dips = e.key === undefined ? run.dips : run.dips.filter((d) => matches(d, e.key as string));
  const values = dips.map((d) => (e.series === 'shortfall' ? d.depth : d.length_s));
  if (e.aggregate === 'count') return values.length;
  if (e.aggregate === 'sum') return values.reduce((a, b) => a + b, 0);
  return values.reduce((a, b) => Math.max(a, b), 0);
}

/**
 * A metric's value for one run; null when a value it needs is missing (a
 * percentile without samples, a path summary.json does not have) or a
 * division by zero. Dips aggregate to 0 when there are none.
 */
export function evaluate(e: Expr, run: RunData): number | null {
  switch (e.k) {
    case 'number':
      return e.value;
    case 'path':
      return lookup(run.summary, e.segments);
    case 'call':
      return call(e, run);
    case 'negate': {
      const v = evaluate(e.operand, run);
      return v === null ? null : -v;
    }
    case 'arithmetic': {
      const l = evaluate(e.left, run);
      const r = evaluate(e.right, run);
      if (l === null || r === null) return null;
      if (e.op === '/') return r === 0 ? null : l / r;
      return e.op === '+' ? l + r : e.op === '-' ? l - r : l * r;
    }
  }
}

/** Whether one run meets an SLO; a missing value (null) does not meet it. */
export function holds(c: Condition, run: RunData): boolean {
  const l = evaluate(c.left, run);
  const r = evaluate(c.right, run);
  if (l === null || r === null) return false;
  switch (c.op) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    case '==':
      return l === r;
    case '!=':
      return l !== r;
  }
}
