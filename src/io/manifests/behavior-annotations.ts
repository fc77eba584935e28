import { parseDuration } from '../../model/duration.js';
import { IS_NEGATIVE } from '../values.js';
import type { Field } from '../yaml/field.js';

/** podsim's pod-template annotations; they win over the Scenario's `behaviors`. */
export const DURATION_ANNOTATION = 'podsim.io/duration';
export const EXIT_CODE_ANNOTATION = 'podsim.io/exit-code';

/**
 * Checks the behaviour annotations at load time (the simulation reads them when
 * it creates a pod): a duration (`90s`, or seconds) and an exit code 0-255.
 */
export function checkBehaviorAnnotations(annotationsField: Field, annotations: Readonly<Record<string, string>>): void {
  const duration = annotations[DURATION_ANNOTATION];
  if (duration !== undefined) {
    const f = annotationsField.key(DURATION_ANNOTATION);
    const parsed = parseDuration(duration);
    if (!parsed.ok) f.invalid(duration, parsed.message);
    else if (parsed.ms < 0) f.invalid(duration, IS_NEGATIVE);
  }
  const exitCode = annotations[EXIT_CODE_ANNOTATION];
  if (exitCode !== undefined && !/^[0-9]+$/.test(exitCode.trim())) {
    annotationsField.key(EXIT_CODE_ANNOTATION).invalid(exitCode, 'must be an integer between 0 and 255, inclusive');
  } else if (exitCode !== undefined && Number(exitCode) > 255) {
    annotationsField.key(EXIT_CODE_ANNOTATION).invalid(exitCode, 'must be an integer between 0 and 255, inclusive');
  }
}
