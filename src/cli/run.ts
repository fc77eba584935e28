import path from 'node:path';
import { InvariantChecker } from '../check/invariant-checker.js';
import { formatViolation } from '../check/violation.js';
import { formatDiagnostic } from '../io/diagnostics.js';
import { OutputDir, OutputError } from '../io/trace/output-dir.js';
import { formatRunSummary } from '../io/trace/print-summary.js';
import { TraceRecorder } from '../io/trace/recorder.js';
import { writeRunInfo } from '../io/trace/run-info.js';
import type { Scenario } from '../model/scenario.js';
import { eventsAfterTheEnd } from '../sim/horizon.js';
import { DEFAULT_MAX_EVENTS, Simulation, type RunResult } from '../sim/simulation.js';
import { EventReasons, SimulationDriver } from './drive.js';
import { Progress, STALL_MS } from './stall.js';
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
  /** Stop, marked incomplete, after this many events (default DEFAULT_MAX_EVENTS). */
  readonly maxEvents?: number;
  /** Run the InvariantChecker beside the simulation; violations make the exit code 1. */
  readonly check?: boolean;
}

/** What one run produced, for the messages after it. */
interface Outcome {
  readonly result: RunResult;
  readonly violations: readonly string[];
  readonly violationCount: number;
  readonly busiest: readonly string[];
}

/**
 * `podsim run`: load, simulate, write the trace folder atomically, print a
 * summary. Exit 0 done; 1 the run was stopped by --max-events (trace written,
 * marked incomplete) or --check found violations (trace written); 2 invalid
 * input or unwritable output (nothing written); 130 interrupted (the trace up
 * to the interruption is written, marked so in run.json).
 */
export async function runCommand(args: RunArgs, ctx: CommandContext): Promise<number> {
  const started = ctx.wallClock();
  const set = [...args.set];
  if (args.seed !== undefined) set.push(`seed=${args.seed}`);
  if (args.duration !== undefined) set.push(`duration=${args.duration}`);
  const { scenario, diagnostics } = loadRunnable(path.resolve(ctx.cwd, args.scenario), set);
  for (const d of diagnostics) ctx.stderr(formatDiagnostic({ ...d, file: displayPath(ctx.cwd, d.file) }) + '\n');
  if (!scenario) return EXIT.usage;

  const sim = new Simulation(scenario);
  const progress = new Progress(sim.cluster);
  const driver = new SimulationDriver(sim, {
    maxEvents: args.maxEvents ?? DEFAULT_MAX_EVENTS,
    yieldToProcess: () => new Promise((resolve) => setImmediate(resolve)),
    ...(scenario.durationMs === undefined ? { stalled: () => stalledReason(sim, progress) } : {}),
  });
  const outPath = path.resolve(ctx.cwd, args.out ?? path.join('results', scenario.name));
  let out: OutputDir | undefined;
  let recorder: TraceRecorder | undefined;
  const unregister = ctx.onInterrupt(
    () => driver.interrupt(),
    () => (recorder?.discard(), out?.abort()),
  );
  try {
    out = OutputDir.create(outPath, ctx.runTag);
    recorder = new TraceRecorder({ dir: out.path, engine: sim.engine, cluster: sim.cluster, sampleIntervalMs: scenario.output.sampleIntervalMs });
    sim.observe(recorder);
    sim.observe(progress);
    const outcome = await simulate(sim, driver, scenario, args.check === true);
    const summary = recorder.finish(outcome.result.endMs, {
      scenario: scenario.name,
      seed: scenario.seed,
      scenarioSha256: scenario.sha256,
      eventsProcessed: outcome.result.eventsProcessed,
    });
    writeRunInfo(out.path, {
      podsimVersion: VERSION,
      command: ctx.argv,
      seed: scenario.seed,
      scenarioSha256: scenario.sha256,
      wallClockSeconds: ctx.wallClock() - started,
      peakMemoryBytes: ctx.peakMemoryBytes(),
      cpuSeconds: ctx.cpuSeconds(),
      eventsProcessed: outcome.result.eventsProcessed,
      status: outcome.result.status,
      ...(outcome.result.reason !== undefined ? { reason: outcome.result.reason } : {}),
    });
    out.commit();
    for (const w of sim.warnings) ctx.stderr(`warning: ${w}\n`);
    ctx.stdout(formatRunSummary(summary, recorder.lastWarnings, eventsAfterTheEnd(scenario)));
    ctx.stdout(`\nwrote ${displayPath(ctx.cwd, outPath)}/\n`);
    return report(outcome, scenario, displayPath(ctx.cwd, outPath), ctx);
  } catch (e: unknown) {
    recorder?.discard();
    out?.abort();
    if (e instanceof OutputError) return (ctx.stderr(`error: ${e.message}; nothing was written\n`), EXIT.usage);
    throw e;
  } finally {
    unregister();
  }
}

