import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, podsim, tempDir } from '../cli/run-cli.js';

/*
 * Real StatefulSet manifests, loaded through the built `podsim` binary (run
 * `npm run build` first), copied verbatim into
 * test/fixtures/real-manifests/statefulset/ from kubernetes/website
 * (https://github.com/kubernetes/website, licence CC BY 4.0, as its LICENSE file states):
 * - web.yaml: content/en/examples/application/web/web.yaml (commit 10d228cf)
 * - zookeeper.yaml: content/en/examples/application/zookeeper/zookeeper.yaml (commit 5e84d3b4)
 * - cassandra-statefulset.yaml: content/en/examples/application/cassandra/cassandra-statefulset.yaml (commit 3389c10e)
 * scenario.yml (ours) applies all three at t=0 on three nodes.
 */
const DIR = path.join(ROOT, 'test/fixtures/real-manifests/statefulset');

describe('real StatefulSet manifests', () => {
  it('validate: valid, with one warning for the claims podsim does not model', () => {
    for (const file of ['web.yaml', 'zookeeper.yaml', 'cassandra-statefulset.yaml', 'scenario.yml']) {
      const r = podsim(['validate', file], DIR);
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
      expect(r.stderr).not.toContain('error');
      expect(r.stderr.match(/volumeClaimTemplates are not simulated/g)).toHaveLength(1);
    }
    const all = podsim(['validate', 'scenario.yml'], DIR);
    expect(all.stderr).toContain(
      'web.yaml:39:3: warning: StatefulSet volumeClaimTemplates are not simulated: no PersistentVolumeClaims are made; pods start as if their claims were bound (3 objects; the first is here)',
    );
  });

  it('run --check: each set starts its replicas in order, every pod Running, no invariant broken', () => {
    const out = tempDir();
    const r = podsim(['run', path.join(DIR, 'scenario.yml'), '--out', out, '--check'], ROOT);
    expect(r.code, r.stderr).toBe(0);
    const events = fs.readFileSync(path.join(out, 'events.csv'), 'utf8').split('\n').filter((l) => l.includes(',StatefulSet,'));
    // Each pod is Running and Ready 3.5 s after it is created (its image pulled in 2.5 s, started in 1 s),
    // and the next ordinal is created then: web has 2 replicas, zk and cassandra 3.
    expect(events.map((l) => `${l.split(',')[0]} ${l.split(',').at(-1)}`)).toEqual([
      '0.000 create Pod web-0 in StatefulSet web successful',
      '0.000 create Pod zk-0 in StatefulSet zk successful',
      '0.000 create Pod cassandra-0 in StatefulSet cassandra successful',
      '3.500 create Pod web-1 in StatefulSet web successful',
      '3.500 create Pod zk-1 in StatefulSet zk successful',
      '3.500 create Pod cassandra-1 in StatefulSet cassandra successful',
      '7.000 create Pod zk-2 in StatefulSet zk successful',
      '7.000 create Pod cassandra-2 in StatefulSet cassandra successful',
    ]);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.pods).toMatchObject({ total: 8, Running: 8 });
    expect(summary.workloads).toMatchObject({
      web: { kind: 'StatefulSet', desired: 2, min_available: 2 },
      zk: { kind: 'StatefulSet', desired: 3, min_available: 3 },
      cassandra: { kind: 'StatefulSet', desired: 3, min_available: 3 },
    });
  });
});
