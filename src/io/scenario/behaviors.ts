import { type ContainerBehavior, RUN_FOREVER } from '../../model/behavior.js';
import type { BehaviorRule } from '../../model/scenario.js';
import { validateLabelsAt } from '../manifests/labels.js';
import { readProbability } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readDistribution } from './distribution.js';

const EXIT_CODE_RANGE = 'must be between 0 and 255, inclusive';

function readExitCode(f: Field, fallback: number): number {
  const v = f.integer();
  if (v === undefined) return fallback;
  if (v < 0 || v > 255) f.invalid(v, EXIT_CODE_RANGE);
  return v;
}

/** `forever`, a duration or a distribution. */
function readRunLength(f: Field): ContainerBehavior['run'] | undefined {
  if (f.isScalar && f.scalar() === 'forever') return 'forever';
  return readDistribution(f);
}

/** `run:` as written: `forever`, a duration, or `{duration, exitCode, failureProbability, failExitCode}`. */
export function readRun(f: Field): ContainerBehavior {
  if (!f.present) {
    f.required('"forever", a duration, or {duration, exitCode, failureProbability, failExitCode}');
    return RUN_FOREVER;
  }
  if (!f.isMap) return { ...RUN_FOREVER, run: readRunLength(f) ?? 'forever' };
  f.warnUnknown(['duration', 'exitCode', 'failureProbability', 'failExitCode']);
  const duration = f.child('duration');
  if (!duration.present) duration.required();
  return {
    run: (duration.present ? readRunLength(duration) : undefined) ?? 'forever',
    exitCode: readExitCode(f.child('exitCode'), RUN_FOREVER.exitCode),
    failureProbability: readProbability(f.child('failureProbability')) ?? RUN_FOREVER.failureProbability,
    failExitCode: readExitCode(f.child('failExitCode'), RUN_FOREVER.failExitCode),
  };
}

function readMatch(f: Field): BehaviorRule['match'] {
  f.warnUnknown(['labels', 'image', 'container']);
  const labelsField = f.child('labels');
  const labels = labelsField.stringMap();
  validateLabelsAt(labelsField, labels);
  const image = f.child('image').string();
  const container = f.child('container').string();
  return {
    ...(labelsField.present ? { labels } : {}),
    ...(image !== undefined ? { image } : {}),
    ...(container !== undefined ? { container } : {}),
  };
}

/** spec.behaviors: first match wins; an empty `match` matches every container. */
export function readBehaviors(field: Field): BehaviorRule[] {
  return field.items().map((rule) => {
    rule.warnUnknown(['match', 'run']);
    return { match: readMatch(rule.child('match')), behavior: readRun(rule.child('run')) };
  });
}
