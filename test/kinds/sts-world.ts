import type { KubeEvent } from '../../src/api/event.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import type { Pod } from '../../src/model/pod.js';
import type { StatefulSet } from '../../src/model/workloads.js';
import { Simulation } from '../../src/sim/simulation.js';
import { lines, memoryFs } from '../io/helpers.js';

/** A scenario file's text (and the files it applies) run in-process: its events, pod changes and StatefulSet statuses, in seconds. */
export function runScenario(yaml: string, untilS: number, files: Readonly<Record<string, string>> = {}) {
  const { scenario, diagnostics } = loadScenario('s.yml', { fs: memoryFs({ ...files, 's.yml': yaml }) });
  if (!scenario) throw new Error(lines(diagnostics).join('\n'));
  const sim = new Simulation(scenario);
  const events: KubeEvent[] = [];
  const log: string[] = [];
  const t = () => sim.engine.now / 1000;
  const statuses: [number, StatefulSet['status']][] = [];
  sim.observe({
    workloadStatusUpdated: (w) => void (w.kind === 'StatefulSet' && statuses.push([t(), { ...w.status }])),
    eventRecorded: (e) => void events.push(e),
    podAdded: (p) => void log.push(`${t()} ${p.metadata.name} created`),
    podBound: (p, n) => void log.push(`${t()} ${p.metadata.name} bound ${n.name}`),
    podStatusChanged: (p: Pod) => void log.push(`${t()} ${p.metadata.name} ${p.status.phase}${p.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? ' ready' : ''}`),
    podDeleting: (p) => void log.push(`${t()} ${p.metadata.name} deleting`),
    podRemoved: (p) => void log.push(`${t()} ${p.metadata.name} removed`),
  });
  sim.engine.run(untilS * 1000);
  const set = (name: string) => sim.cluster.workload('StatefulSet', 'default', name) as StatefulSet;
  /** The set's status as last written at or before `s`. */
  const statusAt = (s: number) => statuses.filter(([at]) => at <= s).at(-1)?.[1];
  return { sim, events, log, set, statusAt, diagnostics: lines(diagnostics) };
}
