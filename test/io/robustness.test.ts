import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/io/load-scenario.js';
import { fixture, memoryFs } from './helpers.js';

const full = readFileSync(fixture('full.yml'), 'utf8');
const exportText = readFileSync(fixture('kubectl-export.yml'), 'utf8');
const manifests = {
  'manifests/web.yml': readFileSync(fixture('manifests/web.yml'), 'utf8'),
  'manifests/batch.yml': readFileSync(fixture('manifests/batch.yml'), 'utf8'),
};

/** Loads `text` as s.yml (with the fixture's manifests available) and checks the result's contract. */
function loadsCleanly(text: string, set: string[] = []): void {
  const fs = memoryFs({ 's.yml': text, ...manifests });
  const { scenario, diagnostics } = loadScenario('s.yml', { fs, set });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(scenario === undefined).toBe(errors.length > 0);
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
  }
}

/** The text with one line removed, duplicated or cut short. */
const mutated = (text: string) => {
  const lines = text.split('\n');
  return fc.tuple(fc.nat(lines.length - 1), fc.constantFrom('drop', 'dup', 'cut', 'indent'), fc.nat(40)).map(([i, how, n]) => {
    const copy = [...lines];
    const line = copy[i] ?? '';
    if (how === 'drop') copy.splice(i, 1);
    if (how === 'dup') copy.splice(i, 0, line);
    if (how === 'cut') copy[i] = line.slice(0, n % (line.length + 1));
    if (how === 'indent') copy[i] = ` ${line}`;
    return copy.join('\n');
  });
};

describe('no input makes the loader throw', () => {
  test('mutations of a full scenario load or report, never throw', () => {
    fc.assert(fc.property(mutated(full), (text) => loadsCleanly(text)), { numRuns: 80 });
  });

  test('mutations of a kubectl export load or report, never throw', () => {
    fc.assert(fc.property(mutated(exportText), (text) => loadsCleanly(text)), { numRuns: 60 });
  });

  test('arbitrary text and arbitrary --set arguments load or report, never throw', () => {
    fc.assert(fc.property(fc.string(), (text) => loadsCleanly(text)), { numRuns: 60 });
    const paths = fc.constantFrom('seed', 'duration', 'nodePools.worker', 'nodePools.worker.labels.a.b', 'registry', 'events.0', 'events.0.crash.nodes.0', 'kubelet.restartBackoff', 'include', 'x');
    fc.assert(fc.property(paths, fc.string(), (path, value) => loadsCleanly(full, [`${path}=${value}`])), { numRuns: 80 });
  });
});
