import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { type Diagnostic, type Position, hasErrors, sortDiagnostics } from '../io/diagnostics.js';
import type { FileSystem } from '../io/fs.js';
import { SCENARIO_API_VERSION } from '../io/object-files.js';
import type { FlagOverride } from '../io/scenario/overrides.js';
import { LoadSession } from '../io/session.js';
import { readIntAtLeast } from '../io/values.js';
import type { Field } from '../io/yaml/field.js';
import { ExpressionError, parseCondition, parseMetric } from './expression.js';
import type { Axis, Metric, ParamValue, Parameter, Slo, Sweep } from './sweep.js';

export const SWEEP_KIND = 'Sweep';
const SPEC_FIELDS = ['scenario', 'set', 'grid', 'seeds', 'metrics', 'slos', 'cost'];
/** The most values one axis may hold, and runs one sweep may plan. */
export const MAX_AXIS_VALUES = 10_000;
export const MAX_RUNS = 1_000_000;
export const DEFAULT_COST = 'nodes.node_seconds';
/** Without spec.metrics: startup, evictions, failed Jobs, the deepest and the longest dip of any workload, and the cost. */
export const DEFAULT_METRICS = ['p95(startup_s)', 'evictions', 'jobs.failed', 'max(shortfall)', 'max(below_desired_s)', 'nodes.node_seconds'];

export interface LoadedSweep {
  /** Undefined when any diagnostic is an error. */
  readonly sweep?: Sweep;
  /** Where each override's label points (`spec.set[0]|duration`, `grid:nodes=8|nodePools.worker.count`): to report a problem of its value there. */
  readonly labels: ReadonlyMap<string, Position>;
  readonly diagnostics: Diagnostic[];
}

function scalarValue(f: Field): ParamValue | undefined {
  const v = f.scalar();
  if (v === undefined && !f.present) f.required();
  return v;
}

function readRange(f: Field): ParamValue[] {
  f.warnUnknown(['from', 'to', 'step']);
  const from = f.child('from').number();
  const to = f.child('to').number();
  const stepField = f.child('step');
  const step = stepField.present ? stepField.number() : 1;
  if (!f.child('from').present) f.child('from').required();
  if (!f.child('to').present) f.child('to').required();
  if (from === undefined || to === undefined || step === undefined) return [];
  if (!(step > 0)) return (stepField.invalid(step, 'must be greater than zero'), []);
  if (to < from) return (f.child('to').invalid(to, `must be greater than or equal to from (${from})`), []);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_AXIS_VALUES) return (f.invalid(`${count} values`, `must hold at most ${MAX_AXIS_VALUES} values`), []);
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
}

/** One parameter: name, set (a path or a list of paths; default the name), values or range. */
function readParameter(f: Field, labels: Map<string, Position>): { parameter: Parameter; values: ParamValue[] } | undefined {
  f.warnUnknown(['name', 'set', 'values', 'range']);
  const nameField = f.child('name');
  const name = nameField.string();
  if (name === undefined || name === '') return (nameField.required(), undefined);
  if (name === 'seed') return (nameField.invalid(name, 'is the seeds\' column: choose another name'), undefined);
  const setField = f.child('set');
  const paths = !setField.present ? [name] : setField.isList ? setField.stringList() : [setField.string() ?? ''];
  if (paths.some((p) => p === '')) setField.invalid('', 'must be a Scenario path below spec, such as nodePools.worker.count');
  const values = f.child('values');
  const range = f.child('range');
  let list: ParamValue[] = [];
  if (values.present === range.present) f.required('one of values or range');
  else if (values.present) {
    list = values.items().flatMap((v) => scalarValue(v) ?? []);
    if (values.isList && list.length === 0) values.required('at least one value');
    if (list.length > MAX_AXIS_VALUES) values.invalid(`${list.length} values`, `must hold at most ${MAX_AXIS_VALUES} values`);
    const seen = new Set<string>();
    values.items().forEach((v) => {
      const text = String(v.scalar());
      if (seen.has(text)) v.duplicate(v.scalar());
      seen.add(text);
    });
  } else list = readRange(range);
  const position = (setField.present ? setField : nameField).position;
  // A value's problems are reported at the value (a range's at the range).
  const at = values.present ? values.items().map((v) => v.position) : [];
  list.forEach((v, i) => {
    for (const path of paths) labels.set(`grid:${name}=${String(v)}|${path}`, at[i] ?? range.position);
  });
  return { parameter: { name, paths, position }, values: list };
}

