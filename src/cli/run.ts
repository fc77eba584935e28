import path from 'node:path';
import { formatDiagnostic } from '../io/diagnostics.js';
import { OutputDir, OutputError } from '../io/trace/output-dir.js';
import { formatRunSummary } from '../io/trace/print-summary.js';
import { TraceRecorder } from '../io/trace/recorder.js';
import { writeRunInfo } from '../io/trace/run-info.js';
import { Simulation } from '../sim/simulation.js';
import { EXIT, displayPath, type CommandContext } from './io.js';
import { loadRunnable } from './load.js';
import { VERSION } from './version.js';

export interface RunArgs {
  readonly scenario: string;
  /** Passed on as `--set seed=...`, so the loader validates it like any field. */
  readonly seed?: string;
  readonly out?: string;
  readonly duration?: string;
  readonly set: readonly string[];
  readonly maxEvents?: number;
}

/**
 * `podsim run`: load, simulate, write the trace folder atomically, print a
 * summary. Exit 0 done, 2 invalid input or unwritable output (nothing
 * written), 130 interrupted (the trace up to then is written, marked so).
 */
export function runCommand(args: RunArgs, ctx: CommandContext): number {
  const started = ctx.wallClock();
  const set = [...args.set];
  if (args.seed !== undefined) set.push(`seed=${args.seed}`);
  if (args.duration !== undefined) set.push(`duration=${args.duration}`);
  const { scenario, diagnostics } = loadRunnable(path.resolve(ctx.cwd, args.scenario), set);
  for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
  if (!scenario) return EXIT.usage;

  const outPath = path.resolve(ctx.cwd, args.out ?? path.join('results', scenario.name));
  let out: OutputDir;
  try {
    out = OutputDir.create(outPath, ctx.runTag);
  } catch (e: unknown) {
    if (e instanceof OutputError) return (ctx.stderr(`error: ${e.message}\n`), EXIT.usage);
    throw e;
  }
  const unregister = ctx.onInterrupt(() => sim.interrupt());
  const sim = new Simulation(scenario, args.maxEvents !== undefined ? { maxEvents: args.maxEvents } : {});
  let recorder: TraceRecorder | undefined;
  try {
    recorder = new TraceRecorder({
      dir: out.path,
      engine: sim.engine,
      cluster: sim.cluster,
      sampleIntervalMs: scenario.output.sampleIntervalMs,
    });
    sim.observe(recorder);
    const result = sim.run();
    const summary = recorder.finish(result.endMs, {
      scenario: scenario.name,
      seed: scenario.seed,
      scenarioSha256: scenario.sha256,
      eventsProcessed: result.eventsProcessed,
    });
    const wall = ctx.wallClock() - started;
    writeRunInfo(out.path, {
      podsimVersion: VERSION,
      command: ctx.argv,
      seed: scenario.seed,
      scenarioSha256: scenario.sha256,
      wallClockSeconds: wall,
      peakMemoryBytes: ctx.peakMemoryBytes(),
      eventsProcessed: result.eventsProcessed,
      status: result.status,
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
    });
    out.commit();
    for (const w of sim.warnings) ctx.stderr(`warning: ${w}\n`);
    ctx.stdout(formatRunSummary(summary, recorder.lastWarnings));
    ctx.stdout(`\nwrote ${displayPath(ctx.cwd, outPath)}/\n`);
    if (result.status === 'incomplete') ctx.stderr(`warning: run incomplete: ${result.reason}\n`);
    if (result.status === 'interrupted') return (ctx.stderr('interrupted: trace written up to the interruption\n'), EXIT.interrupted);
    return EXIT.ok;
  } catch (e: unknown) {
    recorder?.discard();
    out.abort();
    if (e instanceof OutputError) return (ctx.stderr(`error: ${e.message}\n`), EXIT.usage);
    throw e;
  } finally {
    unregister();
  }
}

