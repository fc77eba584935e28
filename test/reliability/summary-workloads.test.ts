import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO, folderWith, run } from './files.js';

describe('summary.json workloads', () => {
  it('a Deployment scaled to 0 is never below what it wants (it counted its whole life as a shortfall)', async () => {
    const deployment = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: idle}
spec:
  replicas: 0
  selector: {matchLabels: {app: idle}}
  template:
    metadata: {labels: {app: idle}}
    spec: {containers: [{name: c, image: busybox:1.36}]}
`;
    const dir = folderWith({ 's.yml': SCENARIO('  duration: 10m\n  nodePools: [{name: w, count: 1, allocatable: {cpu: "1", memory: 1Gi}}]\n') + deployment });
    expect((await run(dir, { scenario: 's.yml', check: true })).code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'results/s/summary.json'), 'utf8'));
    expect(summary.workloads.idle).toEqual({ kind: 'Deployment', desired: 0, min_available: 0, time_below_desired_s: 0 });
  });
});
