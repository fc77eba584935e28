import type { Distribution } from '../model/distribution.js';
import type { Rng } from './random.js';

/* Draws from a scenario's Distribution (model/distribution.ts: the model states, the engine draws). */

/** A standard normal draw (Box-Muller; uses two uniforms, keeps no state). */
function standardNormal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * One draw, rounded to a whole unit and clamped to [0, 2^53 - 1]. A constant draws nothing
 * from `rng`, so turning a constant into a distribution elsewhere never shifts
 * this stream.
 */
export function sample(d: Distribution, rng: Rng): number {
  let x: number;
  switch (d.kind) {
    case 'constant':
      return Math.max(0, Math.round(d.value));
    case 'uniform':
      x = d.min + (d.max - d.min) * rng();
      break;
    case 'exponential':
      x = -d.mean * Math.log(1 - rng());
      break;
    case 'lognormal':
      x = d.median * Math.exp(d.sigma * standardNormal(rng));
      break;
    case 'normal':
      x = d.mean + d.stddev * standardNormal(rng);
      break;
  }
  // A heavy tail can overflow (lognormal with a large sigma gives Infinity,
  // or NaN with a median of 0): clamp to the longest time a whole number of
  // ms holds exactly, and NaN to 0.
  if (Number.isNaN(x)) return 0;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.round(x)));
}
