import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ClusterWatcher } from '../../src/api/cluster.js';
import { loadRunnable } from '../../src/sim/load-runnable.js';
import type { Pod } from '../../src/model/pod.js';
import { RunLoop } from '../../src/sim/run-loop.js';
import type { Measurement } from '../scheduler/measure.js';
import type { PodTemplateName, Workload } from '../scheduler/workloads.js';

/**
 * A scheduler_perf workload (bench/scheduler/workloads.ts) as a scenario for
 * the whole simulation: the same nodes (4 cpu, 32Gi, 110 pods, zones as
 * pools), the init pods as bare Pods at t=0, the measured pods as bare Pods
 * applied at 1m (scheduler_perf's createPods: no controller, so no default
 * spread constraints, as in the isolated suite). Every component is on: the
 * kubelets start the pods (pause is already on the nodes), the controllers
 * and the node lifecycle watch. Only the trace is left out.
 */
export function schedulerScenario(w: Workload): Record<string, string> {
  const zones = w.zones.length > 0 ? w.zones : [undefined];
  const pools = zones
    .map((zone, i) => {
      const count = Math.floor(w.nodes / zones.length) + (i < w.nodes % zones.length ? 1 : 0);
      const labels = zone === undefined ? '' : `\n      labels: {topology.kubernetes.io/zone: ${zone}}`;
      return `    - name: scheduler-perf-${i}
      count: ${count}
      allocatable: {cpu: "4", memory: 32Gi, pods: 110}${labels}
      images: ["registry.k8s.io/pause:3.10"]`;
    })
    .join('\n');
  const scenario = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: ${w.name.toLowerCase()}-in-simulation}
spec:
  seed: 1
  duration: 3m
  nodePools:
${pools}
  events:
    - at: 1m
      apply: {file: measure.yml}
---
${pods(w.initTemplate, w.initNamespace, 'init', w.initPods)}`;
  return { 'scenario.yml': scenario, 'measure.yml': pods(w.measureTemplate, w.measureNamespace, 'measure', w.measurePods) };
}

function templateYaml(t: PodTemplateName): { labels: string; spec: string } {
  switch (t) {
    case 'default':
      return { labels: '{}', spec: '' };
    case 'node-affinity':
      return {
        labels: '{}',
        spec: `
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone1, zone2]}]}]`,
      };
    case 'topology-spreading':
      return {
        labels: '{color: blue}',
        spec: `
    topologySpreadConstraints: [{maxSkew: 5, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {color: blue}}}]`,
      };
    case 'pod-anti-affinity':
      return {
        labels: '{color: green}',
        spec: `
    affinity:
      podAntiAffinity:
        requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {color: green}}, topologyKey: kubernetes.io/hostname, namespaces: [sched-1, sched-0]}]`,
      };
    case 'pod-affinity':
      return {
        labels: '{color: blue}',
        spec: `
    affinity:
      podAffinity:
        requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {color: blue}}, topologyKey: topology.kubernetes.io/zone, namespaces: [sched-1, sched-0]}]`,
      };
  }
}

/** `count` bare pods of a template in one List, `prefix-0`... */
function pods(t: PodTemplateName, namespace: string, prefix: string, count: number): string {
  const { labels, spec } = templateYaml(t);
  const items = Array.from(
    { length: count },
    (_, i) => `- apiVersion: v1
  kind: Pod
  metadata: {name: ${prefix}-${i}, namespace: ${namespace}, labels: ${labels}}
  spec:
    containers: [{name: pause, image: "registry.k8s.io/pause:3.10", ports: [{containerPort: 80}], resources: {requests: {cpu: 100m, memory: 500Mi}, limits: {cpu: 100m, memory: 500Mi}}}]${spec}`,
  );
  return `apiVersion: v1
kind: List
items:
${items.join('\n')}
`;
}

/**
 * Pods bound per second of wall time in the whole simulation, from the
 * creation of the first measured pod to the binding of the last (or the last
 * binding before the horizon, for pods that do not all fit).
 */
export async function measureInSimulation(w: Workload): Promise<Measurement> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'podsim-e2e-'));
  try {
    for (const [name, text] of Object.entries(schedulerScenario(w))) writeFileSync(path.join(dir, name), text);
    const { scenario, diagnostics } = loadRunnable(path.join(dir, 'scenario.yml'), []);
    if (!scenario) throw new Error(`${w.name}: the generated scenario is invalid: ${diagnostics.map((d) => d.message).join('; ')}`);
    const loop = new RunLoop(scenario);
    const isMeasured = (p: Pod) => p.metadata.namespace === w.measureNamespace && p.metadata.name.startsWith('measure-');
    let start: number | undefined;
    let last = 0;
    let scheduled = 0;
    const timer: ClusterWatcher = {
      podAdded: (p) => void (isMeasured(p) && start === undefined && (start = performance.now())),
      podBound: (p) => {
        if (!isMeasured(p)) return;
        scheduled++;
        last = performance.now();
      },
    };
    loop.observe(timer);
    await loop.run();
    const seconds = start === undefined ? 0 : (last - start) / 1000;
    return { attempted: w.measurePods, scheduled, seconds, podsPerSecond: seconds > 0 ? scheduled / seconds : 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
