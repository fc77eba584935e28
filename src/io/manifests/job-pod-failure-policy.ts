import type { JobSpec, PodFailurePolicyRule } from '../../model/workloads.js';
import { fieldMessage } from '../field-errors.js';
import type { Field } from '../yaml/field.js';
import { validateQualifiedNameAt } from './labels.js';
import { jsonBadValue } from './replicaset.js';

/**
 * spec.podFailurePolicy, defaulted (an onPodConditions status defaults to
 * True, SetDefaults_Job) and validated as validatePodFailurePolicy in
 * pkg/apis/batch/validation does. Lists of allowed values are sorted, as
 * `sets.List` gives them.
 */

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'] as const;
const OPERATORS = ['In', 'NotIn'] as const;
const STATUSES = ['False', 'True', 'Unknown'] as const;
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;

type Policy = NonNullable<JobSpec['podFailurePolicy']>;

/** `valid values: ["In" "NotIn"]`, Go's %q of a string slice. */
function validValues(values: readonly string[]): string {
  return `valid values: [${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/** field.TooMany. */
export function tooMany(f: Field, actual: number, max: number): void {
  f.report('error', 'field-invalid', fieldMessage(f.path, `Too many: ${actual}: must have at most ${max} items`));
}

/** field.Invalid with OmitValueType: the detail without a value. */
function invalidNoValue(f: Field, detail: string): void {
  f.report('error', 'field-invalid', fieldMessage(f.path, `Invalid value: ${detail}`));
}


export function readPodFailurePolicy(f: Field, containerNames: ReadonlySet<string>, perIndex = false): Policy | undefined {
  if (!f.present) return undefined;
  const rulesField = f.child('rules');
  const items = rulesField.items();
  if (items.length > MAX_RULES) tooMany(rulesField, items.length, MAX_RULES);
  const rules = items.flatMap((r) => readRule(r, containerNames, perIndex) ?? []);
  return { rules };
}

function readAction(f: Field, perIndex: boolean): PodFailurePolicyRule['action'] | undefined {
  const action = f.string() ?? '';
  if (action === '') f.required(validValues(ACTIONS));
  else if (action === 'FailIndex' && !perIndex) f.invalid(action, 'requires the backoffLimitPerIndex to be set');
  else if (!(ACTIONS as readonly string[]).includes(action)) f.unsupported(action, ACTIONS);
  else return action as PodFailurePolicyRule['action'];
  return undefined;
}

function readRule(f: Field, containerNames: ReadonlySet<string>, perIndex: boolean): PodFailurePolicyRule | undefined {
  const action = readAction(f.child('action'), perIndex);
  const exitField = f.child('onExitCodes');
  const onExitCodes = exitField.present ? readOnExitCodes(exitField, containerNames) : undefined;
  const condField = f.child('onPodConditions');
  const patterns = condField.items();
  if (patterns.length > MAX_CONDITION_PATTERNS) tooMany(condField, patterns.length, MAX_CONDITION_PATTERNS);
  const onPodConditions = patterns.map(readConditionPattern);
  if (exitField.present && onPodConditions.length > 0) {
    invalidNoValue(f, 'specifying both OnExitCodes and OnPodConditions is not supported');
  }
  if (!exitField.present && onPodConditions.length === 0) {
    invalidNoValue(f, 'specifying one of OnExitCodes and OnPodConditions is required');
  }
  if (action === undefined) return undefined;
  if (onExitCodes) return { action, onExitCodes };
  return { action, onPodConditions };
}

function readOnExitCodes(f: Field, containerNames: ReadonlySet<string>): NonNullable<PodFailurePolicyRule['onExitCodes']> {
  const operatorField = f.child('operator');
  const operator = operatorField.string() ?? '';
  if (operator === '') operatorField.required(validValues(OPERATORS));
  else if (!(OPERATORS as readonly string[]).includes(operator)) operatorField.unsupported(operator, OPERATORS);
  const nameField = f.child('containerName');
  const containerName = nameField.string();
  if (containerName !== undefined && !containerNames.has(containerName)) {
    nameField.invalid(containerName, 'must be one of the container or initContainer names in the pod template');
  }
  const values = readExitCodes(f.child('values'), operator);
  return {
    ...(containerName !== undefined ? { containerName } : {}),
    operator: operator === 'NotIn' ? 'NotIn' : 'In',
    values,
  };
}

function readExitCodes(f: Field, operator: string): number[] {
  const items = f.items();
  const values: number[] = [];
  const seen = new Set<number>();
  let ordered = true;
  for (const item of items) {
    const v = item.integer();
    if (v === undefined) continue;
    if (operator === 'In' && v === 0) item.invalid(v, 'must not be 0 for the In operator');
    if (seen.has(v)) item.duplicate(v);
    seen.add(v);
    const prev = values[values.length - 1];
    if (prev !== undefined && prev > v) ordered = false;
    values.push(v);
  }
  // A list not written is nil, which encodes as null.
  const shown = f.present ? jsonBadValue(values) : 'null';
  const body = (detail: string) => fieldMessage(f.path, `Invalid value: ${shown}: ${detail}`);
  if (items.length === 0) f.report('error', 'field-invalid', body('at least one value is required'));
  else if (items.length > MAX_EXIT_CODES) tooMany(f, items.length, MAX_EXIT_CODES);
  if (!ordered) f.report('error', 'field-invalid', body('must be ordered'));
  return values;
}

function readConditionPattern(f: Field): NonNullable<PodFailurePolicyRule['onPodConditions']>[number] {
  const typeField = f.child('type');
  const type = typeField.string() ?? '';
  validateQualifiedNameAt(typeField, type);
  const statusField = f.child('status');
  const status = statusField.string() || 'True';
  if (!(STATUSES as readonly string[]).includes(status)) statusField.unsupported(status, STATUSES);
  return { type, status: status as (typeof STATUSES)[number] };
}
