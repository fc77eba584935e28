import type { Rng } from '../engine/random.js';

/** The alphabet of apimachinery's rand.String: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Names are at most 63 characters; the prefix is cut to leave room for the suffix. */
const MAX_GENERATED_PREFIX = 63 - 5;

/** `generateName` + 5 random characters, as the API server's SimpleNameGenerator does. */
export function generateName(prefix: string, rng: Rng): string {
  const base = prefix.length > MAX_GENERATED_PREFIX ? prefix.slice(0, MAX_GENERATED_PREFIX) : prefix;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMS[Math.floor(rng() * ALPHANUMS.length)];
  // One flat string: appending to the prefix would keep a chain of five 32-byte rope nodes in every live pod's
  // name (160 bytes where the flat string takes 40).
  return [base, suffix].join('');
}
