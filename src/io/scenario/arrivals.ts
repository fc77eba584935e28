import type { Distribution } from '../../model/distribution.js';
import type { Arrival } from '../../model/scenario.js';
import { readDuration, readIntAtLeast } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readDistribution } from './distribution.js';
import { type ObjectFileLoader, readApply } from './events.js';

function readArrival(f: Field, load: ObjectFileLoader, hasHorizon: boolean): Arrival | undefined {
  f.warnUnknown(['apply', 'interarrival', 'start', 'until', 'count']);
  const applyField = f.child('apply');
  if (!applyField.present) applyField.required('{file: <path>}');
  const objects = applyField.present ? readApply(applyField, load) : [];
  const interField = f.child('interarrival');
  if (!interField.present) interField.required('a duration or a distribution');
  const interarrival = interField.present ? readDistribution(interField) : undefined;
  const startMs = readDuration(f.child('start')) ?? 0;
  const untilField = f.child('until');
  const untilMs = readDuration(untilField);
  if (untilMs !== undefined && untilMs < startMs) untilField.invalid(untilField.scalar(), 'must not be before start');
  const countField = f.child('count');
  const count = countField.present ? readIntAtLeast(countField, 1) : undefined;
  if (!hasHorizon && !untilField.present && !countField.present) {
    f.required('until or count (or spec.duration): the arrivals would never end');
  }
  if (interarrival === undefined) return undefined;
  if (count === undefined) refuseZeroInterarrival(interField, interarrival);
  const { file, line, col } = f.position;
  return {
    objects,
    interarrival,
    startMs,
    ...(untilMs !== undefined ? { untilMs } : {}),
    ...(count !== undefined ? { count } : {}),
    source: { file, line, col },
  };
}

/**
 * The parameter that makes every draw 0 ms (or nearly every one, for a
 * normal of mean <= 0): then every arrival comes at the same instant, and
 * without a count they never stop. Undefined when draws take time.
 */
function zeroParameter(d: Distribution): string | undefined {
  switch (d.kind) {
    case 'constant':
      return d.value <= 0 ? '' : undefined;
    case 'uniform':
      return d.max <= 0 ? 'max' : undefined;
    case 'exponential':
      return d.mean <= 0 ? 'mean' : undefined;
    case 'lognormal':
      return d.median <= 0 ? 'median' : undefined;
    case 'normal':
      return d.mean <= 0 ? 'mean' : undefined;
  }
}

function refuseZeroInterarrival(f: Field, d: Distribution): void {
  const param = zeroParameter(d);
  if (param === undefined) return;
  const at = param === '' ? f : f.child(param);
  at.invalid(at.scalar(), 'must be greater than zero: the arrivals would all come at one instant, without end (or set count)');
}

/** spec.arrivals: open workloads, `objects` submitted again and again; without a horizon each needs an end. */
export function readArrivals(field: Field, load: ObjectFileLoader, hasHorizon: boolean): Arrival[] {
  return field.items().flatMap((f) => readArrival(f, load, hasHorizon) ?? []);
}
