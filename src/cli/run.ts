import path from 'node:path';
import { formatDiagnostic } from '../io/diagnostics.js';
import type { Override } from '../io/scenario/overrides.js';
import { OutputDir, OutputError } from '../io/trace/output-dir.js';
import { formatRunSummary } from '../io/trace/print-summary.js';
import { TraceRecorder } from '../io/trace/recorder.js';
import { writeRunInfo } from '../io/trace/run-info.js';
import type { Scenario } from '../model/scenario.js';
import { eventsAfterTheEnd } from '../sim/horizon.js';
import { wallTimePace } from '../sim/pace.js';
import { RunLoop, type RunResult } from '../sim/run-loop.js';
import { EXIT, displayPath, signalExit, type CommandContext } from './io.js';
import { loadRunnable } from '../sim/load-runnable.js';
import { ProgressBar } from './progress-bar.js';
import { printData, type OutputFormat } from './output-format.js';
import { writeFolderReport } from './report.js';
import { VERSION } from './version.js';

export interface RunArgs {
  readonly scenario: string;
  /** Passed on as an override of spec.seed, so the loader validates it like any field (errors at `--seed:1:1`). */
  readonly seed?: string;
  readonly out?: string;
  readonly duration?: string;
  readonly set: readonly string[];
  /** Stop, marked incomplete, after this many events (default DEFAULT_MAX_EVENTS). */
  readonly maxEvents?: number;
  /** Run the InvariantChecker beside the simulation; violations make the exit code 1. */
  readonly check?: boolean;
  /** Also write report.html into the output folder (podsim report). */
  readonly report?: boolean;
  /** `-o`: json and yaml print summary.json's content instead of the tables (and name the folder on stderr); wide widens them. */
  readonly output?: OutputFormat;
}

/**
 * `podsim run`: load, simulate, write the trace folder atomically, print a
 * summary. Exit 0 done; 1 the run was stopped by --max-events (trace written,
 * marked incomplete) or --check found violations (trace written); 2 invalid
 * input or unwritable output (nothing written); 130 (SIGINT) or 143
 * (SIGTERM) interrupted (the trace up to the interruption is written, marked
 * so in run.json).
 */
export async function runCommand(args: RunArgs, ctx: CommandContext): Promise<number> {
  const started = ctx.wallClock();
  if (args.out !== undefined && args.out.trim() === '') return (ctx.stderr('error: --out needs a folder name\n'), EXIT.usage);
  const set: Override[] = [...args.set];
  if (args.seed !== undefined) set.push({ flag: '--seed', path: 'seed', value: args.seed });
  if (args.duration !== undefined) set.push({ flag: '--duration', path: 'duration', value: args.duration });
  const { scenario, diagnostics } = loadRunnable(path.resolve(ctx.cwd, args.scenario), set);
  for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
  if (!scenario) return EXIT.usage;

  const bar = ctx.progress === true
    ? new ProgressBar(ctx.stderr, ctx.wallClock, () => ({ simulatedMs: loop.clock.now, horizonMs: scenario.durationMs, events: loop.eventsProcessed }))
    : undefined;
  const pace = wallTimePace(ctx.wallClock);
  const loop: RunLoop = new RunLoop(scenario, {
    maxEvents: args.maxEvents,
    check: args.check === true,
    pace: bar ? bar.pacing(pace) : pace,
  });
  const outPath = path.resolve(ctx.cwd, args.out ?? path.join('results', scenario.name));
  let out: OutputDir | undefined;
  let recorder: TraceRecorder | undefined;
  const unregister = ctx.onInterrupt(
    (signal) => loop.interrupt(signal),
    () => (recorder?.discard(), out?.abort()),
  );
  try {
    out = OutputDir.create(outPath, ctx.runTag);
    for (const n of out.takeNotes()) ctx.stderr(`warning: ${n}\n`);
    const { sampleIntervalMs, nodeSamples } = scenario.output;
    recorder = new TraceRecorder({ dir: out.path, engine: loop.clock, sampleIntervalMs, nodeSamples });
    loop.observe(recorder, recorder.sampler);
    const result = await loop.run().finally(() => bar?.clear());
    const summary = recorder.finish(result.endMs, {
      scenario: scenario.name,
      seed: scenario.seed,
      scenarioSha256: scenario.sha256,
      eventsProcessed: result.eventsProcessed,
    });
    writeRunInfo(out.path, {
      podsimVersion: VERSION,
      command: ctx.argv,
      seed: scenario.seed,
      scenarioSha256: scenario.sha256,
      scenarioFilesSha256: scenario.filesSha256,
      wallClockSeconds: ctx.wallClock() - started,
      peakMemoryBytes: ctx.peakMemoryBytes(),
      cpuSeconds: ctx.cpuSeconds(),
      eventsProcessed: result.eventsProcessed,
      status: result.status,
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
    });
    out.commit();
    for (const w of [...loop.warnings, ...out.takeNotes()]) ctx.stderr(`warning: ${w}\n`);
    const { output } = args;
    if (output === 'json' || output === 'yaml') {
      ctx.stdout(printData(summary, output));
      ctx.stderr(`wrote ${displayPath(ctx.cwd, outPath)}/\n`);
    } else {
      ctx.stdout(formatRunSummary(summary, recorder.printFacts, { eventsNeverRun: eventsAfterTheEnd(scenario), wide: output === 'wide', colour: ctx.colour === true }));
      ctx.stdout(`\nwrote ${displayPath(ctx.cwd, outPath)}/\n`);
    }
    if (args.report === true && writeFolderReport(outPath, ctx, output === 'json' || output === 'yaml' ? ctx.stderr : ctx.stdout) !== EXIT.ok) return EXIT.usage;
    return report(result, scenario, displayPath(ctx.cwd, outPath), ctx);
  } catch (e: unknown) {
    recorder?.discard();
    out?.abort();
    if (e instanceof OutputError) return (ctx.stderr(`error: ${e.message}; nothing was written\n`), EXIT.usage);
    throw e;
  } finally {
    unregister();
  }
}

