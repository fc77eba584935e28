/**
 * Trace-writing benchmarks (benchmark.js):
 * 1. how to drive csv-stringify for many small rows: one sync call per row,
 *    one per batch of rows, or the stream API (hand-written quoting as a
 *    reference for what csv-stringify costs);
 * 2. CsvFile (what the recorder uses) writing to the null device;
 * 3. the whole TraceRecorder hearing a synthetic run (per trace row).
 *
 * Run: npx tsc -p tsconfig.json --noEmit false --outDir dist/bench \
 *        && node dist/bench/bench/trace.bench.js
 * (dist/ is ignored by git; tsc emits despite type errors in files elsewhere).
 *
 * Node 20, a busy 2-core dev container (+-15%), 10k rows of events.csv
 * (ops/s x 10k = rows/s):
 *   csv-stringify sync per row            10-18 ops/s
 *   csv-stringify sync per 512 rows       22-37 ops/s
 *   csv-stringify stream API, per row     16-23 ops/s
 *   hand-written quoting (reference)      82-116 ops/s
 *   CsvFile to the null device            76 ops/s (19-30 when every batch went through csv-stringify;
 *                                         now only rows that need quotes do, see csvRow)
 *   TraceRecorder synthetic run           ~14.5 ops/s (~6 us per trace row, engine and cluster
 *                                         included; ~6.5 before csvRow)
 * A CPU profile of the synthetic run (`node dist/bench/bench/trace.bench.js --profile`
 * with --cpu-prof) put ~35% of its time in csv-stringify and ~20% in GC before csvRow.
 */
import { mkdtempSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import Benchmark from 'benchmark';
import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import { Cluster } from '../src/api/cluster.js';
import { Engine } from '../src/engine/engine.js';
import { RUN_FOREVER } from '../src/model/behavior.js';
import type { Node } from '../src/model/node.js';
import type { Pod } from '../src/model/pod.js';
import { CsvFile } from '../src/io/trace/csv-file.js';
import { TraceRecorder } from '../src/io/trace/recorder.js';

const ROWS = 10_000;
const rows: string[][] = [];
for (let i = 0; i < ROWS; i++) {
  const t = `${Math.floor(i / 10)}.${String(i % 1000).padStart(3, '0')}`;
  const msg = i % 7 === 0 ? `0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had "taint"` : 'Started container app';
  rows.push([t, String(i), 'Normal', 'Started', 'Pod', 'default', `web-${i}`, 'worker-1', msg]);
}

let sink = 0;
const BATCH = 512;
const NEEDS_QUOTES = /[",\r\n]/;
const quote = (f: string): string => (NEEDS_QUOTES.test(f) ? `"${f.replaceAll('"', '""')}"` : f);

function node(name: string, index: number): Node {
  return {
    name,
    uid: name,
    index,
    labels: {},
    annotations: {},
    taints: [],
    unschedulable: false,
    allocatable: { cpu: 64_000, memory: 256 * 2 ** 30, pods: 110 },
    capacity: { cpu: 64_000, memory: 256 * 2 ** 30, pods: 110 },
    ready: 'True',
    creationTimestamp: 0,
    images: [],
    podCIDR: `10.244.${index}`,
  };
}

function pod(name: string): Pod {
  const container = {
    name: 'app',
    image: 'nginx:1.25',
    imagePullPolicy: 'IfNotPresent' as const,
    requests: { cpu: 100, memory: 2 ** 27 },
    limits: {},
    ports: [],
    behavior: RUN_FOREVER,
  };
  return {
    metadata: { namespace: 'default', name, uid: name, labels: {}, annotations: {}, ownerReferences: [], creationTimestamp: 0 },
    spec: {
      schedulerName: 'default-scheduler',
      nodeSelector: {},
      tolerations: [],
      topologySpreadConstraints: [],
      initContainers: [],
      containers: [container],
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 30,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      overhead: {},
    },
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  };
}

/** 2,000 pods on 20 nodes, each created, bound, Running, Succeeded, removed, with 4 events: 12k trace rows. */
export function syntheticRun(dir: string): void {
  const engine = new Engine();
  const cluster = new Cluster(engine);
  const recorder = new TraceRecorder({ dir, engine, sampleIntervalMs: 10_000 });
  cluster.watch(recorder);
  for (let n = 0; n < 20; n++) cluster.addNode(node(`worker-${n}`, n));
  for (let i = 0; i < 2000; i++) {
    engine.at(i * 50, () => {
      const p = pod(`job-${i}`);
      const nodeName = `worker-${i % 20}`;
      const ev = (reason: string, message: string) =>
        cluster.recordEvent({ type: 'Normal', reason, kind: 'Pod', namespace: 'default', name: p.metadata.name, node: nodeName, message });
      cluster.createPod(p);
      cluster.bindPod(p, nodeName);
      ev('Scheduled', `Successfully assigned default/${p.metadata.name} to ${nodeName}`);
      ev('Pulled', 'Container image "nginx:1.25" already present on machine');
      engine.schedule(1000, () => {
        ev('Created', 'Created container: app');
        ev('Started', 'Started container app');
        cluster.updatePodStatus(p, 'Running', 'Started');
      });
      engine.schedule(30_000, () => {
        cluster.updatePodStatus(p, 'Succeeded', 'Completed');
        cluster.deletePod(p);
      });
    });
  }
  engine.run();
  recorder.finish(engine.now, { scenario: 'bench', seed: 1, scenarioSha256: '', eventsProcessed: engine.eventsProcessed });
}

const benchDir = mkdtempSync(join(tmpdir(), 'podsim-trace-bench-'));

if (process.argv.includes('--profile')) {
  for (let i = 0; i < 30; i++) syntheticRun(benchDir);
} else {
  suite().run();
}

function suite(): Benchmark.Suite {
  return new Benchmark.Suite('trace')
  .add('csv-stringify: sync stringify per row (10k rows)', () => {
    const chunks: string[] = [];
    for (const row of rows) chunks.push(stringify([row]));
    sink += chunks.join('').length;
  })
  .add(`csv-stringify: sync stringify per batch of ${BATCH} rows (10k rows)`, () => {
    const chunks: string[] = [];
    let batch: string[][] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length === BATCH) {
        chunks.push(stringify(batch));
        batch = [];
      }
    }
    if (batch.length > 0) chunks.push(stringify(batch));
    sink += chunks.join('').length;
  })
  .add('csv-stringify: stream API, write per row (10k rows)', {
    defer: true,
    fn: (deferred: { resolve(): void }) => {
      const chunks: string[] = [];
      const s = stringifyStream();
      s.on('data', (c: Buffer | string) => chunks.push(String(c)));
      s.on('end', () => {
        sink += chunks.join('').length;
        deferred.resolve();
      });
      for (const row of rows) s.write(row);
      s.end();
    },
  })
  .add('reference: hand-written RFC 4180 quoting (10k rows)', () => {
    const chunks: string[] = [];
    for (const row of rows) chunks.push(row.map(quote).join(',') + '\n');
    sink += chunks.join('').length;
  })
  .add('CsvFile to the null device (10k rows)', () => {
    const f = new CsvFile(devNull, ['time_s', 'seq', 'type', 'reason', 'kind', 'namespace', 'name', 'node', 'message']);
    for (const row of rows) f.write(row);
    f.close();
  })
  .add('TraceRecorder, synthetic run (12k trace rows, 2k pods)', () => syntheticRun(benchDir))
  .on('cycle', (e: { target: unknown }) => console.log(String(e.target)))
    .on('complete', () => console.log(`(checksum ${sink > 0 ? 'ok' : '0'})`));
}
