import type { JobSpec } from '../../model/workloads.js';
import { fieldMessage } from '../field-errors.js';
import { readIntAtLeast } from '../values.js';
import type { Field } from '../yaml/field.js';
import { tooMany } from './job-pod-failure-policy.js';

/*
 * Job spec.successPolicy (JobSuccessPolicy, GA in 1.33) as
 * pkg/apis/batch/validation/validation.go validateSuccessPolicy checks it.
 */

/** maxSuccessPolicyRule. */
const MAX_RULES = 20;
/** maxJobSuccessPolicySucceededIndexesLimit. */
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

/**
 * validateIndexesFormat: `1,3-5,7`, intervals increasing, below
 * `completions`. Returns how many indexes it names, or the error.
 */
export function validateIndexesFormat(s: string, completions: number): { total: number } | { error: string } {
  if (s === '') return { total: 0 };
  let last: number | undefined;
  let total = 0;
  const parse = (part: string): number | undefined => (/^[+-]?[0-9]+$/.test(part) && Math.abs(Number(part)) <= 2 ** 31 - 1 ? Number(part) : undefined);
  for (const fragment of s.split(',')) {
    const limits = fragment.split('-');
    if (limits.length > 2) return { error: `the fragment ${JSON.stringify(fragment)} violates the requirement that an index interval can have at most two parts separated by '-'` };
    const x = parse(limits[0] ?? '');
    if (x === undefined) return { error: `cannot convert string to integer for index: ${JSON.stringify(limits[0])}` };
    if (x >= completions) return { error: `too large index: ${JSON.stringify(limits[0])}` };
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total++;
    last = x;
    if (limits.length > 1) {
      const y = parse(limits[1] ?? '');
      if (y === undefined) return { error: `cannot convert string to integer for index: ${JSON.stringify(limits[1])}` };
      if (y >= completions) return { error: `too large index: ${JSON.stringify(limits[1])}` };
      if (last >= y) return { error: `non-increasing order, previous: ${last}, current: ${y}` };
      total += y - x;
      last = y;
    }
  }
  return { total };
}

type SuccessPolicy = NonNullable<JobSpec['successPolicy']>;

/** spec.successPolicy of a Job of `completions` (Indexed: checked by the caller, which reports a NonIndexed Job's). */
export function readSuccessPolicy(f: Field, completions: number): SuccessPolicy | undefined {
  if (!f.present) return undefined;
  const rulesField = f.child('rules');
  const items = rulesField.items();
  if (items.length === 0) rulesField.required('at least one rules must be specified when the successPolicy is specified');
  if (items.length > MAX_RULES) tooMany(rulesField, items.length, MAX_RULES);
  const rules = items.map((r) => readRule(r, completions));
  return { rules };
}

function readRule(f: Field, completions: number): SuccessPolicy['rules'][number] {
  const indexesField = f.child('succeededIndexes');
  const countField = f.child('succeededCount');
  const succeededIndexes = indexesField.string();
  const succeededCount = countField.present ? readIntAtLeast(countField, 0) : undefined;
  if (succeededIndexes === undefined && !countField.present) {
    f.required('at least one of succeededCount or succeededIndexes must be specified');
  }
  let total = 0;
  if (succeededIndexes !== undefined) {
    if (succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) {
      indexesField.report('error', 'field-invalid', fieldMessage(indexesField.path, `Too long: may not be more than ${MAX_SUCCEEDED_INDEXES_LENGTH} bytes`));
    }
    const parsed = validateIndexesFormat(succeededIndexes, completions);
    if ('error' in parsed) indexesField.invalid(succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`);
    else total = parsed.total;
  }
  if (succeededCount !== undefined) {
    if (succeededCount > completions) {
      countField.invalid(succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`);
    }
    if (succeededIndexes !== undefined && succeededCount > total) {
      countField.invalid(succeededCount, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`);
    }
  }
  return {
    ...(succeededIndexes !== undefined ? { succeededIndexes } : {}),
    ...(succeededCount !== undefined ? { succeededCount } : {}),
  };
}
