import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../model/meta.js';
import {
  validateAnnotationKey,
  validateLabelKey,
  validateLabelSelectorRequirement,
  validateLabelValue,
  validateLabels,
} from '../../model/labels.js';
import { fieldMessage, invalidBody } from '../field-errors.js';
import type { Field } from '../yaml/field.js';

/**
 * model/labels.ts's checks reported at the right line: each message goes to
 * the entry it is about, with the API server's path (`metadata.labels`).
 */

/** A label map (labels, nodeSelector, matchLabels): each bad entry at its key. */
export function validateLabelsAt(field: Field, labels: Labels): void {
  for (const [key, value] of Object.entries(labels)) {
    for (const msg of validateLabels({ [key]: value }, field.path)) field.key(key).report('error', 'field-invalid', msg);
  }
}

/** ValidateAnnotations' key check: each bad key reported at itself, with the map's path (`metadata.annotations`). */
export function validateAnnotationsAt(field: Field, annotations: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(annotations)) {
    for (const msg of validateAnnotationKey(key)) field.key(key).report('error', 'field-invalid', fieldMessage(field.path, invalidBody(key, msg)));
  }
}

export function validateQualifiedNameAt(field: Field, value: string): void {
  for (const msg of validateLabelKey(value)) field.invalid(value, msg);
}

export function validateLabelValueAt(field: Field, value: string): void {
  for (const msg of validateLabelValue(value)) field.invalid(value, msg);
}

function readRequirement(f: Field): LabelSelectorRequirement {
  const operator = f.child('operator').string() ?? '';
  const valuesField = f.child('values');
  const req = {
    key: f.child('key').string() ?? '',
    operator: operator as LabelSelectorRequirement['operator'],
    ...(valuesField.present ? { values: valuesField.stringList() } : {}),
  };
  for (const msg of validateLabelSelectorRequirement(req, f.path)) f.report('error', 'field-invalid', msg);
  return req;
}

/** A metav1.LabelSelector (matchLabels, matchExpressions), validated as ValidateLabelSelector does. */
export function readLabelSelector(field: Field): LabelSelector {
  const matchLabelsField = field.child('matchLabels');
  const matchLabels = matchLabelsField.stringMap();
  validateLabelsAt(matchLabelsField, matchLabels);
  const matchExpressions = field.child('matchExpressions').items().map(readRequirement);
  return {
    ...(matchLabelsField.present ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}
