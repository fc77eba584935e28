import path from 'node:path';
import { formatDiagnostic } from '../io/diagnostics.js';
import { parseDuration } from '../model/duration.js';
import type { LabelSelector } from '../model/meta.js';
import type { Pod } from '../model/pod.js';
import type { Scenario } from '../model/scenario.js';
import type { Cluster } from '../api/cluster.js';
import { defaultProfile, type Profile } from '../scheduler/profile.js';
import { profileFromConfig } from '../scheduler/profile-config.js';
import { DEFAULT_MAX_EVENTS, Simulation } from '../sim/simulation.js';
import { AttemptRecorder } from './explain-capture.js';
import { explainJson, explainText } from './explain-format.js';
import { EXIT, displayPath, type CommandContext } from './io.js';
import { loadRunnable } from './load.js';

export interface ExplainArgs {
  readonly scenario: string;
  /** NAMESPACE/NAME. */
  readonly pod: string;
  /** Stop the run here (a duration: 90s, 5m); default the scenario's horizon. */
  readonly at?: string;
  readonly format?: 'text' | 'json';
  readonly set?: readonly string[];
}

/**
 * `podsim explain SCENARIO --pod NS/NAME [--at T] [--format json]`: runs the
 * scenario (to T or its horizon) watching one pod, and prints, for each of
 * its scheduling attempts, every node's filter verdict (grouped) and the
 * feasible nodes' scores, then its phase history. Writes no files. Exit 0;
 * 2 for bad input or a pod that never existed.
 */
export function explainCommand(args: ExplainArgs, ctx: CommandContext): number {
  const slash = args.pod.indexOf('/');
  const namespace = args.pod.slice(0, slash);
  const name = args.pod.slice(slash + 1);
  if (slash <= 0 || name === '' || name.includes('/')) {
    ctx.stderr(`error: --pod takes NAMESPACE/NAME (default/web-0), not "${args.pod}"\n`);
    return EXIT.usage;
  }
  let atMs: number | undefined;
  if (args.at !== undefined) {
    const d = parseDuration(args.at);
    if (!d.ok) return (ctx.stderr(`error: --at ${args.at}: ${d.message}\n`), EXIT.usage);
    atMs = d.ms;
  }
  const { scenario, diagnostics } = loadRunnable(path.resolve(ctx.cwd, args.scenario), args.set ?? []);
  for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
  if (!scenario) return EXIT.usage;

  const sim = new Simulation(scenario);
  const recorder = new AttemptRecorder(namespace, name, sim.engine, {
    profiles: schedulerProfiles(scenario),
    cache: {
      imageSize: (image) => scenario.images.get(image) ?? scenario.registry.defaultImageSize,
      ownerSelector: (pod) => ownerSelector(sim.cluster, pod),
    },
  });
  sim.observe(recorder);
  const horizon = scenario.durationMs === undefined ? atMs : Math.min(scenario.durationMs, atMs ?? Infinity);
  sim.engine.run(horizon, DEFAULT_MAX_EVENTS);
  for (const w of sim.warnings) ctx.stderr(`warning: ${w}\n`);

  if (!recorder.seen) {
    const until = `${(sim.engine.now / 1000).toFixed(3)}s`;
    const others = [...sim.cluster.pods()].filter((p) => p.metadata.namespace === namespace).map((p) => p.metadata.name);
    const hint = others.length > 0 ? ` (pods in ${namespace} at the end: ${others.slice(0, 8).join(', ')}${others.length > 8 ? ', ...' : ''})` : '';
    ctx.stderr(`error: no pod ${args.pod} existed in ${displayPath(ctx.cwd, args.scenario)} up to t=${until}${hint}\n`);
    return EXIT.usage;
  }
  const weights = new Map<string, number>();
  const fwk = recorder.frameworkFor(recorder.schedulerName ?? '');
  for (const p of fwk?.profile.plugins ?? []) weights.set(p.plugin.name, p.weight ?? 1);
  const report = explainJson(`${namespace}/${name}`, recorder.attempts, recorder.phases, weights);
  ctx.stdout(args.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : explainText(report));
  return EXIT.ok;
}

/** The profiles the simulation's Scheduler runs: the scenario's KubeSchedulerConfiguration, else the default one. */
function schedulerProfiles(scenario: Scenario): Profile[] {
  const config = scenario.objects.find((m) => m.kind === 'KubeSchedulerConfiguration');
  if (config?.kind !== 'KubeSchedulerConfiguration' || config.config.profiles.length === 0) return [defaultProfile()];
  return config.config.profiles.map((c) => profileFromConfig(c).profile);
}

/** helper.DefaultSelector as the Scheduler reads it: the controlling ReplicaSet's or ReplicationController's selector. */
function ownerSelector(cluster: Cluster, pod: Pod): LabelSelector | undefined {
  const owner = pod.metadata.ownerReferences.find((r) => r.controller);
  if (owner === undefined || (owner.kind !== 'ReplicaSet' && owner.kind !== 'ReplicationController')) return undefined;
  const w = cluster.workload(owner.kind, pod.metadata.namespace, owner.name);
  return w !== undefined && 'selector' in w.spec ? w.spec.selector : undefined;
}
