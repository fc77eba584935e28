import type { Taint, TaintEffect, Toleration } from '../../model/meta.js';
import { readEnum } from '../values.js';
import type { Field } from '../yaml/field.js';
import { validateLabelValueAt, validateQualifiedNameAt } from './labels.js';

export const TAINT_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'] as const;

/** One taint, checked as validateNodeTaints does; undefined when unusable. */
function readTaint(f: Field): Taint | undefined {
  const key = f.child('key').string() ?? '';
  validateQualifiedNameAt(f.child('key'), key);
  const value = f.child('value').string();
  if (value !== undefined) validateLabelValueAt(f.child('value'), value);
  const effectField = f.child('effect');
  if (!effectField.present || effectField.scalar() === '') {
    effectField.required();
    return undefined;
  }
  const effect = readEnum(effectField, TAINT_EFFECTS);
  if (effect === undefined) return undefined;
  return { key, ...(value !== undefined && value !== '' ? { value } : {}), effect };
}

/** Node taints (`spec.taints`, pool `taints`); unique by key and effect. */
export function readTaints(field: Field): Taint[] {
  const out: Taint[] = [];
  for (const f of field.items()) {
    const taint = readTaint(f);
    if (taint === undefined) continue;
    if (out.some((t) => t.key === taint.key && t.effect === taint.effect)) {
      f.report('error', 'field-duplicate', `${f.path}: Duplicate value: "${taint.key}:${taint.effect}": taints must be unique by key and effect pair`);
      continue;
    }
    out.push(taint);
  }
  return out;
}

function readToleration(f: Field): Toleration | undefined {
  const key = f.child('key').string() ?? '';
  if (key !== '') validateQualifiedNameAt(f.child('key'), key);
  const opField = f.child('operator');
  const operator = opField.string() ?? '';
  const value = f.child('value').string() ?? '';
  const effectField = f.child('effect');
  const effect = effectField.string() ?? '';
  const seconds = f.child('tolerationSeconds').integer();
  let ok = true;
  if (key === '' && operator !== 'Exists') {
    opField.invalid(operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    ok = false;
  }
  if (seconds !== undefined && effect !== 'NoExecute') {
    effectField.invalid(effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    ok = false;
  }
  if (operator === '' || operator === 'Equal') validateLabelValueAt(f.child('value'), value);
  else if (operator === 'Exists' && value !== '') {
    opField.invalid(operator, "value must be empty when `operator` is 'Exists'");
    ok = false;
  } else if (operator !== 'Exists') {
    opField.unsupported(operator, TOLERATION_OPERATORS);
    ok = false;
  }
  if (effect !== '' && readEnum(effectField, TAINT_EFFECTS) === undefined) ok = false;
  if (!ok) return undefined;
  return {
    ...(key !== '' ? { key } : {}),
    operator: operator === 'Exists' ? 'Exists' : 'Equal',
    ...(value !== '' ? { value } : {}),
    ...(effect !== '' ? { effect: effect as TaintEffect } : {}),
    ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
  };
}

/** Pod tolerations as ValidateTolerations checks them. */
export function readTolerations(field: Field): Toleration[] {
  return field.items().flatMap((f) => {
    const t = readToleration(f);
    return t === undefined ? [] : [t];
  });
}
