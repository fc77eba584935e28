import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/load-scenario.js';
import { parseQuantity, formatQuantity, resourceAmount } from '../../src/model/quantity.js';
import { folderWith, run } from './files.js';
import { randomScenario } from './random-scenario.js';

const TRACE = ['events.csv', 'nodes.csv', 'pods.csv', 'summary.json', 'transitions.csv', 'workloads.csv'];
const read = (dir: string) => Object.fromEntries(TRACE.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

/**
 * Random clusters, workloads and fault timelines through `podsim run
 * --check`. Seeds are fixed so a failure reproduces (fast-check prints the
 * shrunk scenario); change them to explore. (The scheduler's agreement with
 * its reference implementation is test/scheduler-reference/agreement.test.ts;
 * quantity parse/format round trips at the model level are in test/model.)
 */
describe('random scenarios', () => {
  it('break no invariant, and the same seed gives byte-identical traces', async () => {
    await fc.assert(
      fc.asyncProperty(randomScenario, async ({ text, files }) => {
        const cwd = folderWith({ 's.yml': text, ...files });
        const first = await run(cwd, { scenario: 's.yml', out: 'a', check: true, maxEvents: 200_000 });
        const context = `\n--- scenario:\n${text}\n--- stderr:\n${first.stderr}`;
        expect(first.stderr, context).not.toMatch(/invariant violated|error:/);
        expect(first.code, context).toBe(0);
        const second = await run(cwd, { scenario: 's.yml', out: 'b' });
        expect(second.code).toBe(0);
        expect(read(path.join(cwd, 'b')), context).toEqual(read(path.join(cwd, 'a')));
        fs.rmSync(cwd, { recursive: true, force: true });
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});

/** A quantity as users write it: sign, digits, fraction, a suffix or an exponent. */
const quantityText = fc
  .tuple(
    fc.stringMatching(/^[1-9][0-9]{0,5}$/),
    fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: undefined }),
    fc.constantFrom('', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'e3', 'E2', 'e-3'),
  )
  .map(([int, frac, suffix]) => `${int}${frac !== undefined ? `.${frac}` : ''}${suffix}`);

/** A node with `cpu` and `memory` written as YAML scalars (quoted or plain), loaded. */
function allocatable(cpu: string, memory: string): Record<string, number> | undefined {
  const text = `apiVersion: podsim.io/v1alpha1\nkind: Scenario\nspec:\n  duration: 1m\n  nodePools: [{name: w, count: 1, allocatable: {cpu: ${cpu}, memory: ${memory}}}]\n`;
  const fs = { read: (p: string) => ({ ok: true as const, file: { path: p, bytes: new TextEncoder().encode(text), text } }) };
  const { scenario } = loadScenario('s.yml', { fs });
  const node = scenario?.objects[0];
  return node?.kind === 'Node' ? { ...node.allocatable } : undefined;
}

describe('quantities through the loader', () => {
  it('plain, quoted and canonical forms of a quantity load to the same amount, the one the model computes', () => {
    fc.assert(
      fc.property(quantityText, quantityText, (cpu, memory) => {
        const q = { cpu: parseQuantity(cpu), memory: parseQuantity(memory) };
        if (!q.cpu.ok || !q.memory.ok) return;
        const expected = { cpu: resourceAmount('cpu', q.cpu.value), memory: resourceAmount('memory', q.memory.value), pods: 110 };
        expect(allocatable(cpu, memory)).toEqual(expected);
        expect(allocatable(`"${cpu}"`, `"${memory}"`)).toEqual(expected);
        expect(allocatable(formatQuantity(q.cpu.value), formatQuantity(q.memory.value))).toEqual(expected);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
