import type { PodTemplate } from '../model/scenario.js';

/**
 * `controller.ComputeHash` (pkg/controller/controller_utils.go), shared by
 * the Deployment (pod-template-hash) and DaemonSet (controller-revision-hash)
 * controllers: FNV-32a over the template (then, if set, collisionCount as 8
 * little-endian bytes), the decimal of the sum mapped through
 * rand.SafeEncodeString.
 *
 * Upstream feeds FNV with the template as spew prints the Go struct
 * (`DeepHashObject`); podsim feeds it its own canonical serialization of
 * PodTemplate (JSON with sorted keys, undefined fields left out). The value
 * therefore differs from a real cluster's hash for the same template, but it
 * is deterministic, has the same alphabet and length range, and changes
 * exactly when the template changes.
 */

/** rand.SafeEncodeString's alphabet: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted by code unit and undefined members omitted. */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(',')}}`;
}

/** FNV-1a, 32 bits (hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** rand.SafeEncodeString: each character's code modulo 27 picks a safe character. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const c of s) out += ALPHANUMS[(c.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

const encoder = new TextEncoder();

/** ComputeHash(template, collisionCount). */
export function computeHash(template: PodTemplate, collisionCount?: number): string {
  let h = fnv32a(encoder.encode(canonicalJSON(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
