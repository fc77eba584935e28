import { expect } from 'vitest';
import type { ClusterWatcher } from '../../src/api/cluster.js';
import type { KubeEvent } from '../../src/api/event.js';
import type { Pod, PodPhase } from '../../src/model/pod.js';
import type { Scenario } from '../../src/model/scenario.js';
import type { Workload } from '../../src/model/workloads.js';
import { Simulation } from '../../src/sim/simulation.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { lines as printed, memoryFs } from '../io/helpers.js';

/** One phase change: `[time s, pod name, from, to, reason]`. */
export type Transition = [number, string, PodPhase, PodPhase, string];

/**
 * A scenario played in-process: `yaml` is the Scenario's `spec:` and more
 * documents (the Scenario's apiVersion and kind are prepended). Records phase
 * changes and events; `runTo(s)` advances simulated time.
 */
export class Played {
  readonly sim: Simulation;
  readonly transitions: Transition[] = [];
  readonly events: KubeEvent[] = [];
  readonly warnings: string[];

  constructor(yaml: string) {
    const { scenario, lines } = loadText(yaml);
    expect(lines.filter((l) => l.includes('error'))).toEqual([]);
    if (!scenario) throw new Error(lines.join('\n'));
    this.warnings = lines;
    this.sim = new Simulation(scenario);
    const watcher: ClusterWatcher = {
      podStatusChanged: (pod, old, reason) => {
        if (pod.status.phase !== old) this.transitions.push([this.now, pod.metadata.name, old, pod.status.phase, reason]);
      },
      eventRecorded: (e) => void this.events.push(e),
    };
    this.sim.observe(watcher);
  }

  get now(): number {
    return this.sim.engine.now / 1000;
  }

  /** Runs every event up to and including `seconds`. */
  runTo(seconds: number): this {
    this.sim.engine.run(seconds * 1000);
    return this;
  }

  pods(): Pod[] {
    return [...this.sim.cluster.pods()];
  }

  pod(name: string): Pod {
    const p = this.pods().find((x) => x.metadata.name === name);
    if (!p) throw new Error(`no pod ${name}`);
    return p;
  }

  workload(name: string): Workload {
    const w = [...this.sim.cluster.workloads()].find((x) => x.metadata.name === name);
    if (!w) throw new Error(`no workload ${name}`);
    return w;
  }

  /** `[time s, reason, message]` of the events about `name`. */
  eventsOf(name: string): [number, string, string][] {
    return this.events.filter((e) => e.name === name).map((e) => [e.time / 1000, e.reason, e.message]);
  }
}

/** Loads `s.yml`: the Scenario's apiVersion and kind, then `yaml`; `lines` are its diagnostics as printed. */
export function loadText(yaml: string): { scenario?: Scenario; lines: string[] } {
  const fs = memoryFs({ 's.yml': `apiVersion: podsim.io/v1alpha1\nkind: Scenario\n${yaml}` });
  const { scenario, diagnostics } = loadScenario('s.yml', { fs });
  return { ...(scenario ? { scenario } : {}), lines: printed(diagnostics) };
}
