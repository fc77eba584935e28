import path from 'node:path';
import { formatDiagnostic } from '../io/diagnostics.js';
import { parseDuration } from '../model/duration.js';
import { wallTimePace } from '../sim/pace.js';
import { RunLoop } from '../sim/run-loop.js';
import { ExplainWatch } from './explain-watch.js';
import { explainJson, explainText } from './explain-format.js';
import { EXIT, displayPath, signalExit, type CommandContext } from './io.js';
import { loadRunnable } from '../sim/load-runnable.js';
import { printData } from './output-format.js';

export interface ExplainArgs {
  readonly scenario: string;
  /** NAME, or NAMESPACE/NAME. */
  readonly pod: string;
  /** `-n`: the pod's namespace when `pod` is a bare name (default `default`, as kubectl). */
  readonly namespace?: string;
  /** Stop the run here (a duration: 90s, 5m); default the scenario's horizon. */
  readonly at?: string;
  /** `-o`: json and yaml print the data; wide lists every feasible node and every node name. */
  readonly format?: 'text' | 'json' | 'yaml' | 'wide';
  readonly set?: readonly string[];
}

/**
 * `podsim explain SCENARIO --pod NS/NAME [--at T] [--format json]`: runs the
 * scenario (to T or its horizon) watching one pod, and prints, for each of
 * its scheduling attempts, every node's filter verdict (grouped) and the
 * feasible nodes' scores, then its phase history. Writes no files. Exit 0;
 * 2 for bad input or a pod that never existed; 130 or 143 when a signal
 * stopped the run (what was learned up to then is printed).
 */
export async function explainCommand(args: ExplainArgs, ctx: CommandContext): Promise<number> {
  const slash = args.pod.indexOf('/');
  const namespace = slash < 0 ? (args.namespace ?? 'default') : args.pod.slice(0, slash);
  const name = args.pod.slice(slash + 1);
  if (slash === 0 || name === '' || name.includes('/') || namespace === '') {
    ctx.stderr(`error: the pod is NAME (with -n NAMESPACE) or NAMESPACE/NAME (default/web-0), not "${args.pod}"\n`);
    return EXIT.usage;
  }
  if (slash > 0 && args.namespace !== undefined && args.namespace !== namespace) {
    ctx.stderr(`error: -n ${args.namespace} disagrees with the pod's namespace in "${args.pod}"\n`);
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

  const watch: ExplainWatch = new ExplainWatch(namespace, name, (): number => loop.clock.now);
  const loop: RunLoop = new RunLoop(scenario, { ...(atMs !== undefined ? { untilMs: atMs } : {}), attempts: watch, pace: wallTimePace(ctx.wallClock) });
  loop.observe(watch);
  const unregister = ctx.onInterrupt((signal) => loop.interrupt(signal));
  const result = await loop.run().finally(unregister);
  for (const w of loop.warnings) ctx.stderr(`warning: ${w}\n`);
  const until = `${(result.endMs / 1000).toFixed(3)}s`;
  if (result.status !== 'complete') ctx.stderr(`warning: run ${result.reason ?? `stopped at t=${until}`}: what follows covers it up to there\n`);

  if (!watch.seen) {
    const others = watch.namespacePods;
    const hint = others.length > 0 ? ` (pods in ${namespace} at the end: ${others.slice(0, 8).join(', ')}${others.length > 8 ? ', ...' : ''})` : '';
    ctx.stderr(`error: no pod ${namespace}/${name} existed in ${displayPath(ctx.cwd, args.scenario)} up to t=${until}${hint}\n`);
    return result.signal !== undefined ? signalExit(result.signal) : EXIT.usage;
  }
  const report = explainJson(`${namespace}/${name}`, watch.attempts, watch.phases);
  const { format } = args;
  ctx.stdout(format === 'json' || format === 'yaml' ? printData(report, format) : explainText(report, format === 'wide'));
  return result.signal !== undefined ? signalExit(result.signal) : EXIT.ok;
}