/** The messages after a run (stderr) and its exit code. */
function report(o: RunResult, scenario: Scenario, outDir: string, ctx: CommandContext): number {
  for (const v of o.violations) ctx.stderr(`invariant violated: ${v}\n`);
  if (o.violationCount > o.violations.length) ctx.stderr(`invariant violated: ... and ${o.violationCount - o.violations.length} more\n`);
  if (o.violationCount > 0) {
    ctx.stderr(`error: ${o.violationCount} invariant violation(s): the simulation did what a real cluster cannot; this is a podsim bug, please report it with the scenario\n`);
  }
  const { status } = o;
  if (status === 'incomplete' && o.stalled) {
    ctx.stderr(
      `error: run ${o.reason}: without spec.duration it would never end. The trace in ${outDir}/ ends there and run.json says "incomplete". ` +
        'Set spec.duration (or pass --duration) to simulate a fixed time.\n',
    );
    return EXIT.problems;
  }
  if (status === 'incomplete' && o.stuck) {
    ctx.stderr(
      `error: run stopped: ${o.reason}. The trace in ${outDir}/ ends there and run.json says "incomplete". ` +
        'Look for a loop between components, such as a controller recreating at once the pods another deletes at once.\n',
    );
    return EXIT.problems;
  }
  if (status === 'incomplete') {
    const horizon = scenario.durationMs === undefined ? 'no spec.duration' : `spec.duration ${(scenario.durationMs / 1000).toFixed(3)}s`;
    const busiest = o.busiest === '' ? '' : ` ${o.busiest}`;
    ctx.stderr(
      `error: run ${o.reason} (${horizon}): the trace in ${outDir}/ ends there and run.json says "incomplete".` +
        `${busiest} Raise --max-events if the run is just long, or shorten the run (--duration) or look for a workload that never settles.\n`,
    );
    return EXIT.problems;
  }
  if (status === 'interrupted') {
    const what = o.signal === 'SIGTERM' ? 'terminated (SIGTERM)' : 'interrupted';
    const t = `t=${(o.endMs / 1000).toFixed(3)}s`;
    const upTo = o.instantCut ? `holds everything before ${t} and part of that instant (too busy to finish)` : `is complete up to ${t}`;
    ctx.stderr(`${what}: the trace in ${outDir}/ ${upTo}; run.json says "interrupted"\n`);
    return signalExit(o.signal ?? 'SIGINT');
  }
  return o.violationCount > 0 ? EXIT.problems : EXIT.ok;
}
