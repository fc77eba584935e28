import fc from 'fast-check';

/**
 * Random small scenarios as YAML: node pools (zones, a tainted pool),
 * Deployments (both strategies), Jobs, a DaemonSet, bare pods that run
 * forever, crash or finish, and a timeline of faults and operations
 * (partition, crash, cordon, drain, add and remove nodes, scale, a rollout).
 * Small on purpose: a run is tens of milliseconds.
 */
export interface RandomScenario {
  readonly text: string;
  /** The files `apply` events name, by file name. */
  readonly files: Readonly<Record<string, string>>;
}

const pool = fc.record({
  count: fc.integer({ min: 1, max: 3 }),
  cpu: fc.constantFrom('1', '2', '3500m', '4'),
  memory: fc.constantFrom('1Gi', '4Gi', '8Gi'),
  zone: fc.constantFrom('zone-a', 'zone-b'),
  tainted: fc.boolean(),
  pods: fc.constantFrom(5, 20, 110),
});
const deployment = fc.record({
  replicas: fc.integer({ min: 0, max: 5 }),
  cpu: fc.constantFrom('100m', '500m', '1500m'),
  recreate: fc.boolean(),
  surge: fc.constantFrom('0', '1', '25%', '50%'),
  unavailable: fc.constantFrom('0', '1', '25%'),
  minReadySeconds: fc.constantFrom(0, 0, 5),
});
const job = fc.record({
  completions: fc.integer({ min: 1, max: 4 }),
  parallelism: fc.integer({ min: 1, max: 3 }),
  backoffLimit: fc.integer({ min: 0, max: 3 }),
  onFailure: fc.boolean(),
  seconds: fc.integer({ min: 1, max: 60 }),
  failureProbability: fc.constantFrom(0, 0.3, 1),
  tolerates: fc.boolean(),
});
const bare = fc.record({ kind: fc.constantFrom('forever', 'crash', 'finish'), cpu: fc.constantFrom('50m', '250m', '1') });
const target = fc.oneof(
  fc.record({ nodes: fc.array(fc.constantFrom('a-0', 'a-1', 'b-0', 'c-0'), { minLength: 1, maxLength: 2 }) }).map((t) => `{nodes: [${t.nodes.join(', ')}]}`),
  fc.integer({ min: 1, max: 2 }).map((n) => `{count: ${n}}`),
  fc.constantFrom('zone-a', 'zone-b').map((z) => `{zone: ${z}}`),
);
const event = fc.oneof(
  fc.record({ at: fc.integer({ min: 1, max: 150 }), kind: fc.constantFrom('partition', 'crash'), target, forS: fc.option(fc.integer({ min: 5, max: 90 }), { nil: undefined }) }),
  fc.record({ at: fc.integer({ min: 1, max: 150 }), kind: fc.constantFrom('cordon', 'uncordon', 'drain', 'removeNodes'), target, forS: fc.constant(undefined) }),
  fc.record({ at: fc.integer({ min: 1, max: 150 }), kind: fc.constant('addNodes'), target: fc.constantFrom('a', 'b'), forS: fc.constant(undefined) }),
  fc.record({ at: fc.integer({ min: 1, max: 150 }), kind: fc.constant('scale'), target: fc.integer({ min: 0, max: 6 }).map(String), forS: fc.constant(undefined) }),
  fc.record({ at: fc.integer({ min: 1, max: 150 }), kind: fc.constant('rollout'), target: fc.constant(''), forS: fc.constant(undefined) }),
);

export const randomScenario: fc.Arbitrary<RandomScenario> = fc
  .record({
    seed: fc.nat(1000),
    duration: fc.integer({ min: 30, max: 200 }),
    pools: fc.array(pool, { minLength: 1, maxLength: 3 }),
    deployments: fc.array(deployment, { maxLength: 2 }),
    jobs: fc.array(job, { maxLength: 2 }),
    daemonset: fc.option(fc.constantFrom('10m', '200m'), { nil: undefined }),
    pods: fc.array(bare, { maxLength: 3 }),
    events: fc.array(event, { maxLength: 6 }),
    apiLatency: fc.constantFrom('0s', '0s', '200ms'),
  })
  .map(render);

interface DeploymentSpec {
  replicas: number;
  cpu: string;
  recreate: boolean;
  surge: string;
  unavailable: string;
  minReadySeconds: number;
}

