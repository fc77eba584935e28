/**
 * The scale scenarios of scenarios/scale/: four cluster shapes, each written
 * for any node count, so that the e2e suite can fit a growth exponent over
 * sizes and the committed files stay what this code writes
 * (test/bench/scale-scenarios.test.ts checks that).
 *
 * Every shape has three zones of 8-cpu / 32Gi nodes whose images are not
 * there yet (every node pulls), and a fault: a crash or partition of a share
 * of the nodes, or a whole zone down.
 */

export type ShapeName = 'deployment' | 'job' | 'mixed' | 'daemonsets' | 'million';

export interface Shape {
  readonly name: ShapeName;
  /** One line for the scenario's opening comment and the bench table. */
  readonly title: string;
  /** Node counts the committed scenarios are written for. */
  readonly sizes: readonly number[];
  readonly scenario: (nodes: number) => string;
}

const ZONES = ['zone-a', 'zone-b', 'zone-c'] as const;

/** The nodes split over three zones as evenly as whole numbers allow (the first zones take the rest). */
function zoneCounts(nodes: number): number[] {
  return ZONES.map((_, i) => Math.floor(nodes / 3) + (i < nodes % 3 ? 1 : 0));
}

function header(name: string, comment: string, nodes: number, events: string, behaviors: string): string {
  const pools = ZONES.map(
    (zone, i) => `    - name: ${zone}
      count: ${zoneCounts(nodes)[i]}
      allocatable: {cpu: "8", memory: 32Gi, pods: 110}
      labels: {topology.kubernetes.io/zone: ${zone}}`,
  ).join('\n');
  return `${comment
    .trim()
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')}
apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata:
  name: ${name}
spec:
  seed: 1
  duration: 30m
  nodePools:
${pools}
  images:
    - {name: "nginx:1.25", size: 70Mi}
    - {name: "busybox:1.36", size: 5Mi}
    - {name: "node-exporter:1.8", size: 25Mi}
    - {name: "fluent-bit:3.1", size: 40Mi}
  registry: {bandwidth: 50Mi, latency: 500ms}
${behaviors}  output:
    sampleInterval: 1m
  events:
${events}`;
}

