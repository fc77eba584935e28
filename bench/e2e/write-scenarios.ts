/**
 * Writes scenarios/scale/<shape>-<nodes>.yml for every shape and size of
 * shapes.ts: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/e2e/write-scenarios.js`
 * from the repository's root. test/bench/scale-scenarios.test.ts checks that
 * the committed files are what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SHAPES } from './shapes.js';

export const SCALE_DIR = path.join('scenarios', 'scale');

export function scaleScenarioFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const s of SHAPES) for (const n of s.sizes) files[`${s.name}-${n}.yml`] = s.scenario(n);
  return files;
}

function main(): void {
  mkdirSync(SCALE_DIR, { recursive: true });
  for (const [name, text] of Object.entries(scaleScenarioFiles())) writeFileSync(path.join(SCALE_DIR, name), text);
}

if (process.argv[1]?.endsWith('write-scenarios.js')) main();
