import type { Rng } from '../engine/random.js';

/** The alphabet of apimachinery's rand.String: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Names are at most 63 characters; the prefix is cut to leave room for the suffix. */
const MAX_GENERATED_PREFIX = 63 - 5;

/** `generateName` + 5 random characters, as the API server's SimpleNameGenerator does. */
export function generateName(prefix: string, rng: Rng): string {
  let s = prefix.length > MAX_GENERATED_PREFIX ? prefix.slice(0, MAX_GENERATED_PREFIX) : prefix;
  for (let i = 0; i < 5; i++) s += ALPHANUMS[Math.floor(rng() * ALPHANUMS.length)];
  return s;
}
