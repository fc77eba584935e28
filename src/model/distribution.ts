/**
 * A distribution of non-negative values, as a scenario states it (podsim uses
 * it for milliseconds: container run times, interarrival times). A
 * description only: drawing from one is the engine's (engine/distributions.ts).
 */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number };