async function simulate(sim: Simulation, driver: SimulationDriver, scenario: Scenario, check: boolean): Promise<Outcome> {
  const checker = check ? new InvariantChecker(sim.cluster, { apiLatencyMs: scenario.controlPlane.apiLatencyMs }) : undefined;
  if (checker) sim.observe(checker);
  const reasons = new EventReasons();
  sim.observe(reasons);
  const result = await driver.run();
  const violations = checker ? checker.finish().map(formatViolation) : [];
  return { result, violations, violationCount: checker?.violationCount ?? 0, busiest: reasons.top(3) };
}

const STALLED = 'stalled';

/** When the scenario's own timeline ends: its last timed event (and heal), its last arrival; Infinity when arrivals have no until. */
function scriptEndMs(scenario: Scenario): number {
  const events = scenario.events.map((e) => e.at + (e.forMs ?? 0));
  const arrivals = scenario.arrivals.map((a) => a.untilMs ?? Infinity);
  return Math.max(0, ...events, ...arrivals);
}

/**
 * A reason to stop a run without spec.duration once nothing has changed for
 * STALL_MS after the scenario's timeline is over (an event later on, such as
 * addNodes, could still unblock it).
 */
function stalledReason(sim: Simulation, progress: Progress): string | undefined {
  const since = Math.max(progress.lastChangeMs, scriptEndMs(sim.scenario));
  if (sim.engine.now - since <= STALL_MS) return undefined;
  return `${STALLED} at t=${(sim.engine.now / 1000).toFixed(3)}s: nothing has changed since t=${(progress.lastChangeMs / 1000).toFixed(3)}s but retries (${progress.stuck()})`;
}

/** The messages after a run (stderr) and its exit code. */
function report(o: Outcome, scenario: Scenario, outDir: string, ctx: CommandContext): number {
  for (const v of o.violations) ctx.stderr(`invariant violated: ${v}\n`);
  if (o.violationCount > o.violations.length) ctx.stderr(`invariant violated: ... and ${o.violationCount - o.violations.length} more\n`);
  if (o.violationCount > 0) {
    ctx.stderr(`error: ${o.violationCount} invariant violation(s): the simulation did what a real cluster cannot; this is a podsim bug, please report it with the scenario\n`);
  }
  const { status } = o.result;
  if (status === 'incomplete' && o.result.reason?.startsWith(STALLED)) {
    ctx.stderr(
      `error: run ${o.result.reason}: without spec.duration it would never end. The trace in ${outDir}/ ends there and run.json says "incomplete". ` +
        'Set spec.duration (or pass --duration) to simulate a fixed time.\n',
    );
    return EXIT.problems;
  }
  if (status === 'incomplete') {
    const horizon = scenario.durationMs === undefined ? 'no spec.duration' : `spec.duration ${(scenario.durationMs / 1000).toFixed(3)}s`;
    const busiest = o.busiest.length > 0 ? ` The most frequent events: ${o.busiest.join(', ')}.` : '';
    ctx.stderr(
      `error: run ${o.result.reason} (${horizon}): the trace in ${outDir}/ ends there and run.json says "incomplete".` +
        `${busiest} Raise --max-events if the run is just long, or shorten the run (--duration) or look for a workload that never settles.\n`,
    );
    return EXIT.problems;
  }
  if (status === 'interrupted') {
    ctx.stderr(`interrupted: the trace in ${outDir}/ is complete up to t=${(o.result.endMs / 1000).toFixed(3)}s; run.json says "interrupted"\n`);
    return EXIT.interrupted;
  }
  return o.violationCount > 0 ? EXIT.problems : EXIT.ok;
}