function readAxis(f: Field, labels: Map<string, Position>): Axis | undefined {
  if (!f.isMap) return (f.invalid(f.scalar(), 'must be a parameter {name, set, values or range} or {zip: [parameters]}'), undefined);
  const zip = f.child('zip');
  if (!zip.present) {
    const p = readParameter(f, labels);
    return p && { parameters: [p.parameter], values: p.values.map((v) => [v]) };
  }
  f.warnUnknown(['zip']);
  const parts = zip.items().flatMap((item) => readParameter(item, labels) ?? []);
  if (zip.isList && zip.items().length < 2) zip.invalid(`${zip.items().length} parameters`, 'must zip at least two parameters');
  const length = parts[0]?.values.length ?? 0;
  parts.forEach((p, i) => {
    if (p.values.length !== length) {
      zip.items()[i]?.invalid(`${p.values.length} values`, `must have as many values as ${parts[0]?.parameter.name} (${length}): zipped parameters move together`);
    }
  });
  return { parameters: parts.map((p) => p.parameter), values: Array.from({ length }, (_, i) => parts.map((p) => p.values[i] as ParamValue)) };
}

function readSeeds(f: Field): number[] {
  if (!f.present) return [1];
  if (f.isList) {
    const seeds = f.items().flatMap((s) => readIntAtLeast(s, 0) ?? []);
    if (seeds.length === 0) f.required('at least one seed');
    const seen = new Set<number>();
    f.items().forEach((s) => {
      const v = s.integer();
      if (v !== undefined && seen.has(v)) s.duplicate(v);
      if (v !== undefined) seen.add(v);
    });
    return seeds;
  }
  f.warnUnknown(['from', 'count']);
  const from = f.child('from').present ? readIntAtLeast(f.child('from'), 0) : 1;
  const count = readIntAtLeast(f.child('count'), 1);
  if (!f.child('count').present) f.child('count').required();
  if (from === undefined || count === undefined) return [];
  if (count > MAX_AXIS_VALUES) return (f.child('count').invalid(count, `must be at most ${MAX_AXIS_VALUES}`), []);
  return Array.from({ length: count }, (_, i) => from + i);
}

/** An expression's problem at its field: `spec.slos[0]: Invalid value: "...": at character 7: expected ...`. */
function parsed<T>(f: Field, text: string, parse: (t: string) => T): T | undefined {
  try {
    return parse(text);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    f.invalid(text, `at character ${e.offset + 1}: ${e.message}`);
    return undefined;
  }
}

/** Metrics: each an expression string (its column name) or `{name, expr}`; names must differ (they are columns). */
function readMetrics(f: Field): Metric[] {
  if (!f.present) return DEFAULT_METRICS.map((text) => ({ name: text, expr: parseMetric(text) }));
  const seen = new Set<string>();
  return f.items().flatMap((m) => {
    const exprField = m.isMap ? m.child('expr') : m;
    if (m.isMap) m.warnUnknown(['name', 'expr']);
    const text = exprField.string()?.trim();
    if (text === undefined) return exprField.present ? [] : (exprField.required(), []);
    const name = (m.isMap ? m.child('name').string() : undefined) ?? text;
    if (seen.has(name)) return (m.duplicate(name), []);
    seen.add(name);
    const expr = parsed(exprField, text, parseMetric);
    return expr ? [{ name, expr }] : [];
  });
}

function readSlos(f: Field): Slo[] {
  return f.items().flatMap((s) => {
    const exprField = s.isMap ? s.child('expr') : s;
    if (s.isMap) s.warnUnknown(['name', 'expr']);
    const text = exprField.string()?.trim();
    if (text === undefined) return (exprField.present ? [] : (exprField.required(), []));
    const name = (s.isMap ? s.child('name').string() : undefined) ?? text;
    const condition = parsed(exprField, text, parseCondition);
    return condition ? [{ name, text, condition }] : [];
  });
}

/** Parameter names must differ (they are columns and folder levels). */
function checkNames(axes: readonly Axis[], grid: Field): void {
  const seen = new Set<string>();
  for (const p of axes.flatMap((a) => a.parameters)) {
    if (seen.has(p.name)) grid.report('error', 'field-duplicate', `spec.grid: Duplicate value: parameter name ${JSON.stringify(p.name)}`);
    seen.add(p.name);
  }
}

function readSpec(spec: Field, file: string, labels: Map<string, Position>): Omit<Sweep, 'name' | 'file'> {
  spec.warnUnknown(SPEC_FIELDS);
  const scenarioField = spec.child('scenario');
  const scenario = scenarioField.string();
  if (scenario === undefined || scenario === '') scenarioField.required('the scenario file, relative to this file');
  const set: FlagOverride[] = spec.child('set').items().flatMap((f, i) => {
    const text = f.string();
    const eq = text?.indexOf('=') ?? -1;
    if (text === undefined) return [];
    if (eq <= 0) return (f.invalid(text, 'must be PATH=VALUE, e.g. duration=2h'), []);
    const flag = `spec.set[${i}]|${text.slice(0, eq)}`;
    labels.set(flag, f.position);
    return [{ flag, path: text.slice(0, eq), value: text.slice(eq + 1) }];
  });
  const grid = spec.child('grid');
  const axes = grid.items().flatMap((a) => readAxis(a, labels) ?? []);
  checkNames(axes, grid);
  const seeds = readSeeds(spec.child('seeds'));
  const runs = axes.reduce((n, a) => n * a.values.length, 1) * seeds.length;
  if (runs > MAX_RUNS) spec.child('grid').invalid(`${runs} runs`, `must plan at most ${MAX_RUNS} runs`);
  const metrics = readMetrics(spec.child('metrics'));
  // The cost: a metric's name, or an expression of its own.
  const costField = spec.child('cost');
  const costText = costField.string()?.trim() ?? DEFAULT_COST;
  const named = metrics.find((m) => m.name === costText);
  const cost = named?.expr ?? parsed(costField, costText, parseMetric);
  return {
    scenario: resolve(dirname(file), scenario ?? ''),
    set,
    axes,
    seeds,
    metrics,
    slos: checkColumns(axes, metrics, readSlos(spec.child('slos')), spec),
    cost: { name: costText, expr: cost ?? { k: 'number', value: 0 } },
  };
}

