import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cluster, MAX_NAME_GENERATION_ATTEMPTS } from '../../src/api/cluster.js';
import { Engine } from '../../src/engine/engine.js';
import type { PodTemplate } from '../../src/model/scenario.js';
import { SimAdmission } from '../../src/sim/admission.js';
import { folderWith, run } from '../reliability/files.js';
import { testContainer, testPodSpec } from '../support/objects.js';

/** A names stream that draws these values in turn (each name takes 5), then 0.5 for ever. */
function scripted(values: readonly number[]): () => number {
  let i = 0;
  return () => values[i++] ?? 0.5;
}

function cluster(names: () => number) {
  const c = new Cluster(new Engine());
  c.setAdmission(new SimAdmission(c, { rules: [], defaultTolerationSeconds: 300, names }));
  const template: PodTemplate = { labels: {}, annotations: {}, spec: testPodSpec({ containers: [testContainer('c', 'busybox:1.36')] }) };
  const submit = () => c.submitPod({ namespace: 'default', generateName: 'p-', ownerReferences: [], template })?.metadata.name;
  return { c, submit };
}

describe('generateName, as the API server names pods', () => {
  it('a generated name that is taken is generated again from the same stream', () => {
    // the second pod's first name draws the same five values as the first pod's
    const { submit } = cluster(scripted([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.99, 0.99, 0.99, 0.99, 0.99]));
    expect([submit(), submit()]).toEqual(['p-bbbbb', 'p-99999']);
  });

  it(`gives up after ${MAX_NAME_GENERATION_ATTEMPTS} names, as createWithGenerateNameRetry does`, () => {
    let draws = 0;
    const { submit } = cluster(() => (draws++, 0));
    expect(submit()).toBe('p-bbbbb');
    draws = 0;
    expect(submit()).toBeUndefined();
    expect(draws).toBe(5 * MAX_NAME_GENERATION_ATTEMPTS);
  });
});

const MANY = (n: number) => `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: names}
spec:
  seed: 26
  duration: 1s
---
apiVersion: v1
kind: List
items:
${Array.from({ length: n }, () => '- {apiVersion: v1, kind: Pod, metadata: {generateName: p-}, spec: {containers: [{name: c, image: busybox:1.36}]}}').join('\n')}
`;

describe('bare pods with generateName', () => {
  it('all get a pod of their own, though the seeded stream repeats a name (at the 828th with seed 26)', async () => {
    const cwd = folderWith({ 's.yml': MANY(828) });
    const r = await run(cwd, { scenario: 's.yml', out: 'out' });
    expect(r.stderr).not.toMatch(/already exists|unique name/);
    expect(r.code).toBe(0);
    const names = fs.readFileSync(path.join(cwd, 'out', 'pods.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(names).toHaveLength(828);
    expect(new Set(names).size).toBe(828);
  });
});
