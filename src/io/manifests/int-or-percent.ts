import { regexError } from '../../model/label-validation.js';
import type { IntOrPercent } from '../../model/workloads.js';
import { fieldMessage } from '../field-errors.js';
import { IS_NEGATIVE } from '../values.js';
import type { Field } from '../yaml/field.js';

/** intstr.IntOrString fields of the apps API (maxSurge, maxUnavailable), read and validated as the API server does. */

const PERCENT = /^[0-9]+%$/;
const PERCENT_ERR = regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%');

/** An intstr.IntOrString as written: a whole number or a string. */
export type IntOrString = number | string;

export function invalidIntOrString(f: Field, v: IntOrString, detail: string): void {
  f.report('error', 'field-invalid', fieldMessage(f.path, `Invalid value: ${JSON.stringify(v)}: ${detail}`));
}

/** getIntOrPercentValue: the percentage, else the integer (a string that is neither counts as 0, as IntValue does). */
export function intOrPercentValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  if (PERCENT.test(v)) return Number(v.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

/** A written percentage above 100 (IsNotMoreThan100Percent). */
export function isOver100Percent(v: IntOrString): boolean {
  return typeof v === 'string' && PERCENT.test(v) && intOrPercentValue(v) > 100;
}

/** ValidatePositiveIntOrPercent; the value to simulate with (the default when invalid) and the value as written. */
export function readIntOrPercent(f: Field, fallback: IntOrPercent): { value: IntOrPercent; written: IntOrString } {
  const raw = f.scalar();
  if (raw === undefined) return { value: fallback, written: fallback };
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) {
    if (raw >= 0) return { value: raw, written: raw };
    f.invalid(raw, IS_NEGATIVE);
    return { value: fallback, written: raw };
  }
  if (typeof raw === 'string') {
    if (PERCENT.test(raw)) return { value: raw as IntOrPercent, written: raw };
    invalidIntOrString(f, raw, PERCENT_ERR);
    return { value: fallback, written: raw };
  }
  f.invalid(raw, "must be an integer or percentage (e.g '5%')");
  return { value: fallback, written: 0 };
}