/** sweep.csv's fixed columns (sweep-csv.ts). */
const FIXED_COLUMNS = ['row', 'run_id', 'seed', 'status', 'n', 'meets_slos'];

/**
 * Every name becomes a sweep.csv column (a metric M three: M, M_ci_low,
 * M_ci_high): parameters, metrics and SLOs must not take one another's
 * columns, nor the fixed ones, or the file would hold a header twice.
 */
function checkColumns(axes: readonly Axis[], metrics: readonly Metric[], slos: readonly Slo[], spec: Field): readonly Slo[] {
  const taken = new Set(FIXED_COLUMNS);
  const claim = (column: string, where: string, name: string): void => {
    if (taken.has(column)) spec.child(where).report('error', 'field-duplicate', `spec.${where}: Duplicate value: ${JSON.stringify(name)} names a sweep.csv column already taken (${column})`);
    taken.add(column);
  };
  for (const p of axes.flatMap((a) => a.parameters)) {
    if (FIXED_COLUMNS.includes(p.name)) spec.child('grid').report('error', 'field-duplicate', `spec.grid: Duplicate value: parameter name ${JSON.stringify(p.name)} is a column sweep.csv always has`);
    taken.add(p.name);
  }
  // Names repeated within metrics, or within SLOs, are reported where they are read.
  for (const m of new Set(metrics.map((x) => x.name))) for (const c of [m, `${m}_ci_low`, `${m}_ci_high`]) claim(c, 'metrics', m);
  for (const name of new Set(slos.map((x) => x.name))) claim(name, 'slos', name);
  return slos;
}

/**
 * Reads a Sweep file: one document, apiVersion podsim.io/v1alpha1, kind
 * Sweep. Every problem is reported at its file:line:col; nothing is thrown
 * for bad input. The scenario itself is not read here (see plan.ts).
 */
export function loadSweep(file: string, fs?: FileSystem): LoadedSweep {
  const session = new LoadSession(fs);
  const labels = new Map<string, Position>();
  let sweep: Sweep | undefined;
  let count = 0;
  for (const read of session.readDocuments(file) ?? []) {
    if (read.document === undefined) continue;
    for (const obj of session.objectsOf(read.document)) {
      if (count++ > 0) {
        obj.field.report('error', 'scenario-count', `a Sweep file holds one document; this is document ${count}`);
        continue;
      }
      if (obj.kind !== SWEEP_KIND) {
        obj.field.child('kind').report('error', 'kind-unknown', `kind ${JSON.stringify(obj.kind)}: a Sweep file's document has kind: ${SWEEP_KIND}`);
        continue;
      }
      if (obj.apiVersion !== SCENARIO_API_VERSION) {
        obj.field.child('apiVersion').report('error', 'api-version', `no matches for kind "${SWEEP_KIND}" in version ${JSON.stringify(obj.apiVersion)}`);
      }
      const name = obj.field.child('metadata').child('name').string() || basename(file, extname(file));
      sweep = { name, file, ...readSpec(obj.field.child('spec'), file, labels) };
    }
  }
  const diagnostics = sortDiagnostics(session.finish());
  if (sweep === undefined && !hasErrors(diagnostics)) {
    diagnostics.push({ severity: 'error', file, line: 1, col: 1, path: '', code: 'scenario-count', message: `no Sweep document (apiVersion: ${SCENARIO_API_VERSION}, kind: ${SWEEP_KIND}) in ${file}` });
  }
  return hasErrors(diagnostics) || sweep === undefined ? { labels, diagnostics } : { sweep, labels, diagnostics };
}

/** Whether `file` holds a Sweep document (`kind: Sweep` on a line of its own), for `podsim validate`. */
export function isSweepFile(file: string): boolean {
  try {
    const text = readFileSync(file, 'utf8');
    // the search for the word first: the line-by-line pattern costs tens of milliseconds on a large file
    return text.includes('Sweep') && /^kind:\s*["']?Sweep["']?\s*(#.*)?$/m.test(text);
  } catch {
    return false;
  }
}
