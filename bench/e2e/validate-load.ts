/**
 * The scenario loader at scale: `podsim validate` of one file holding a
 * Scenario document and `pods` small Pod documents (the shape issue 13
 * measures: 100,000 Pods, 17.5 MB), in its own process as a user runs it.
 * Wall time only (the loader is single-threaded; the process start is in it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ValidateFigures {
  readonly pods: number;
  readonly bytes: number;
  /** Median of the repetitions. */
  readonly wallS: number;
}

/** The file: a Scenario with a pool for the pods, then one Pod document each. */
export function validateScenario(pods: number): string {
  const head = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: big}
spec:
  duration: 1m
  nodePools: [{name: w, count: ${Math.max(1, Math.ceil(pods / 100))}, allocatable: {cpu: "64", memory: 256Gi, pods: 110}}]
`;
  const docs = [head];
  for (let i = 0; i < pods; i++) {
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, labels: {app: web}}\nspec:\n  containers: [{name: c, image: nginx:1.25, resources: {requests: {cpu: 100m, memory: 64Mi}}}]\n`,
    );
  }
  return docs.join('---\n');
}

/** `podsim validate` of `validateScenario(pods)`, `reps` times; throws unless the file is valid. */
export function measureValidate(bin: string, pods: number, reps: number): ValidateFigures {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'podsim-validate-'));
  try {
    const file = path.join(dir, `pods-${pods}.yml`);
    const text = validateScenario(pods);
    writeFileSync(file, text);
    const walls: number[] = [];
    for (let i = 0; i < reps; i++) {
      const start = performance.now();
      const r = spawnSync(process.execPath, [bin, 'validate', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      walls.push((performance.now() - start) / 1000);
      if (r.status !== 0) throw new Error(`podsim validate of ${pods} Pods exited ${r.status ?? r.signal}: ${r.stderr}`);
    }
    walls.sort((a, b) => a - b);
    return { pods, bytes: Buffer.byteLength(text), wallS: walls[Math.floor((walls.length - 1) / 2)] ?? NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