interface Spec {
  seed: number;
  duration: number;
  pools: { count: number; cpu: string; memory: string; zone: string; tainted: boolean; pods: number }[];
  deployments: DeploymentSpec[];
  jobs: { completions: number; parallelism: number; backoffLimit: number; onFailure: boolean; seconds: number; failureProbability: number; tolerates: boolean }[];
  daemonset: string | undefined;
  pods: { kind: string; cpu: string }[];
  events: { at: number; kind: string; target: string; forS: number | undefined }[];
  apiLatency: string;
}

function render(s: Spec): RandomScenario {
  const names = ['a', 'b', 'c'];
  const pools = s.pools.map(
    (p, i) =>
      `    - {name: ${names[i]}, count: ${p.count}, allocatable: {cpu: "${p.cpu}", memory: ${p.memory}, pods: ${p.pods}}, labels: {topology.kubernetes.io/zone: ${p.zone}}, images: [busybox:1.36]${p.tainted ? ', taints: [{key: dedicated, value: batch, effect: NoSchedule}]' : ''}}`,
  );
  const poolNames = names.slice(0, s.pools.length);
  const events = s.events.flatMap((e) => {
    const at = `    - at: ${e.at}s\n`;
    switch (e.kind) {
      case 'addNodes':
        return poolNames.includes(e.target) ? [`${at}      addNodes: {pool: ${e.target}, count: 1}\n`] : [];
      case 'scale':
        return s.deployments.length > 0 ? [`${at}      scale: {kind: Deployment, name: web-0, replicas: ${e.target}}\n`] : [];
      case 'rollout':
        return s.deployments.length > 0 ? [`${at}      apply: {file: web-0-v2.yml}\n`] : [];
      default:
        return [`${at}      ${e.kind}: ${e.target}\n${e.forS !== undefined ? `      for: ${e.forS}s\n` : ''}`];
    }
  });
  const docs = [
    `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: random}
spec:
  seed: ${s.seed}
  duration: ${s.duration}s
  nodePools:
${pools.join('\n')}
  behaviors:
    - match: {labels: {app: crash}}
      run: {duration: 4s, exitCode: 1}
    - match: {labels: {app: finish}}
      run: 8s
${s.jobs.map((j, i) => `    - match: {labels: {job: job-${i}}}\n      run: {duration: ${j.seconds}s, exitCode: 0, failureProbability: ${j.failureProbability}, failExitCode: 1}`).join('\n')}
  controlPlane: {apiLatency: ${s.apiLatency}}
${events.length > 0 ? `  events:\n${events.join('')}` : ''}`,
    ...s.deployments.map((d, i) => deploymentDoc(`web-${i}`, d, 'nginx:1.25')),
    ...s.jobs.map((j, i) => `apiVersion: batch/v1
kind: Job
metadata: {name: job-${i}}
spec:
  completions: ${j.completions}
  parallelism: ${j.parallelism}
  backoffLimit: ${j.backoffLimit}
  template:
    metadata: {labels: {job: job-${i}}}
    spec:
      restartPolicy: ${j.onFailure ? 'OnFailure' : 'Never'}
${j.tolerates ? '      tolerations: [{key: dedicated, operator: Exists}]\n' : ''}      containers: [{name: work, image: busybox:1.36, resources: {requests: {cpu: 500m, memory: 64Mi}}}]
`),
    ...(s.daemonset !== undefined
      ? [`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: busybox:1.36, resources: {requests: {cpu: ${s.daemonset}}}}]
`]
      : []),
    ...s.pods.map((p, i) => `apiVersion: v1
kind: Pod
metadata: {name: pod-${i}, labels: {app: ${p.kind}}}
spec:
${p.kind === 'finish' ? '  restartPolicy: Never\n' : ''}  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: ${p.cpu}}}}]
`),
  ];
  const first = s.deployments[0];
  const files: Record<string, string> = first ? { 'web-0-v2.yml': deploymentDoc('web-0', first, 'nginx:1.26') } : {};
  return { text: docs.join('---\n'), files };
}

function deploymentDoc(name: string, d: DeploymentSpec, image: string): string {
  // maxSurge and maxUnavailable may not both be 0 (ValidateRollingUpdateDeployment).
  const unavailable = d.surge === '0' && d.unavailable === '0' ? '1' : d.unavailable;
  const strategy = d.recreate ? '{type: Recreate}' : `{rollingUpdate: {maxSurge: ${quote(d.surge)}, maxUnavailable: ${quote(unavailable)}}}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${d.replicas}
  minReadySeconds: ${d.minReadySeconds}
  strategy: ${strategy}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: nginx, image: "${image}", resources: {requests: {cpu: ${d.cpu}, memory: 128Mi}}}]
`;
}

function quote(v: string): string {
  return v.endsWith('%') ? `"${v}"` : v;
}