function deployment(replicas: number): string {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          resources: {requests: {cpu: 100m, memory: 256Mi}}
`;
}

function job(completions: number, parallelism: number): string {
  return `---
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: ${completions}
  parallelism: ${parallelism}
  backoffLimit: 1000000
  template:
    metadata: {labels: {app: batch}}
    spec:
      restartPolicy: Never
      containers:
        - name: work
          image: busybox:1.36
          resources: {requests: {cpu: 250m, memory: 512Mi}}
`;
}

function daemonSet(name: string, image: string): string {
  return `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          resources: {requests: {cpu: 100m, memory: 64Mi}}
`;
}

const BATCH_BEHAVIOR = `  behaviors:
    - match: {labels: {app: batch}}
      run:
        duration: {distribution: exponential, mean: 1m}
        failureProbability: 0.02
        failExitCode: 1
`;

/** At least one node when the share rounds to none. */
const share = (nodes: number, fraction: number) => Math.max(1, Math.round(nodes * fraction));

export const SHAPES: readonly Shape[] = [
  {
    name: 'deployment',
    title: 'Deployment, 10 pods per node, 1 % of the nodes crashed for 5 minutes',
    sizes: [1000, 5000, 10000],
    scenario: (n) =>
      header(
        `scale-deployment-${n}`,
        `Scale shape "deployment" at ${n} nodes: a Deployment of 10 pods per node
(${10 * n} replicas) that run for ever, every node pulling nginx first;
at 10m, 1 % of the nodes (${share(n, 0.01)}, seeded) crash for 5 minutes,
so their pods are evicted at about 16m and replaced elsewhere.
Written by bench/e2e/shapes.ts; \`podsim bench --suite e2e\` times it.`,
        n,
        `    - at: 10m
      crash: {count: ${share(n, 0.01)}}
      for: 5m
`,
        '',
      ) + deployment(10 * n),
  },
  {
    name: 'job',
    title: 'Job, parallelism 4 per node, exponential durations (mean 1m), 1 % partitioned',
    sizes: [1000, 5000, 10000],
    scenario: (n) =>
      header(
        `scale-job-${n}`,
        `Scale shape "job" at ${n} nodes: one Job of ${20 * n} completions at
parallelism ${4 * n} (4 per node); each pod runs an exponential time of mean
1m and fails with probability 0.02 (replaced after the Job's back-off).
At 5m, 1 % of the nodes (${share(n, 0.01)}, seeded) are partitioned for 10 minutes.
Written by bench/e2e/shapes.ts; \`podsim bench --suite e2e\` times it.`,
        n,
        `    - at: 5m
      partition: {count: ${share(n, 0.01)}}
      for: 10m
`,
        BATCH_BEHAVIOR,
      ) + job(20 * n, 4 * n),
  },
  {
    name: 'mixed',
    title: 'Deployment 10/node + Job parallelism 4/node, zone-b down for 10 minutes',
    sizes: [1000, 5000, 10000],
    scenario: (n) =>
      header(
        `scale-mixed-${n}`,
        `Scale shape "mixed" at ${n} nodes: a Deployment of ${10 * n} replicas (10 per
node) and a Job of ${20 * n} completions at parallelism ${4 * n} (4 per node,
exponential durations of mean 1m, 2 % failures). At 10m all of zone-b
(${zoneCounts(n)[1]} nodes) crashes for 10 minutes: a full zone disruption,
whose NoExecute taints come at the normal rate of 0.1 node per second.
Written by bench/e2e/shapes.ts; \`podsim bench --suite e2e\` times it.`,
        n,
        `    - at: 10m
      crash: {zone: zone-b}
      for: 10m
`,
        BATCH_BEHAVIOR,
      ) +
      deployment(10 * n) +
      job(20 * n, 4 * n),
  },
  {
    name: 'daemonsets',
    title: 'two DaemonSets, 10 % of nodes partitioned, 5 % crashed',
    sizes: [1000, 5000, 10000],
    scenario: (n) =>
      header(
        `scale-daemonsets-${n}`,
        `Scale shape "daemonsets" at ${n} nodes: two DaemonSets (one pod each per
node); at 5m 10 % of the nodes (${share(n, 0.1)}) are partitioned for 10 minutes
and at 8m 5 % (${share(n, 0.05)}) crash for 5 minutes (seeded choices).
Written by bench/e2e/shapes.ts; \`podsim bench --suite e2e\` times it.`,
        n,
        `    - at: 5m
      partition: {count: ${share(n, 0.1)}}
      for: 10m
    - at: 8m
      crash: {count: ${share(n, 0.05)}}
      for: 5m
`,
        '',
      ) +
      daemonSet('node-exporter', 'node-exporter:1.8') +
      daemonSet('fluent-bit', 'fluent-bit:3.1'),
  },
  {
    name: 'million',
    title: 'a million pods: 30 Deployment pods per node live, a Job cycling through the rest',
    sizes: [10000],
    scenario: (n) =>
      header(
        `scale-million-${n}`,
        `Scale shape "million" at ${n} nodes: a Deployment of ${30 * n} replicas
(30 per node, live all run) and a Job of ${72 * n} completions at
parallelism ${4 * n}, exponential durations of mean 1m: over a million pods
in 30 simulated minutes. At 10m, 1 % of the nodes (${share(n, 0.01)}) crash
for 5 minutes. Written by bench/e2e/shapes.ts; \`podsim bench --suite e2e\` times it.`,
        n,
        `    - at: 10m
      crash: {count: ${share(n, 0.01)}}
      for: 5m
`,
        BATCH_BEHAVIOR,
      ) +
      deployment(30 * n) +
      job(72 * n, 4 * n),
  },
];

export function shape(name: string): Shape | undefined {
  return SHAPES.find((s) => s.name === name);
}
