import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/io/load-scenario.js';
import { lines, memoryFs } from './helpers.js';

const scenario = (run: string) =>
  `apiVersion: podsim.io/v1alpha1\nkind: Scenario\nspec:\n  behaviors:\n    - match: {labels: {app: web}}\n      run:\n        duration: ${run}\n`;

function load(run: string): string[] {
  return lines(loadScenario('s.yml', { fs: memoryFs({ 's.yml': scenario(run) }) }).diagnostics);
}

describe('a distribution written without `distribution:` is answered with its shape', () => {
  test.each([
    ['{lognormal: {median: 2m, sigma: 0.5}}', '{distribution: lognormal, median: 2m, sigma: 0.5}'],
    ['{uniform: {min: 1s, max: 2s}}', '{distribution: uniform, min: 10s, max: 1m}'],
    ['{median: 2m}', '{distribution: lognormal, median: 2m, sigma: 0.5}'],
  ])('%s', (run, shape) => {
    expect(load(run)).toContainEqual(
      `s.yml:7:9: error: spec.behaviors[0].run.duration.distribution: Required value: one of "constant", "uniform", "exponential", "lognormal", "normal", written as ${shape}`,
    );
  });
});
