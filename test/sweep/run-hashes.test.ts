import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRuns } from '../../src/sweep/grid.js';
import { loadSweep } from '../../src/sweep/load-sweep.js';
import { runScenarioHasher, runScenarioSha256 } from '../../src/sweep/plan.js';
import { ROOT } from '../cli/run-cli.js';

describe('runScenarioHasher', () => {
  for (const file of ['tiny-sweep.yml', 'crn-sweep.yml']) {
    it(`gives every run of ${file} the hash loading the scenario with its overrides gives, loading once per grid point`, () => {
      const { sweep } = loadSweep(path.join(ROOT, 'test/fixtures/sweeps', file));
      const runs = planRuns(sweep!);
      const hasher = runScenarioHasher(sweep!);
      const hashes = runs.map((r) => hasher(r));
      expect(hashes).toEqual(runs.map((r) => runScenarioSha256(sweep!, r)));
      // Every run its own hash (its seed and point are in it).
      expect(new Set(hashes).size).toBe(runs.length);
      expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h ?? ''))).toBe(true);
    });
  }
});
