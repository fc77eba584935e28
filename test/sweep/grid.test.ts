import { describe, expect, it } from 'vitest';
import { gridPoints, hiveEscape, planRuns, pointOverrides } from '../../src/sweep/grid.js';
import type { Axis, Parameter } from '../../src/sweep/sweep.js';

const at = { file: 's.yml', line: 1, col: 1 };
const param = (name: string, paths = [name]): Parameter => ({ name, paths, position: at });
const axis = (p: Parameter, values: (string | number)[]): Axis => ({ parameters: [p], values: values.map((v) => [v]) });

describe('grid expansion', () => {
  const nodes = axis(param('nodes', ['nodePools.worker.count']), [4, 8]);
  const zipped: Axis = {
    parameters: [param('cpu', ['nodePools.worker.allocatable.cpu']), param('memory', ['nodePools.worker.allocatable.memory'])],
    values: [
      ['2', '8Gi'],
      ['4', '16Gi'],
    ],
  };

  it('is the product of the axes, the last varying fastest; zipped parameters move together', () => {
    expect(gridPoints([nodes, zipped]).map((p) => p.id)).toEqual([
      'nodes=4/cpu=2/memory=8Gi',
      'nodes=4/cpu=4/memory=16Gi',
      'nodes=8/cpu=2/memory=8Gi',
      'nodes=8/cpu=4/memory=16Gi',
    ]);
  });

  it('runs take every seed of a grid point in turn; their ids are their folders', () => {
    const runs = planRuns({ axes: [nodes], seeds: [3, 1] });
    expect(runs.map((r) => [r.index, r.id])).toEqual([
      [0, 'nodes=4/seed=3'],
      [1, 'nodes=4/seed=1'],
      [2, 'nodes=8/seed=3'],
      [3, 'nodes=8/seed=1'],
    ]);
  });

  it('an empty grid is one point: the scenario as written, with each seed', () => {
    expect(planRuns({ axes: [], seeds: [1, 2] }).map((r) => r.id)).toEqual(['seed=1', 'seed=2']);
  });

  it('a value goes to every path of its parameter, strings as JSON so YAML keeps them strings', () => {
    const perZone: Axis = axis(param('per_zone', ['nodePools.a.count', 'nodePools.b.count']), [3]);
    const label: Axis = axis(param('tier', []), ['true']);
    const [p] = gridPoints([perZone, label]);
    expect(pointOverrides(p!)).toEqual([
      { flag: 'grid:per_zone=3|nodePools.a.count', path: 'nodePools.a.count', value: '3' },
      { flag: 'grid:per_zone=3|nodePools.b.count', path: 'nodePools.b.count', value: '3' },
    ]);
    expect(pointOverrides(gridPoints([axis(param('zone', ['events.0.crash.zone']), ['true'])])[0]!)[0]!.value).toBe('"true"');
  });

  it('folder names escape what a path cannot hold, as Hive does', () => {
    expect(hiveEscape('8Gi')).toBe('8Gi');
    expect(hiveEscape('a/b c=d')).toBe('a%2Fb%20c%3Dd');
    expect(hiveEscape('zoné')).toBe('zon%C3%A9');
  });
});
