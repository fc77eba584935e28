import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/io/diagnostics.js';
import { loadSweep } from '../../src/sweep/load-sweep.js';
import { checkGrid } from '../../src/sweep/plan.js';
import { ROOT, tempDir } from '../cli/run-cli.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/sweeps');

/** Writes a Sweep file beside a copy of tiny.yml and loads it; the diagnostics as `s.yml:line:col: ...`. */
function load(text: string) {
  const dir = tempDir();
  fs.copyFileSync(path.join(FIXTURES, 'tiny.yml'), path.join(dir, 'tiny.yml'));
  const file = path.join(dir, 's.yml');
  fs.writeFileSync(file, text);
  const loaded = loadSweep(file);
  const shown = (ds: typeof loaded.diagnostics) => ds.map((d) => formatDiagnostic({ ...d, file: path.relative(dir, d.file) }));
  return { ...loaded, shown: shown(loaded.diagnostics), grid: loaded.sweep ? shown(checkGrid(loaded.sweep, loaded.labels)) : [] };
}

const HEAD = 'apiVersion: podsim.io/v1alpha1\nkind: Sweep\nmetadata: {name: s}\nspec:\n  scenario: tiny.yml\n';

describe('loading a Sweep document', () => {
  it('reads the fixture: axes, seeds, metrics, SLOs, the default cost', () => {
    const { sweep, diagnostics } = loadSweep(path.join(FIXTURES, 'tiny-sweep.yml'));
    expect(diagnostics).toEqual([]);
    expect(sweep!.axes.map((a) => a.parameters.map((p) => [p.name, p.paths]))).toEqual([[['workers', ['nodePools.worker.count']]]]);
    expect(sweep!.axes[0]!.values).toEqual([[2], [3]]);
    expect(sweep!.seeds).toEqual([1, 2, 3]);
    expect(sweep!.metrics.map((m) => m.name)).toEqual(['p95(startup_s)', 'max(below_desired_s[deployment/web])', 'max(shortfall[deployment/web])', 'jobs.completed']);
    expect(sweep!.slos.map((s) => s.name)).toEqual(['web_dip', 'jobs.completed == 1']);
    expect(sweep!.cost.name).toBe('nodes.node_seconds');
    expect(sweep!.scenario).toBe(path.join(FIXTURES, 'tiny.yml'));
  });

  it('ranges include both ends; seeds may be counted', () => {
    const { sweep } = load(`${HEAD}  grid:\n    - {name: cpu, set: nodePools.worker.allocatable.cpu, range: {from: 0.5, to: 1.5, step: 0.25}}\n  seeds: {from: 7, count: 3}\n`);
    expect(sweep!.axes[0]!.values).toEqual([[0.5], [0.75], [1], [1.25], [1.5]]);
    expect(sweep!.seeds).toEqual([7, 8, 9]);
  });

  it.each([
    [`${HEAD}  grid:\n    - {name: n, set: nodePools.worker.count}\n`, 's.yml:7:7: error: spec.grid[0]: Required value: one of values or range'],
    [`${HEAD}  grid:\n    - {name: n, values: [1, 1]}\n`, 's.yml:7:29: error: spec.grid[0].values[1]: Duplicate value: 1'],
    [`${HEAD}  grid:\n    - {name: seed, values: [1]}\n`, `s.yml:7:8: error: spec.grid[0].name: Invalid value: "seed": is the seeds' column: choose another name`],
    [`${HEAD}  grid:\n    - {name: n, range: {from: 3, to: 1}}\n`, 's.yml:7:34: error: spec.grid[0].range.to: Invalid value: 1: must be greater than or equal to from (3)'],
    [`${HEAD}  grid:\n    - zip:\n      - {name: a, values: [1, 2]}\n      - {name: b, values: [1]}\n`, 's.yml:9:9: error: spec.grid[0].zip[1]: Invalid value: "1 values": must have as many values as a (2): zipped parameters move together'],
    [`${HEAD}  slos: ["p95(startup_s) < "]\n`, 's.yml:6:10: error: spec.slos[0]: Invalid value: "p95(startup_s) <": at character 17: expected a number, a summary.json path or an aggregate such as p95(startup_s)'],
    [`${HEAD}  metrics: [p95(cpu_s)]\n`, 's.yml:6:13: error: spec.metrics[0]: Invalid value: "p95(cpu_s)": at character 5: unknown series "cpu_s" (series: startup_s, scheduling_s, job_completion_s, below_desired_s, shortfall)'],
    [`${HEAD}  seeds: [1, -2]\n`, 's.yml:6:14: error: spec.seeds[1]: Invalid value: -2: must be greater than or equal to 0'],
    ['apiVersion: podsim.io/v1\nkind: Sweep\nspec: {scenario: tiny.yml}\n', 's.yml:1:1: error: no matches for kind "Sweep" in version "podsim.io/v1"'],
    ['apiVersion: podsim.io/v1alpha1\nkind: Scenario\nspec: {}\n', 's.yml:2:1: error: kind "Scenario": a Sweep file\'s document has kind: Sweep'],
  ])('%#: %s', (text, expected) => {
    const { sweep, shown } = load(text);
    expect(sweep).toBeUndefined();
    expect(shown).toContain(expected);
  });

  it("a grid value the scenario refuses is reported at the parameter, naming the grid point", () => {
    const { sweep, grid } = load(`${HEAD}  grid:\n    - name: workers\n      set: nodePools.worker.count\n      values: [2, -1]\n`);
    expect(sweep).toBeDefined();
    expect(grid).toEqual(['s.yml:9:19: error: grid point workers=-1: spec.nodePools[0].count: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('a path the scenario does not have is reported at the parameter', () => {
    const { grid } = load(`${HEAD}  grid:\n    - name: w\n      set: nodePools.wrker.count\n      values: [2]\n`);
    expect(grid).toEqual(['s.yml:9:16: error: grid point w=2: nodePools.wrker.count=2: no node pool named "wrker"']);
  });
});

describe('named metrics', () => {
  it('a metric may be {name, expr}; the cost may name one; names must differ', () => {
    const ok = load(`${HEAD}  metrics:\n    - {name: dip, expr: "max(below_desired_s)"}\n    - jobs.failed\n  cost: dip\n`);
    expect(ok.sweep!.metrics.map((m) => m.name)).toEqual(['dip', 'jobs.failed']);
    expect(ok.sweep!.cost).toEqual({ name: 'dip', expr: ok.sweep!.metrics[0]!.expr });
    const dup = load(`${HEAD}  metrics:\n    - {name: x, expr: jobs.failed}\n    - {name: x, expr: evictions}\n`);
    expect(dup.shown).toEqual(['s.yml:8:7: error: spec.metrics[1]: Duplicate value: "x"']);
  });
});

describe('sweep.csv columns', () => {
  it('a metric, SLO or parameter may not take a column another has, or a fixed one', () => {
    const clash = load(`${HEAD}  metrics:\n    - {name: evictions, expr: jobs.failed}\n  slos:\n    - {name: evictions, expr: jobs.failed == 0}\n`);
    expect(clash.shown).toEqual(['s.yml:8:3: error: spec.slos: Duplicate value: "evictions" names a sweep.csv column already taken (evictions)']);
    const fixed = load(`${HEAD}  grid:\n    - {name: status, values: [1]}\n  metrics:\n    - {name: n, expr: jobs.failed}\n`);
    expect(fixed.shown).toEqual([
      's.yml:6:3: error: spec.grid: Duplicate value: parameter name "status" is a column sweep.csv always has',
      's.yml:8:3: error: spec.metrics: Duplicate value: "n" names a sweep.csv column already taken (n)',
    ]);
  });
});

describe('podsim validate on a Sweep file', () => {
  it('checks the Sweep document and its scenario at every grid point, beside ordinary files', async () => {
    const { validateCommand } = await import('../../src/cli/validate.js');
    const { testContext } = await import('../support/context.js');
    const dir = tempDir();
    fs.copyFileSync(path.join(FIXTURES, 'tiny.yml'), path.join(dir, 'tiny.yml'));
    fs.writeFileSync(path.join(dir, 's.yml'), `${HEAD}  grid:\n    - name: workers\n      set: nodePools.worker.count\n      values: [2, -1]\n`);
    const ctx = testContext(dir);
    expect(validateCommand(['s.yml', 'tiny.yml'], [], ctx)).toBe(1);
    expect(ctx.err.join('')).toBe('s.yml:9:19: error: grid point workers=-1: spec.nodePools[0].count: Invalid value: -1: must be greater than or equal to 0\n');
    const good = testContext(ROOT);
    expect(validateCommand([path.join(FIXTURES, 'tiny-sweep.yml')], [], good)).toBe(0);
    expect(good.err.join('')).toBe('');
  });
});
