import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCALE_DIR, scaleScenarioFiles } from '../../bench/e2e/write-scenarios.js';
import { loadScenario } from '../../src/io/load-scenario.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const files = scaleScenarioFiles();

describe('scenarios/scale/', () => {
  it('holds exactly what bench/e2e/shapes.ts writes (bench/e2e/write-scenarios.ts)', () => {
    const committed = fs.readdirSync(path.join(ROOT, SCALE_DIR)).filter((f) => f.endsWith('.yml')).sort();
    expect(committed).toEqual(Object.keys(files).sort());
    for (const [name, text] of Object.entries(files)) expect(fs.readFileSync(path.join(ROOT, SCALE_DIR, name), 'utf8'), name).toBe(text);
  });

  it.each(Object.keys(files).filter((f) => f.endsWith('-1000.yml') || f.startsWith('million')))('%s loads without a problem', (name) => {
    const { scenario, diagnostics } = loadScenario(path.join(ROOT, SCALE_DIR, name), { set: [] });
    expect(diagnostics).toEqual([]);
    expect(scenario?.durationMs).toBe(30 * 60_000);
  });
});
