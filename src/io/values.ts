import { parseDuration } from '../model/duration.js';
import { type Quantity, formatQuantity, isNegative, parseQuantity, resourceAmount } from '../model/quantity.js';
import type { Millis } from '../model/meta.js';
import { setOwn } from '../model/records.js';
import type { ResourceList } from '../model/resources.js';
import type { Field } from './yaml/field.js';

/** `must be greater than or equal to 0` (apimachinery's IsNegativeErrorMsg). */
export const IS_NEGATIVE = 'must be greater than or equal to 0';

/** A quantity (`500m`, `1Gi`, `2`); a malformed one reports upstream's parse error at the field. */
export function readQuantity(field: Field): Quantity | undefined {
  const raw = field.scalar();
  if (raw === undefined) return undefined;
  const input = typeof raw === 'number' ? numberAsWritten(raw, field) : String(raw);
  const parsed = parseQuantity(input);
  if (!parsed.ok) {
    field.invalid(raw === input ? raw : input, parsed.message);
    return undefined;
  }
  if (parsed.value.nanos > MAX_QUANTITY_NANOS || parsed.value.nanos < -MAX_QUANTITY_NANOS) {
    field.invalid(input, `too large: podsim holds quantities up to ${MAX_INT64} (a 64-bit integer)`);
    return undefined;
  }
  return parsed.value;
}

const MAX_INT64 = 9_223_372_036_854_775_807n;
const MAX_QUANTITY_NANOS = MAX_INT64 * 1_000_000_000n;

/**
 * A YAML number as the API server would read it: its text as written when
 * a JavaScript number cannot hold it exactly (`1e400`, `99999999999999999`),
 * else the number.
 */
function numberAsWritten(n: number, field: Field): string | number {
  const exact = Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n));
  const text = field.sourceText;
  return exact || text === undefined || !/^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$/.test(text) ? n : text;
}

/** A resource list as quantities by name (keys in written order); negative values reported. */
export function readQuantities(field: Field): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const { key, field: f } of field.entries()) {
    const q = readQuantity(f);
    if (q === undefined) continue;
    if (isNegative(q)) f.invalid(formatQuantity(q), IS_NEGATIVE);
    out.set(key, q);
  }
  return out;
}

/** Quantities in podsim's units (millicores for cpu, whole units otherwise). */
export function toResourceList(quantities: ReadonlyMap<string, Quantity>): ResourceList {
  const out: Record<string, number> = {};
  for (const [name, q] of quantities) setOwn(out, name, resourceAmount(name, q));
  return out;
}

/** A non-negative size in bytes (image sizes, bandwidth), rounded up. */
export function readBytes(field: Field): number | undefined {
  const q = readQuantity(field);
  if (q === undefined) return undefined;
  if (isNegative(q)) {
    field.invalid(formatQuantity(q), IS_NEGATIVE);
    return undefined;
  }
  return resourceAmount('memory', q);
}

/** A non-negative duration (`250ms`, `1h30m`, or a number of seconds) in ms. */
export function readDuration(field: Field): Millis | undefined {
  const raw = field.scalar();
  if (raw === undefined) return undefined;
  if (typeof raw === 'boolean') {
    field.invalid(raw, 'must be a duration such as "90s" or a number of seconds');
    return undefined;
  }
  const parsed = parseDuration(raw);
  if (!parsed.ok) {
    field.invalid(raw, parsed.message);
    return undefined;
  }
  if (parsed.ms < 0) {
    field.invalid(raw, IS_NEGATIVE);
    return undefined;
  }
  return parsed.ms;
}

/** An integer >= min. */
export function readIntAtLeast(field: Field, min: number): number | undefined {
  const v = field.integer();
  if (v === undefined) return undefined;
  if (v < min) {
    field.invalid(v, min === 0 ? IS_NEGATIVE : `must be greater than or equal to ${min}`);
    return undefined;
  }
  return v;
}

/**
 * The most nodes a run may have: each node gets a /24 pod range of 10.0.0.0/8
 * (sim/materialize.ts), and a larger count would be created in one event
 * that no --max-events could stop.
 */
export const MAX_NODES = 65_536;

/** A node count (nodePools[].count, addNodes.count): an integer from `min` to MAX_NODES. */
export function readNodeCount(field: Field, min: number): number | undefined {
  const v = readIntAtLeast(field, min);
  if (v === undefined || v <= MAX_NODES) return v;
  field.invalid(v, `must be less than or equal to ${MAX_NODES} (podsim's limit on nodes)`);
  return undefined;
}

/** A probability in [0,1]. */
export function readProbability(field: Field): number | undefined {
  const v = field.number();
  if (v === undefined) return undefined;
  if (v < 0 || v > 1) {
    field.invalid(v, 'must be between 0 and 1, inclusive');
    return undefined;
  }
  return v;
}

/** A string among `supported`; anything else is the API server's Unsupported value. */
export function readEnum<T extends string>(field: Field, supported: readonly T[]): T | undefined {
  const v = field.string();
  if (v === undefined) return undefined;
  if (!(supported as readonly string[]).includes(v)) {
    field.unsupported(v, supported);
    return undefined;
  }
  return v as T;
}

/** An enum the API server defaults when unset or empty (`restartPolicy: ""` means Always). */
export function readDefaultedEnum<T extends string>(field: Field, supported: readonly T[], fallback: T): T {
  if (!field.present || field.scalar() === '') return fallback;
  return readEnum(field, supported) ?? fallback;
}
