import type { KubeEvent } from '../../src/api/event.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import type { CronJob, Job } from '../../src/model/workloads.js';
import { Simulation } from '../../src/sim/simulation.js';
import { lines, memoryFs } from '../io/helpers.js';

/**
 * A whole simulation (scheduler, kubelets, every controller) of one
 * scenario written inline, with every CronJob event and Job creation and
 * removal recorded. Nodes come from one pool of 4 with busybox already
 * pulled, so a Job's pod runs 1 s (containerStartLatency) after its creation.
 */
export class CronWorld {
  readonly sim: Simulation;
  readonly events: KubeEvent[] = [];
  /** `[time s, job name]` of each Job created / removed. */
  readonly jobsCreated: [number, string][] = [];
  readonly jobsRemoved: [number, string][] = [];

  /** `spec`: lines of the Scenario's spec (2-space indented); `files`: more files events may apply. */
  constructor(spec: string, objects: string, files: Readonly<Record<string, string>> = {}) {
    const text = `apiVersion: podsim.io/v1alpha1\nkind: Scenario\nmetadata: {name: cron}\nspec:\n  nodePools: [{name: w, count: 4, allocatable: {cpu: "4", memory: 16Gi}, images: ["busybox:1.36"]}]\n${spec}---\n${objects}`;
    const { scenario, diagnostics } = loadScenario('s.yml', { fs: memoryFs({ ...files, 's.yml': text }) });
    if (!scenario) throw new Error(lines(diagnostics).join('\n'));
    this.sim = new Simulation(scenario);
    const t = () => this.sim.engine.now / 1000;
    this.sim.observe({
      eventRecorded: (e) => this.events.push(e),
      workloadAdded: (w) => w.kind === 'Job' && this.jobsCreated.push([t(), w.metadata.name]),
      workloadRemoved: (w) => w.kind === 'Job' && this.jobsRemoved.push([t(), w.metadata.name]),
    });
  }

  runTo(seconds: number): void {
    this.sim.engine.run(Math.round(seconds * 1000));
  }

  /** `[time s, reason, message]` of the CronJob's events. */
  cronEvents(name: string): [number, string, string][] {
    return this.events.filter((e) => e.kind === 'CronJob' && e.name === name).map((e) => [e.time / 1000, e.reason, e.message]);
  }

  cronJob(name: string): CronJob {
    const w = this.sim.cluster.workload('CronJob', 'default', name);
    if (w?.kind !== 'CronJob') throw new Error(`no CronJob ${name}`);
    return w;
  }

  job(name: string): Job | undefined {
    const w = this.sim.cluster.workload('Job', 'default', name);
    return w?.kind === 'Job' ? w : undefined;
  }

  /** Names of the Jobs that exist now, in creation order. */
  jobNames(): string[] {
    return [...this.sim.cluster.workloads()].filter((w) => w.kind === 'Job').map((w) => w.metadata.name);
  }
}

/** A CronJob manifest whose pods run `duration` (podsim.io/duration) and exit `exitCode`. */
export function cronJob(name: string, schedule: string, fields: string, duration = '5m', exitCode = 0): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "${schedule}"
${fields}  jobTemplate:
    spec:
      backoffLimit: 0
      template:
        metadata:
          annotations: {podsim.io/duration: "${duration}", podsim.io/exit-code: "${exitCode}"}
        spec:
          restartPolicy: Never
          containers: [{name: main, image: "busybox:1.36"}]
`;
}

/** Minutes since the epoch of an ISO time: the suffix of the Job the CronJob names for it. */
export function minutes(iso: string): number {
  return Math.trunc(Date.parse(iso) / 60_000);
}
