/**
 * The expressions of a Sweep's metrics and SLOs, parsed by recursive descent.
 *
 *   slo       = sum cmp sum                    (a metric is a sum alone)
 *   cmp       = "<" | "<=" | ">" | ">=" | "==" | "!="
 *   sum       = product { ("+" | "-") product }
 *   product   = unary { ("*" | "/") unary }
 *   unary     = "-" unary | primary
 *   primary   = number | call | path | "(" sum ")"
 *   call      = aggregate "(" series [ "[" key "]" ] ")"
 *   path      = name { "." name | "[" key "]" }     a number in summary.json
 *   name      = letter or "_", then letters, digits, "_"
 *   key       = any characters but "]"
 *
 * Series are the samples of one run: `startup_s`, `scheduling_s`,
 * `job_completion_s` (whose aggregates p50, p95, p99 and max are summary.json's
 * quantiles), and the dips of workloads below desired (workloads.csv):
 * `below_desired_s` (each dip's length) and `shortfall` (each dip's depth,
 * desired - available at its lowest), with aggregates max, sum and count,
 * optionally for one workload, `[deployment/web]` (kind/name or
 * kind/namespace/name, kind in lower case as kubectl writes it).
 */

export const LATENCY_SERIES = { startup_s: 'startup_latency_s', scheduling_s: 'scheduling_latency_s', job_completion_s: 'jobs.completion_time_s' } as const;
export const LATENCY_AGGREGATES = ['p50', 'p95', 'p99', 'max'] as const;
export const DIP_SERIES = ['below_desired_s', 'shortfall'] as const;
export const DIP_AGGREGATES = ['max', 'sum', 'count'] as const;

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type Arithmetic = '+' | '-' | '*' | '/';

export type Expr =
  | { readonly k: 'number'; readonly value: number }
  | { readonly k: 'path'; readonly segments: readonly string[] }
  | { readonly k: 'call'; readonly aggregate: string; readonly series: string; readonly key?: string }
  | { readonly k: 'negate'; readonly operand: Expr }
  | { readonly k: 'arithmetic'; readonly op: Arithmetic; readonly left: Expr; readonly right: Expr };

export interface Condition {
  readonly op: Comparison;
  readonly left: Expr;
  readonly right: Expr;
}

/** A syntax error at `offset` (0-based character index in the expression). */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const COMPARISONS: readonly Comparison[] = ['<=', '>=', '==', '!=', '<', '>'];
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  metric(): Expr {
    const e = this.sum();
    this.end();
    return e;
  }

  condition(): Condition {
    const left = this.sum();
    this.space();
    const op = COMPARISONS.find((c) => this.text.startsWith(c, this.at));
    if (op === undefined) throw this.error(`expected a comparison (${COMPARISONS.join(' ')})`);
    this.at += op.length;
    const right = this.sum();
    this.end();
    return { op, left, right };
  }

  private end(): void {
    this.space();
    if (this.at < this.text.length) throw this.error(`unexpected ${JSON.stringify(this.text.slice(this.at, this.at + 10))}`);
  }

  private sum(): Expr {
    let left = this.product();
    for (;;) {
      const op = this.take('+', '-');
      if (op === undefined) return left;
      left = { k: 'arithmetic', op, left, right: this.product() };
    }
  }

  private product(): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.take('*', '/');
      if (op === undefined) return left;
      left = { k: 'arithmetic', op, left, right: this.unary() };
    }
  }

  private unary(): Expr {
    if (this.take('-') !== undefined) return { k: 'negate', operand: this.unary() };
    return this.primary();
  }

  private primary(): Expr {
    this.space();
    if (this.take('(') !== undefined) {
      const e = this.sum();
      this.expect(')');
      return e;
    }
    const number = this.match(NUMBER);
    if (number !== undefined) return { k: 'number', value: Number(number) };
    const start = this.at;
    const name = this.match(NAME);
    if (name === undefined) throw this.error('expected a number, a summary.json path or an aggregate such as p95(startup_s)');
    if (this.text[this.at] === '(') return this.call(name, start);
    const segments = [name];
    for (;;) {
      if (this.text[this.at] === '.') {
        this.at++;
        const next = this.match(NAME);
        if (next === undefined) throw this.error('expected a field name after "."');
        segments.push(next);
      } else if (this.text[this.at] === '[') segments.push(this.key());
      else return { k: 'path', segments };
    }
  }

  private call(aggregate: string, start: number): Expr {
    this.at++; // (
    this.space();
    const seriesAt = this.at;
    const series = this.match(NAME);
    if (series === undefined) throw this.error('expected a series name');
    const latency = Object.hasOwn(LATENCY_SERIES, series);
    const dips = (DIP_SERIES as readonly string[]).includes(series);
    if (!latency && !dips) {
      throw new ExpressionError(`unknown series ${JSON.stringify(series)} (series: ${[...Object.keys(LATENCY_SERIES), ...DIP_SERIES].join(', ')})`, seriesAt);
    }
    const allowed: readonly string[] = latency ? LATENCY_AGGREGATES : DIP_AGGREGATES;
    if (!allowed.includes(aggregate)) {
      throw new ExpressionError(`${series} has no aggregate ${JSON.stringify(aggregate)} (it has ${allowed.join(', ')})`, start);
    }
    let key: string | undefined;
    if (this.text[this.at] === '[') {
      if (latency) throw this.error(`${series} is not per workload: no [key]`);
      key = this.key();
    }
    this.expect(')');
    return key === undefined ? { k: 'call', aggregate, series } : { k: 'call', aggregate, series, key };
  }

  private key(): string {
    const close = this.text.indexOf(']', this.at);
    if (close < 0) throw this.error('"[" without "]"');
    const key = this.text.slice(this.at + 1, close).trim();
    if (key === '') throw this.error('empty [key]');
    this.at = close + 1;
    return key;
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.at;
    const m = re.exec(this.text);
    if (m === null) return undefined;
    this.at += m[0].length;
    return m[0];
  }

  private take<T extends string>(...ops: T[]): T | undefined {
    this.space();
    const op = ops.find((o) => this.text.startsWith(o, this.at));
    if (op !== undefined) this.at += op.length;
    return op;
  }

  private expect(c: string): void {
    this.space();
    if (this.text[this.at] !== c) throw this.error(`expected "${c}"`);
    this.at++;
  }

  private error(message: string): ExpressionError {
    return new ExpressionError(message, this.at);
  }
}

/** A metric: a number per run. Throws ExpressionError. */
export function parseMetric(text: string): Expr {
  return new Parser(text).metric();
}

/** An SLO: a comparison per run. Throws ExpressionError. */
export function parseCondition(text: string): Condition {
  return new Parser(text).condition();
}
