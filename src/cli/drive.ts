import type { KubeEvent } from '../api/event.js';
import type { Millis } from '../model/meta.js';
import type { RunResult, Simulation } from '../sim/simulation.js';

/** Events fired between two looks at the process (a SIGINT): a few milliseconds of work, so Ctrl-C is felt at once. */
export const SLICE_EVENTS = 2_000;

export interface DriveOptions {
  /** Stop, status 'incomplete', once this many events have fired. */
  readonly maxEvents: number;
  /** Lets the process deliver signals between slices (setImmediate in the CLI). */
  readonly yieldToProcess: () => Promise<void>;
  readonly sliceEvents?: number;
  /** Looked at between slices: a reason to stop (status 'incomplete') when the run has stalled. */
  readonly stalled?: () => string | undefined;
}

/**
 * Runs a simulation to its horizon (or until nothing is left to happen) in
 * slices of events, yielding to the process between slices: JavaScript runs
 * a SIGINT handler only when the synchronous work in progress returns, so a
 * run done in one call could not be interrupted at all.
 *
 * `interrupt()` (from a SIGINT handler) ends the run at an instant boundary:
 * the events of the instant in progress still fire, so the trace is that of a
 * run whose horizon was that instant. The slices change nothing else: the
 * same events fire in the same order.
 */
export class SimulationDriver {
  private interrupted = false;

  constructor(
    private readonly sim: Simulation,
    private readonly options: DriveOptions,
  ) {}

  interrupt(): void {
    this.interrupted = true;
    this.sim.interrupt();
  }

  async run(): Promise<RunResult> {
    const { engine, scenario } = this.sim;
    const { maxEvents } = this.options;
    const slice = this.options.sliceEvents ?? SLICE_EVENTS;
    for (;;) {
      if (this.interrupted) {
        const outcome = engine.run(engine.now, maxEvents);
        if (outcome === 'maxEvents') return this.incomplete();
        return { status: 'interrupted', endMs: engine.now, eventsProcessed: engine.eventsProcessed, reason: `interrupted (SIGINT) at t=${seconds(engine.now)}` };
      }
      const outcome = engine.run(scenario.durationMs, Math.min(engine.eventsProcessed + slice, maxEvents));
      if (outcome === 'done') return { status: 'complete', endMs: engine.now, eventsProcessed: engine.eventsProcessed };
      if (outcome === 'maxEvents' && engine.eventsProcessed >= maxEvents) return this.incomplete();
      const stalled = this.options.stalled?.();
      if (stalled !== undefined) return { status: 'incomplete', endMs: engine.now, eventsProcessed: engine.eventsProcessed, reason: stalled };
      await this.options.yieldToProcess();
    }
  }

  private incomplete(): RunResult {
    const { engine } = this.sim;
    const reason = `stopped after --max-events ${this.options.maxEvents} events at t=${seconds(engine.now)}`;
    return { status: 'incomplete', endMs: engine.now, eventsProcessed: engine.eventsProcessed, reason };
  }
}

/**
 * Counts Kubernetes events by reason (a watcher), so that a run stopped by
 * --max-events can say what kept it busy.
 */
export class EventReasons {
  private readonly counts = new Map<string, number>();
  private total = 0;

  eventRecorded(e: KubeEvent): void {
    this.total++;
    this.counts.set(`${e.kind} ${e.reason}`, (this.counts.get(`${e.kind} ${e.reason}`) ?? 0) + 1);
  }

  /** The `n` most frequent, `Pod BackOff (41%)`; ties in first-seen order. */
  top(n: number): string[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([reason, count]) => `${reason} (${Math.round((100 * count) / this.total)}%)`);
  }

  /**
   * What kept a run of `eventsProcessed` events busy, as a sentence: the 3
   * most frequent Kubernetes events, unless most of the events processed
   * recorded none (a controller re-queuing a workload, timers): then that,
   * without naming Kubernetes events that only happened alongside.
   */
  busiest(eventsProcessed: number): string {
    if (2 * this.total < eventsProcessed) {
      return `Only ${this.total} of the ${eventsProcessed} events processed recorded a Kubernetes event: most were the components' own work, such as a controller re-queuing a workload.`;
    }
    const top = this.top(3);
    return top.length === 0 ? '' : `The most frequent events: ${top.join(', ')}.`;
  }
}

function seconds(ms: Millis): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
