import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { run, tree } from './files.js';

/**
 * What `podsim run --check` must do with any input, however broken: exit 2
 * with positioned diagnostics only and nothing written; or exit 0 with a
 * complete trace; or exit 1 with a complete trace marked incomplete (the
 * run hit --max-events, or without a duration only retried). Never an
 * exception or a stack trace, never a broken invariant, never a partial
 * folder, never a line of output longer than MAX_LINE (long values are cut).
 *
 * PODSIM_FUZZ_RUNS=N runs N cases per property instead of the CI default
 * (PODSIM_FUZZ_SEED=S changes the seeds); fast-check prints the seed and the
 * shrunk input of a failure.
 */
export const FUZZ_RUNS = Number(process.env['PODSIM_FUZZ_RUNS'] ?? '') || undefined;
const FUZZ_SEED = Number(process.env['PODSIM_FUZZ_SEED'] ?? '') || 0;

/** fast-check parameters: `runs` cases (PODSIM_FUZZ_RUNS when set) from seed `seed` (offset by PODSIM_FUZZ_SEED). */
export function fuzzParameters(runs: number, seed: number): { numRuns: number; seed: number } {
  return { numRuns: FUZZ_RUNS ?? runs, seed: seed + FUZZ_SEED };
}

/** A test timeout for `runs` cases of up to `msEach` each, never below vitest's default. */
export function fuzzTimeout(runs: number, msEach = 400): number {
  return Math.max(30_000, (FUZZ_RUNS ?? runs) * msEach);
}

const TRACE = ['events.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.json', 'transitions.csv', 'workloads.csv'];
const DIAGNOSTIC = /^(\S.*?):(\d+):(\d+): (error|warning): \S/;
/** What else a run that wrote its trace may print on stderr: run-time warnings and the reason it stopped. */
const RUN_LINE = /^(warning: t=\d+\.\d{3}s: |error: run )/;
const MAX_LINE = 1000;

/** Writes `files` (text or bytes) into a fresh folder. */
function folderOf(files: Readonly<Record<string, string | Uint8Array>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-fuzz-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function shown(content: string | Uint8Array): string {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('latin1');
  return text.length > 4000 ? `${text.slice(0, 4000)}… (${text.length} characters)` : text;
}

/**
 * Runs `main` of `files` with `set` overrides in-process and checks the
 * contract above. Returns the exit code.
 */
export async function checkContract(files: Readonly<Record<string, string | Uint8Array>>, main: string, set: readonly string[] = []): Promise<number> {
  const cwd = folderOf(files);
  let r: Awaited<ReturnType<typeof run>>;
  try {
    r = await run(cwd, { scenario: main, out: 'out', check: true, maxEvents: 100_000, set });
  } catch (e) {
    throw new Error(`podsim threw on this input (set ${JSON.stringify(set)}):\n${shown(files[main]!)}\n---\n${e instanceof Error ? e.stack : String(e)}`);
  }
  const context = `\n--- set: ${JSON.stringify(set)}\n--- ${main}:\n${shown(files[main]!)}\n--- stderr:\n${shown(r.stderr)}`;
  expect(r.stderr, context).not.toMatch(/^\s+at /m);
  expect(r.stderr, context).not.toMatch(/invariant violated/);
  expect([0, 1, 2], context).toContain(r.code);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  for (const l of [...lines, ...r.stdout.split('\n')]) expect(l.length, `a line of ${l.length} characters${context}`).toBeLessThanOrEqual(MAX_LINE);
  const written = tree(cwd).filter((f) => !Object.hasOwn(files, f) && !Object.keys(files).some((k) => k.startsWith(`${f}/`)));
  if (r.code === 2) {
    expect(r.stdout, context).toBe('');
    expect(written, context).toEqual([]);
    expect(lines.length, context).toBeGreaterThan(0);
    for (const l of lines) {
      const m = DIAGNOSTIC.exec(l);
      expect(m, `${l}${context}`).not.toBeNull();
      expect(Number(m![2])).toBeGreaterThanOrEqual(1);
      expect(Number(m![3])).toBeGreaterThanOrEqual(1);
    }
  } else {
    expect(written, context).toEqual(['out', ...TRACE.map((f) => `out/${f}`)]);
    const status = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8')).status;
    expect(status, context).toBe(r.code === 0 ? 'complete' : 'incomplete');
    for (const l of lines) expect(DIAGNOSTIC.test(l) || RUN_LINE.test(l), `${l}${context}`).toBe(true);
  }
  fs.rmSync(cwd, { recursive: true, force: true });
  return r.code;
}
