import type { ClusterWatcher } from '../api/cluster.js';
import { InvariantChecker } from '../check/invariant-checker.js';
import { formatViolation } from '../check/violation.js';
import type { Millis } from '../model/meta.js';
import type { Scenario } from '../model/scenario.js';
import type { AttemptWatch } from '../scheduler/attempt-watch.js';
import { EventReasons } from './event-reasons.js';
import { InstantWatch } from './instant-watch.js';
import type { Pace } from './pace.js';
import { Progress, STALL_CHECK_EVENTS, scriptEndMs, stalledReason } from './progress.js';
import { Simulation } from './simulation.js';
import { DEFAULT_MAX_EVENTS } from './max-events.js';

export type RunStatus = 'complete' | 'interrupted' | 'incomplete';

/** The signals that stop a run at an instant boundary. */
export type StopSignal = 'SIGINT' | 'SIGTERM';


/**
 * Work timed at simulated instants that is not an engine event: nodes.csv's
 * samples. The loop takes each tick in time order with the events (a tick at
 * t after every event at t, before any later one), moving the clock on to it,
 * and counts it as an event for --max-events. Ticks add no engine event, so
 * `eventsProcessed` and every trace row stay what they were.
 */
export interface Ticker {
  /** What a tick is, plural, for messages: `node samples`. */
  readonly name: string;
  /** When the next tick falls. */
  readonly nextTickMs: Millis;
  tick(): void;
}

export interface RunLoopOptions {
  /** Stop, status 'incomplete', once this many events (engine events and ticks) have been taken. */
  readonly maxEvents?: number;
  /** Stop at this simulated time, or spec.duration if earlier (explain --at). */
  readonly untilMs?: Millis;
  /** Check Kubernetes' invariants as the run goes (--check). */
  readonly check?: boolean;
  /** Scheduling attempts to report, with every node's evaluation (explain). */
  readonly attempts?: AttemptWatch;
  /** When to yield to the process (signals); without it the run never yields. */
  readonly pace?: Pace;
  /** Stop, status 'incomplete' and `stuck`, once this many engine events fire at one simulated instant (default: the rule of instant-watch.ts). */
  readonly maxEventsPerInstant?: number;
  /** After an interrupt, the most engine events that still fire to finish the instant in progress (default FINISH_INSTANT_EVENTS). */
  readonly finishInstantEvents?: number;
}

/**
 * After an interrupt, at most this many more engine events finish the instant
 * in progress (well under a second of work at any cluster size); an instant
 * denser than that (the first instant of a 10,000-node cluster: seconds) is
 * cut at an event boundary instead, and the reason says so.
 */
export const FINISH_INSTANT_EVENTS = 20_000;

export interface RunResult {
  readonly status: RunStatus;
  /** The simulated time the run ended at. */
  readonly endMs: Millis;
  /** Engine events fired (summary.json's events_processed). */
  readonly eventsProcessed: number;
  /** Ticks taken (nodes.csv samples). */
  readonly ticks: number;
  /** Why the run is incomplete or interrupted. */
  readonly reason?: string;
  /** The signal that interrupted it. */
  readonly signal?: StopSignal;
  /** Incomplete because a run without a horizon only retried (see progress.ts). */
  readonly stalled: boolean;
  /** Incomplete because simulated time stopped advancing: too many events at one instant (see instant-watch.ts). */
  readonly stuck: boolean;
  /** Interrupted partway through its last instant (finishInstantEvents): some events of `endMs` did not fire. */
  readonly instantCut: boolean;
  /** The first invariant violations, formatted (--check), and how many there were in all. */
  readonly violations: readonly string[];
  readonly violationCount: number;
  /** What kept a long run busy (EventReasons.busiest): the most frequent Kubernetes events, `Pod BackOff (41%)`, or that most events recorded none. */
  readonly busiest: string;
}

/** Steps (events or ticks) between two looks at the pace: a few microseconds of work, a wall-clock read each. */
const LOOK_EVERY = 8;

