import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../../src/io/load-scenario.js';
import { validateFiles } from '../../src/io/validate.js';
import { loadSweep } from '../../src/sweep/load-sweep.js';
import { ROOT, tempDir } from '../cli/run-cli.js';

const JOB = path.join(ROOT, 'deploy/sweep-job.yaml');
const MERGE = path.join(ROOT, 'deploy/sweep-merge-job.yaml');

/** The flag's value in an args list. */
const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];

describe('deploy/sweep-job.yaml, read by podsim itself', () => {
  it('is a valid Kubernetes Job (and PVC) as podsim validate reads it: no errors', () => {
    const ds = validateFiles([JOB, MERGE]);
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is an Indexed Job whose completions are the --shards its pods pass, all writing one shared volume that merge reads', () => {
    const dir = tempDir();
    const scenario = path.join(dir, 's.yml');
    fs.writeFileSync(scenario, `apiVersion: podsim.io/v1alpha1\nkind: Scenario\nspec:\n  duration: 1m\n  include: [${JOB}]\n`);
    const { scenario: loaded, diagnostics } = loadScenario(scenario);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const job = loaded!.objects.find((o) => o.kind === 'Job');
    expect(job?.kind).toBe('Job');
    if (job?.kind !== 'Job') return;
    expect(job.spec.completionMode).toBe('Indexed');
    const [container] = job.spec.template.spec.containers;
    const docs = fs.readFileSync(JOB, 'utf8').split(/^---$/m).map((d) => parse(d));
    const args: string[] = docs[1].spec.template.spec.containers[0].args;
    expect(container?.name).toBe('sweep');
    expect(args.slice(0, 1)).toEqual(['sweep']);
    expect(flag(args, '--shard')).toBe('auto');
    expect(Number(flag(args, '--shards'))).toBe(job.spec.completions);
    expect(job.spec.parallelism).toBe(job.spec.completions);
    expect(args).toContain('--resume');
    // the Sweep it runs is in the image (scenarios/ is copied by the Dockerfile) and loads
    expect(loadSweep(path.join(ROOT, args[1]!)).diagnostics).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^COPY scenarios scenarios$/m);
    // one volume: the PVC the file defines, mounted where --out points; merge reads the same folder
    expect(docs[0].metadata.name).toBe(docs[1].spec.template.spec.volumes[0].persistentVolumeClaim.claimName);
    expect(docs[0].spec.accessModes).toEqual(['ReadWriteMany']);
    expect(flag(args, '--out')).toMatch(new RegExp(`^${docs[1].spec.template.spec.containers[0].volumeMounts[0].mountPath}/`));
    const merge = parse(fs.readFileSync(MERGE, 'utf8'));
    expect(merge.spec.template.spec.containers[0].args).toEqual(['merge', flag(args, '--out')]);
  });
});
