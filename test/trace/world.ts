import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { Engine } from '../../src/engine/engine.js';
import { RUN_FOREVER } from '../../src/model/behavior.js';
import type { Node } from '../../src/model/node.js';
import type { ContainerStatus, Pod } from '../../src/model/pod.js';
import type { NodeSampleMode } from '../../src/model/scenario.js';
import { TraceRecorder } from '../../src/io/trace/recorder.js';

export const Gi = 1024 ** 3;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the OS temp dir, removed after the test file. */
export function tempDir(prefix = 'podsim-trace-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function makeNode(name: string, cpu: number, memory: number, index = 0): Node {
  return {
    name,
    uid: `node-${name}`,
    index,
    labels: {},
    annotations: {},
    taints: [],
    unschedulable: false,
    allocatable: { cpu, memory, pods: 110 },
    capacity: { cpu, memory, pods: 110 },
    ready: 'True',
    creationTimestamp: 0,
    images: [],
    podCIDR: `10.244.${index}`,
  };
}

export interface PodOptions {
  readonly namespace?: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly owner?: { kind: string; name: string };
  readonly nodeName?: string;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  return {
    metadata: {
      namespace: o.namespace ?? 'default',
      name,
      uid: `uid-${name}`,
      labels: {},
      annotations: {},
      ownerReferences: o.owner ? [{ ...o.owner, uid: `uid-${o.owner.name}`, controller: true }] : [],
      creationTimestamp: 0,
    },
    spec: {
      ...(o.nodeName !== undefined ? { nodeName: o.nodeName } : {}),
      schedulerName: 'default-scheduler',
      nodeSelector: {},
      tolerations: [],
      topologySpreadConstraints: [],
      initContainers: [],
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          imagePullPolicy: 'IfNotPresent',
          requests: { cpu: o.cpu ?? 0, memory: o.memory ?? 0 },
          limits: {},
          ports: [],
          behavior: RUN_FOREVER,
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      overhead: {},
    },
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}

export function containerStatus(partial: Partial<ContainerStatus> & Pick<ContainerStatus, 'state'>): ContainerStatus {
  return { name: 'app', restartCount: 0, started: false, ready: false, ...partial };
}

/** An engine, a cluster and a recorder writing into a fresh folder; `at` runs a step at a time. */
export class World {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly dir = tempDir();
  readonly recorder: TraceRecorder;

  constructor(sampleIntervalMs = 10_000, nodeSamples: NodeSampleMode = 'changes') {
    this.recorder = new TraceRecorder({ dir: this.dir, engine: this.engine, cluster: this.cluster, sampleIntervalMs, nodeSamples });
    this.cluster.watch(this.recorder);
  }

  at(ms: number, step: () => void): this {
    this.engine.at(ms, step);
    return this;
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), 'utf8');
  }
}

export const FACTS = { scenario: 'tiny', seed: 7, scenarioSha256: 'abc123', eventsProcessed: 42 } as const;
