import { describe, expect, it } from 'vitest';
import { Played } from '../support/play.js';

/*
 * metadata.generateName on a workload (kubectl create): the API server
 * names it `<generateName><5 random characters>` when it is created; each
 * creation (an arrival, an apply event) makes a new object.
 */
const JOB = `apiVersion: batch/v1
kind: Job
metadata: {generateName: pi-}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: busybox:1.36}]
`;

describe('Jobs with generateName', () => {
  const scenario = `metadata: {name: t}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]
  behaviors: [{match: {container: pi}, run: 5s}]
---
${JOB}---
${JOB}`;

  it('are created with generated names, one object each, and run to completion', () => {
    const p = new Played(scenario).runTo(120);
    const names = [...p.sim.cluster.workloads()].map((j) => j.metadata.name);
    expect(names).toHaveLength(2);
    for (const n of names) expect(n).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(new Set(names).size).toBe(2);
    for (const n of names) {
      const job = p.workload(n);
      expect(job.kind === 'Job' && job.status.conditions.map((c) => c.type)).toContain('Complete');
    }
    // Each Job's pod is named after it.
    for (const pod of p.pods()) expect(names.some((n) => pod.metadata.name.startsWith(`${n}-`))).toBe(true);
  });
});

describe('an Indexed Job with generateName', () => {
  it('is validated with a name of the generated length (the API server names it before validating)', () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {generateName: idx-}
spec:
  completions: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: busybox:1.36}]
`;
    const p = new Played(`metadata: {name: t}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]
  behaviors: [{match: {container: pi}, run: 5s}]
---
${job}`).runTo(60);
    const pods = p.pods().map((x) => x.metadata.name);
    expect(pods).toHaveLength(3);
    for (const [i, n] of pods.entries()) expect(n).toMatch(new RegExp(`^idx-[a-z0-9]{5}-${i}-[a-z0-9]{5}$`));
  });
});