const seconds = (ms: Millis) => `${(ms / 1000).toFixed(3)}s`;

/**
 * The one way a scenario is played out (`podsim run`, `podsim explain`, the
 * benchmarks): builds the Simulation, takes observers, then `run()` fires
 * events in (time, seq) order, with the ticks between them, until:
 *   - the horizon (spec.duration or `untilMs`): status 'complete', the clock
 *     set to the horizon; or, without one, nothing is left to happen;
 *   - `maxEvents` events and ticks: 'incomplete';
 *   - a run without a horizon that has only retried for a day (checked every
 *     STALL_CHECK_EVENTS engine events): 'incomplete', `stalled`;
 *   - `maxEventsPerInstant` engine events at one simulated instant (time no
 *     longer advancing, InstantWatch): 'incomplete', `stuck`;
 *   - `interrupt(signal)`: the events of the instant in progress still
 *     fire, then 'interrupted': the trace is that of a run whose horizon was
 *     that instant. An instant with more than `finishInstantEvents` events
 *     left is cut at an event boundary ('interrupted', its reason saying
 *     `partway through`), so a signal is honoured within a bounded amount of
 *     work however dense the instant.
 * Every few steps it asks `pace` whether to yield to the process, so that a
 * signal is heard within the pace's budget however dense or sparse the
 * events (a quiet tail of samples included). None of this changes what
 * fires: the same scenario and seed give the same events whatever the pace.
 */
export class RunLoop {
  private readonly sim: Simulation;
  private readonly maxEvents: number;
  private readonly horizon: Millis | undefined;
  private readonly progress: Progress | undefined;
  /** scriptEndMs of the scenario, for the stall check (a run without a horizon). */
  private readonly scriptEnd: Millis = 0;
  private readonly reasons = new EventReasons();
  private readonly instant: InstantWatch;
  private readonly checker: InvariantChecker | undefined;
  private ticker: Ticker | undefined;
  private ticks = 0;
  private signal: StopSignal | undefined;
  /** Set by `interrupt`: the instant to finish before stopping. */
  private stopAt: Millis | undefined;
  /** Set by `interrupt`: the engine event count past which the instant is cut. */
  private cutAfter = Infinity;
  private started = false;

  constructor(
    readonly scenario: Scenario,
    private readonly options: RunLoopOptions = {},
  ) {
    this.sim = new Simulation(scenario, options.attempts ? { attempts: options.attempts } : {});
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    const { durationMs } = scenario;
    const until = options.untilMs;
    this.horizon = durationMs === undefined ? until : until === undefined ? durationMs : Math.min(durationMs, until);
    if (this.horizon === undefined) {
      this.progress = new Progress(this.sim.cluster);
      this.scriptEnd = scriptEndMs(scenario);
      this.sim.observe(this.progress);
    }
    if (options.check) {
      this.checker = new InvariantChecker(this.sim.cluster, { apiLatencyMs: scenario.controlPlane.apiLatencyMs });
      this.sim.observe(this.checker);
    }
    this.sim.observe(this.reasons);
    const { cluster } = this.sim;
    this.instant = new InstantWatch(() => cluster.podCount + cluster.nodeCount, options.maxEventsPerInstant);
    this.sim.observe(this.instant);
  }

  /** The simulated clock, for observers that stamp what they hear. */
  get clock(): { readonly now: Millis } {
    return this.sim.engine;
  }

  /** Engine events fired so far (progress display). */
  get eventsProcessed(): number {
    return this.sim.engine.eventsProcessed;
  }

  /** Problems met while running that the user should hear about (stderr). */
  get warnings(): readonly string[] {
    return this.sim.warnings;
  }

