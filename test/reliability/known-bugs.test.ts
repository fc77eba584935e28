import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, run } from './files.js';

/**
 * Bugs the invariant checker found in components this area does not own,
 * each as the smallest scenario that shows it. `it.fails`: the test passes
 * while the bug is there; once fixed it fails, and should become a plain `it`.
 */
const ROLL_AND_SCALE_DOWN = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: roll}
spec:
  duration: 30s
  nodePools: [{name: a, count: 1, allocatable: {cpu: "1", memory: 1Gi}, images: [busybox:1.36]}]
  controlPlane: {apiLatency: 200ms}
  events:
    - at: 1s
      scale: {kind: Deployment, name: web, replicas: 2}
    - at: 6s
      apply: {file: v2.yml}
---
`;
const WEB = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "${image}", resources: {requests: {cpu: 100m}}}]
`;

describe('fixed, kept as regressions: the Deployment controller', () => {
  it(
    'Deployment controller: a rollout applied together with a scale-down (replicas 2 -> 1, maxSurge 0) scales the old ReplicaSet back up to 2 before scaling it to 0 (cleanupUnhealthyReplicas took status available 2 > spec 1 as a negative scale-down; upstream refuses it)',
    async () => {
      const cwd = folderWith({ 's.yml': ROLL_AND_SCALE_DOWN + WEB('nginx:1.25'), 'v2.yml': WEB('nginx:1.26') });
      const r = await run(cwd, { scenario: 's.yml', check: true });
      expect(r.stderr).not.toMatch(/invariant violated/);
    },
  );
});

const BOUND_BY_MANIFEST = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: admission}
spec:
  duration: 1m
  nodePools: [{name: n, count: 1, allocatable: {cpu: "1", memory: 1Gi}, images: [busybox:1.36]}]
---
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  nodeName: n-0
  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 600m}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  nodeName: n-0
  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 600m}}}]
`;

describe('fixed, kept as regressions: the kubelet', () => {
  it(
    'kubelet admission: a pod bound by its manifest to a node without room is rejected (Failed, OutOfcpu, "Pod was rejected: Node didn\'t have enough resource: cpu, requested: 600, used: 600, capacity: 1000"), not run beside the others',
    async () => {
      const cwd = folderWith({ 's.yml': BOUND_BY_MANIFEST });
      const r = await run(cwd, { scenario: 's.yml', check: true });
      expect(r.stderr).not.toMatch(/invariant violated/);
    },
  );
});

const DELETED_WHILE_DOWN = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: deleted-while-down}
spec:
  duration: 10m
  nodePools: [{name: n, count: 2, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]
  events:
    - {at: 1s, crash: {nodes: [n-0]}, for: 2m}
    - {at: 10s, apply: {file: web.yml}}
---
`;
const WEB_NO_PATIENCE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 6
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      tolerations:
        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 0}
      containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]
`;

describe('fixed, kept as regressions: a deleted pod never starts', () => {
  it(
    'pods bound to a node that crashed (before it was seen lost) and deleted by taint eviction (tolerationSeconds 0) are not started when it comes back: 6 Running for 6 replicas, not 9, and --check is clean',
    async () => {
      const cwd = folderWith({ 's.yml': DELETED_WHILE_DOWN, 'web.yml': WEB_NO_PATIENCE });
      const r = await run(cwd, { scenario: 's.yml', out: 'out', check: true });
      expect(r.stderr).not.toMatch(/invariant violated/);
      expect(r.code).toBe(0);
      const rows = fs.readFileSync(path.join(cwd, 'out', 'pods.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
      // node, running_s, deleted_s, final_phase, reason
      const pick = (row: string[]) => [row[4], row[7], row[9], row[10], row[11]].join(' ');
      expect(rows.filter((row) => row[10] === 'Running')).toHaveLength(6);
      expect(rows.filter((row) => row[9] !== '').map(pick)).toEqual(Array(3).fill('n-0  60.000 Failed ContainerStatusUnknown'));
    },
  );
});

const APPLIED_WHILE_PARTITIONED = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: partitioned-overcommit}
spec:
  duration: 5m
  nodePools: [{name: n, count: 1, allocatable: {cpu: "1", memory: 1Gi}, images: [busybox:1.36]}]
  events:
    - {at: 1s, partition: {nodes: [n-0]}, for: 2m}
    - {at: 10s, apply: {file: b.yml}}
---
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 600m}}}]
`;
const PINNED_600M = `apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  nodeName: n-0
  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 600m}}}]
`;

describe('fixed, kept as regressions: --check counts what a cluster commits a node to', () => {
  it(
    'a pod bound by spec.nodeName that does not fit, applied while its node is partitioned, is held by the API until the kubelet refuses it (OutOfcpu at the heal): no node-capacity violation',
    async () => {
      const cwd = folderWith({ 's.yml': APPLIED_WHILE_PARTITIONED, 'b.yml': PINNED_600M });
      const r = await run(cwd, { scenario: 's.yml', out: 'out', check: true });
      expect(r.stderr).not.toMatch(/invariant violated/);
      expect(r.code).toBe(0);
      const b = fs.readFileSync(path.join(cwd, 'out', 'pods.csv'), 'utf8').split('\n').find((l) => l.startsWith('default,b,'));
      expect(b).toBe('default,b,,,n-0,10.000,10.000,,130.000,,Failed,OutOfcpu,0,,0');
    },
  );
});

describe('fixed, kept as regressions: scenario actions', () => {
  it(
    'a pod applied with the nodeName of a node removed earlier does not crash the run (the API server accepts it; PodGC collects it as an orphan): Cluster.bindPod throws ClusterConflict',
    async () => {
      const scenario = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: rm}
spec:
  duration: 10m
  nodePools: [{name: n, count: 2, allocatable: {cpu: "1", memory: 1Gi}}]
  events:
    - {at: 1m, removeNodes: {nodes: [n-0]}}
    - {at: 2m, apply: {file: p.yml}}
`;
      const pod = `apiVersion: v1
kind: Pod
metadata: {name: late}
spec:
  restartPolicy: Never
  nodeName: n-0
  containers: [{name: c, image: busybox:1.36}]
`;
      const cwd = folderWith({ 's.yml': scenario, 'p.yml': pod });
      const r = await run(cwd, { scenario: 's.yml', check: true });
      expect(r.code).toBe(0);
    },
  );
});
