import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, hasErrors } from '../io/diagnostics.js';
import type { Override } from '../io/scenario/overrides.js';
import { writing } from '../io/trace/errors.js';
import { OutputDir, OutputError } from '../io/trace/output-dir.js';
import { TraceRecorder } from '../io/trace/recorder.js';
import { writeRunInfo } from '../io/trace/run-info.js';
import { loadRunnable } from '../sim/load-runnable.js';
import { VERSION } from '../cli/version.js';
import { wallTimePace } from '../sim/pace.js';
import { RunLoop, type StopSignal } from '../sim/run-loop.js';
import { DONE_MARKER } from './folder-layout.js';

/** One run of a sweep, as the run list describes it (plain data: it crosses to worker processes). */
export interface RunRequest {
  /** The run id, `nodes=8/seed=3`. */
  readonly id: string;
  readonly scenario: string;
  readonly overrides: readonly Override[];
  /** The run's folder, absolute. */
  readonly out: string;
  /** Distinguishes the temporary folder (the process id). */
  readonly tag: string;
  /** The `podsim run` command line that gives the same run, for run.json. */
  readonly command: string;
}

export interface RunOutcome {
  readonly id: string;
  /** `complete`/`incomplete`: run.json's status, the folder written; `interrupted`, `failed`: nothing written. */
  readonly status: 'complete' | 'incomplete' | 'interrupted' | 'failed';
  readonly message?: string;
}

/** What a run measures of the process or thread that runs it (run.json). */
export interface RunMeters {
  readonly wallClock: () => number;
  readonly peakMemoryBytes: () => number;
  readonly cpuSeconds: () => number;
}

/**
 * Plays one run out as `podsim run` does (the scenario loaded with the
 * overrides, a RunLoop, a TraceRecorder, run.json) and puts its folder in
 * place atomically (OutputDir), the done marker inside. `stop` is set by
 * the caller to interrupt: the run then ends at an instant boundary and
 * writes nothing. Input problems give `failed` with their text (the sweep
 * checked every grid point first, so this is a file changed since).
 */
export async function runOne(req: RunRequest, meters: RunMeters, stop: { signal?: StopSignal; onStop?: (s: StopSignal) => void }): Promise<RunOutcome> {
  const started = meters.wallClock();
  // The worker process runs run after run: this run's CPU is the difference, not the process's total.
  const cpuAtStart = meters.cpuSeconds();
  const { scenario, diagnostics } = loadRunnable(req.scenario, req.overrides);
  if (!scenario || hasErrors(diagnostics)) {
    return { id: req.id, status: 'failed', message: diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n') };
  }
  const loop = new RunLoop(scenario, { pace: wallTimePace(meters.wallClock) });
  stop.onStop = (s) => loop.interrupt(s);
  if (stop.signal !== undefined) return { id: req.id, status: 'interrupted' };
  let out: OutputDir | undefined;
  let recorder: TraceRecorder | undefined;
  try {
    out = OutputDir.create(req.out, req.tag);
    const { sampleIntervalMs, nodeSamples } = scenario.output;
    recorder = new TraceRecorder({ dir: out.path, engine: loop.clock, sampleIntervalMs, nodeSamples });
    loop.observe(recorder, recorder.sampler);
    const result = await loop.run();
    if (result.status === 'interrupted') {
      recorder.discard();
      out.abort();
      return { id: req.id, status: 'interrupted' };
    }
    recorder.finish(result.endMs, { scenario: scenario.name, seed: scenario.seed, scenarioSha256: scenario.sha256, eventsProcessed: result.eventsProcessed });
    writeRunInfo(out.path, {
      podsimVersion: VERSION,
      command: req.command,
      seed: scenario.seed,
      scenarioSha256: scenario.sha256,
      scenarioFilesSha256: scenario.filesSha256,
      wallClockSeconds: meters.wallClock() - started,
      peakMemoryBytes: meters.peakMemoryBytes(),
      cpuSeconds: meters.cpuSeconds() - cpuAtStart,
      eventsProcessed: result.eventsProcessed,
      status: result.status,
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
    });
    const marker = join(out.path, DONE_MARKER);
    writing(marker, () => writeFileSync(marker, ''));
    out.commit();
    return { id: req.id, status: result.status, ...(result.reason !== undefined ? { message: result.reason } : {}) };
  } catch (e) {
    recorder?.discard();
    out?.abort();
    if (e instanceof OutputError) return { id: req.id, status: 'failed', message: e.message };
    throw e;
  }
}
