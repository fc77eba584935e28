import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { folderWith, run } from './files.js';

/**
 * Real manifests: test/fixtures/kubectl-export/cluster.yml is what
 * `kubectl get deploy,rs,pods,nodes -A -o yaml` prints for a three-node kind
 * cluster, kept as exported (managedFields, status, probes, service-account
 * volumes, static and DaemonSet pods whose owners were not exported, pods
 * listed before nodes). scenario.yml runs it for 10 minutes and removes
 * kind-worker2 at 2 minutes.
 */
const DIR = path.join(ROOT, 'test/fixtures/kubectl-export');
const CLUSTER = 'test/fixtures/kubectl-export/cluster.yml';

interface PodRow {
  readonly name: string;
  readonly owner: string;
  readonly node: string;
  readonly created: number;
  readonly deleted: string;
  readonly phase: string;
}

function pods(dir: string): PodRow[] {
  const [, ...rows] = fs.readFileSync(path.join(dir, 'pods.csv'), 'utf8').trimEnd().split('\n');
  return rows.map((r) => {
    const c = r.split(',');
    return { name: c[1]!, owner: `${c[2]}/${c[3]}`, node: c[4]!, created: Number(c[5]), deleted: c[9]!, phase: c[10]! };
  });
}

async function runExport(): Promise<{ code: number; stderr: string; out: string }> {
  const cwd = folderWith({});
  const r = await run(ROOT, { scenario: path.join(DIR, 'scenario.yml'), out: path.join(cwd, 'out'), check: true });
  return { code: r.code, stderr: r.stderr, out: path.join(cwd, 'out') };
}

describe('a kubectl export of a real cluster', () => {
  it('runs, saying once per kind of thing what podsim ignores, and breaks no invariant', async () => {
    const r = await runExport();
    expect(r.stderr).toBe(
      [
        `${CLUSTER}:60:11: warning: liveness probes are not simulated: containers are never restarted for failing one (7 containers; the first is here)`,
        `${CLUSTER}:69:11: warning: readiness probes are not simulated: containers are Ready as soon as they start (6 containers; the first is here)`,
        `${CLUSTER}:96:3: warning: the status of exported objects is ignored: pods and workloads start from their spec at t=0 (an exported Running pod starts again) (10 objects; the first is here)`,
        `${CLUSTER}:1275:7: warning: Node conditions are ignored: a node exported not Ready starts Ready (1 node; the first is here)`,
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const rows = pods(r.out);
    // Every exported pod starts on the node it was exported on.
    for (const name of ['web-7d4b9c8f6-x2k9p', 'web-7d4b9c8f6-r8t2w', 'kube-apiserver-kind-control-plane', 'kube-proxy-h2n9q']) {
      expect(rows.find((p) => p.name === name), name).toMatchObject({ created: 0, phase: 'Running' });
    }
    // Pods on the removed node are collected as orphans (PodGC), the rest keep running.
    const onWorker2 = rows.filter((p) => p.node === 'kind-worker2');
    expect(onWorker2.length).toBeGreaterThan(0);
    for (const p of onWorker2) expect(p.phase, p.name).toBe('Failed');
  });

  it('keeps the Deployment at its 3 replicas through its exported ReplicaSet: exported uids link owners and dependents', async () => {
    const r = await runExport();
    const web = pods(r.out).filter((p) => p.name.startsWith('web-'));
    // One ReplicaSet, the exported one: no second ReplicaSet beside it.
    expect(new Set(web.map((p) => p.owner))).toEqual(new Set(['ReplicaSet/web-7d4b9c8f6']));
    // The two pods on kind-worker were exported and kept; the one on the removed kind-worker2 was replaced once.
    expect(web.filter((p) => p.created === 0)).toHaveLength(3);
    expect(web.filter((p) => p.phase === 'Running')).toHaveLength(3);
  });
});