  /**
   * Adds an observer, and the ticker whose ticks it takes (at most one in
   * all). Before `run()`: it hears every change from t=0 on.
   */
  observe(watcher: ClusterWatcher, ticker?: Ticker): void {
    if (this.started) throw new Error('RunLoop.observe: the run has started');
    if (ticker !== undefined) {
      if (this.ticker !== undefined) throw new Error('RunLoop.observe: a ticker is already set');
      this.ticker = ticker;
    }
    this.sim.observe(watcher);
  }

  /** Ends the run at the end of the instant in progress, or cuts it (finishInstantEvents); the first signal only: later calls change nothing. */
  interrupt(signal: StopSignal): void {
    if (this.signal !== undefined) return;
    this.signal = signal;
    this.stopAt = this.sim.engine.now;
    this.cutAfter = this.sim.engine.eventsProcessed + (this.options.finishInstantEvents ?? FINISH_INSTANT_EVENTS);
  }

  async run(): Promise<RunResult> {
    if (this.started) throw new Error('RunLoop.run: called twice');
    this.started = true;
    const { engine } = this.sim;
    const { pace } = this.options;
    let look = 0;
    for (;;) {
      if (engine.eventsProcessed + this.ticks >= this.maxEvents) return this.result('incomplete', this.maxEventsReason());
      if (engine.eventsProcessed >= this.cutAfter && engine.peek() === engine.now) {
        return this.result('interrupted', `interrupted (${this.signal}) at t=${seconds(engine.now)}, partway through that instant`, false, false, true);
      }
      const horizon = this.stopAt ?? this.horizon;
      const next = engine.peek();
      const eventDue = next !== undefined && (horizon === undefined || next <= horizon);
      const tickAt = this.ticker?.nextTickMs;
      const tickDue = tickAt !== undefined && (eventDue ? tickAt < (next as Millis) : horizon !== undefined && tickAt <= horizon);
      if (tickDue) {
        engine.advanceTo(tickAt);
        this.ticker?.tick();
        this.ticks++;
      } else if (eventDue) {
        engine.step();
        if (this.instant.stepped(engine.now)) return this.result('incomplete', this.instant.reason(), false, true);
        if (this.progress !== undefined && engine.eventsProcessed % STALL_CHECK_EVENTS === 0) {
          const stalled = stalledReason(engine.now, this.progress, this.scriptEnd);
          if (stalled !== undefined) return this.result('incomplete', stalled, true);
        }
      } else break;
      if (++look === LOOK_EVERY) {
        look = 0;
        if (pace?.due()) await pace.pause();
      }
    }
    const horizon = this.stopAt ?? this.horizon;
    if (horizon !== undefined && horizon > engine.now) engine.advanceTo(horizon);
    // A signal heard as the run reached its end interrupted nothing.
    const reachedEnd = this.horizon !== undefined ? engine.now >= this.horizon : engine.peek() === undefined;
    if (this.signal !== undefined && !reachedEnd) return this.result('interrupted', `interrupted (${this.signal}) at t=${seconds(engine.now)}`);
    return this.result('complete');
  }

  private maxEventsReason(): string {
    const { engine } = this.sim;
    const split = this.ticks > 0 ? ` (${engine.eventsProcessed} simulation events, ${this.ticks} ${this.ticker?.name ?? 'ticks'})` : '';
    return `stopped after --max-events ${this.maxEvents} events${split} at t=${seconds(engine.now)}`;
  }

  private result(status: RunStatus, reason?: string, stalled = false, stuck = false, instantCut = false): RunResult {
    const { engine } = this.sim;
    const violations = this.checker ? this.checker.finish().map(formatViolation) : [];
    return {
      status,
      endMs: engine.now,
      eventsProcessed: engine.eventsProcessed,
      ticks: this.ticks,
      ...(reason !== undefined ? { reason } : {}),
      ...(status === 'interrupted' && this.signal !== undefined ? { signal: this.signal } : {}),
      stalled,
      stuck,
      instantCut,
      violations,
      violationCount: this.checker?.violationCount ?? 0,
      busiest: this.reasons.busiest(engine.eventsProcessed),
    };
  }
}
