import { EventQueue, type Keyed } from './queue.js';

/** Simulated time in integer milliseconds since the start of the run. */
export type Millis = number;

/** A scheduled callback. Cancel it with `cancel()`; a cancelled timer never fires. */
export interface Timer {
  readonly time: Millis;
  cancel(): void;
}

class Entry implements Keyed, Timer {
  seq = 0;
  cancelled = false;
  constructor(
    readonly time: Millis,
    readonly fire: () => void,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

export class EngineError extends Error {
  readonly code = 'EngineMisuse';
}

/**
 * The discrete-event core: `now`, `schedule`, `at`, `step`, `run(until)`.
 * Events fire in `(time, seq)` order; events scheduled for the same instant
 * fire in the order they were scheduled. Time is integer milliseconds.
 */
export class Engine {
  private readonly queue = new EventQueue<Entry>();
  private clock: Millis = 0;
  private fired = 0;
  private stopRequested = false;

  get now(): Millis {
    return this.clock;
  }

  /** Events fired so far (cancelled timers not counted). */
  get eventsProcessed(): number {
    return this.fired;
  }

  /** Events waiting, cancelled ones included until they surface. */
  get pending(): number {
    return this.queue.length;
  }

  /** Runs `fire` `delay` ms from now. A negative or non-integer delay is a bug. */
  schedule(delay: Millis, fire: () => void): Timer {
    if (!(delay >= 0) || !Number.isInteger(delay)) {
      throw new EngineError(`invalid delay ${delay}: must be a whole, non-negative number of ms`);
    }
    return this.at(this.clock + delay, fire);
  }

  /** Runs `fire` at absolute time `time` (not before now). */
  at(time: Millis, fire: () => void): Timer {
    if (!(time >= this.clock) || !Number.isInteger(time)) {
      throw new EngineError(`invalid time ${time}: now is ${this.clock}`);
    }
    const entry = new Entry(time, fire);
    this.queue.push(entry);
    return entry;
  }

  /** Time of the next live event, or undefined when none is left. */
  peek(): Millis | undefined {
    this.dropCancelled();
    return this.queue.peek()?.time;
  }

  /** Fires the next event; false when the queue is empty. */
  step(): boolean {
    this.dropCancelled();
    const entry = this.queue.pop();
    if (!entry) return false;
    this.clock = entry.time;
    this.fired++;
    entry.fire();
    return true;
  }

  /**
   * Fires events up to and including `until` (all of them when omitted), then
   * sets the clock to `until`. Stops early after `stop()`, at an event boundary.
   * Returns 'done' when the horizon or an empty queue was reached.
   */
  run(until?: Millis, maxEvents = Infinity): 'done' | 'stopped' | 'maxEvents' {
    this.stopRequested = false;
    for (;;) {
      if (this.stopRequested) return 'stopped';
      const next = this.peek();
      if (next === undefined || (until !== undefined && next > until)) break;
      if (this.fired >= maxEvents) return 'maxEvents';
      this.step();
    }
    if (until !== undefined && until > this.clock) this.clock = until;
    return 'done';
  }

  /**
   * Moves the clock on to `time` between events, firing nothing: for work
   * timed between events that is not an event itself (a trace's samples).
   * No live event may be due before `time`.
   */
  advanceTo(time: Millis): void {
    const next = this.peek();
    if (!(time >= this.clock) || !Number.isInteger(time) || (next !== undefined && next < time)) {
      throw new EngineError(`cannot advance to ${time}: now is ${this.clock}, next event at ${next}`);
    }
    this.clock = time;
  }

  /** Asks a running `run` to return after the event now firing. */
  stop(): void {
    this.stopRequested = true;
  }

  private dropCancelled(): void {
    let head = this.queue.peek();
    while (head?.cancelled) {
      this.queue.pop();
      head = this.queue.peek();
    }
  }
}
