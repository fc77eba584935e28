import type { PodTemplate } from '../../model/scenario.js';

/** apimachinery's rand alphabet: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `s` (hash/fnv New32a). */
export function fnv32a(s: string): number {
  let h = FNV32_OFFSET;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= byte;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h;
}

/** rand.SafeEncodeString: each character mapped into the alphabet by its code point. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[(ch.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted at every level and undefined members left out: one text per value. */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(',')}}`;
}

/**
 * controller.ComputeHash for a pod template: FNV-32a of the template, its
 * decimal value safe-encoded (`5d4f8c7b9`). Upstream hashes Go's deep
 * printing of the struct, so the values differ from a real cluster's; the
 * contract kept is the one that matters: equal templates give equal hashes,
 * deterministically. Collisions (collisionCount) are not modelled.
 */
export function computeHash(template: PodTemplate): string {
  return safeEncodeString(String(fnv32a(canonicalJSON(template))));
}
