import seedrandom from 'seedrandom';

/** A uniform source on [0, 1). */
export type Rng = () => number;

/**
 * Named random streams derived from one seed. Each purpose (arrivals,
 * durations, exits, pulls, tie-breaks...) draws from its own stream, so a
 * change that adds draws to one purpose leaves every other purpose's draws
 * unchanged. The same (seed, name) always yields the same sequence.
 */
export class RandomStreams {
  private readonly streams = new Map<string, Rng>();

  constructor(readonly seed: number) {}

  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      const prng = seedrandom(`podsim:${this.seed}:${name}`);
      rng = () => prng.quick();
      this.streams.set(name, rng);
    }
    return rng;
  }
}
