import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/cli/explain.js';
import { testContext } from '../support/context.js';

/** A pod created with two scheduling gates, one removed at 10 s, the last at 20 s. */
const SCENARIO = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: gated}
spec:
  duration: 1m
  nodePools: [{name: w, count: 1, allocatable: {cpu: "1", memory: 4Gi}, images: [busybox:1.36]}]
  events:
    - at: 10s
      removeSchedulingGates: {name: p, gates: [example.com/a]}
    - at: 20s
      removeSchedulingGates: {name: p}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  schedulingGates: [{name: example.com/a}, {name: example.com/b}]
  containers: [{name: c, image: busybox:1.36}]
`;

async function explain(at?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-explain-'));
  fs.writeFileSync(path.join(dir, 'scenario.yml'), SCENARIO);
  const ctx = testContext(dir);
  const code = await explainCommand({ scenario: 'scenario.yml', pod: 'default/p', ...(at ? { at } : {}) }, ctx);
  return { code, out: ctx.out.join('') };
}

describe('podsim explain of a gated pod', () => {
  it('names its gates and says when they went', async () => {
    const before = await explain('15s');
    expect(before.out).toContain('No scheduling attempt.');
    expect(before.out).toMatch(/0\.000s  created \(Pending, SchedulingGated: example\.com\/a, example\.com\/b\)/);
    expect(before.out).toMatch(/10\.000s  scheduling gates left: example\.com\/b/);
    const after = await explain();
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/20\.000s  scheduling gates removed: enters the scheduling queue\n\s+20\.000s  bound to w-0/);
    expect(after.out).toContain('Attempt 1 at 20.000s: Scheduled to w-0');
  });
});
