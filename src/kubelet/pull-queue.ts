import type { Engine } from '../engine/engine.js';
import type { Millis } from '../model/meta.js';

/** One image pull waiting for, or holding, a slot of the node's puller. */
export interface PullJob {
  /** Set by the owner to drop a job that has not started yet. */
  cancelled: boolean;
  /** The job leaves the queue now; returns how long the pull takes. */
  begin(): Millis;
  /** The pull is over (called even if cancelled after it began). */
  end(): void;
}

/**
 * A node's image puller: FIFO, at most `limit` pulls at once (1 = kubelet's
 * serialImagePuller, more = parallelImagePuller with maxParallelImagePulls,
 * Infinity = unlimited). Jobs start in push order; a finishing pull's `end`
 * runs before the next job begins. Cost: O(1) per push and per start.
 */
export class PullQueue {
  private readonly waiting: PullJob[] = [];
  private head = 0;
  private active = 0;

  constructor(
    private readonly engine: Engine,
    private readonly limit: number,
  ) {}

  /** Pulls running now. */
  get running(): number {
    return this.active;
  }

  push(job: PullJob): void {
    this.waiting.push(job);
    this.pump();
  }

  private pump(): void {
    while (this.active < this.limit && this.head < this.waiting.length) {
      const job = this.waiting[this.head++];
      if (!job || job.cancelled) continue;
      this.active++;
      this.engine.schedule(job.begin(), () => {
        this.active--;
        job.end();
        this.pump();
      });
    }
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
  }
}
