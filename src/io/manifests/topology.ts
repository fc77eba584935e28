import type { TopologySpreadConstraint } from '../../model/pod.js';
import { readEnum } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readLabelSelector, validateQualifiedNameAt } from './labels.js';

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'] as const;
const NOT_POSITIVE = 'must be greater than zero';

/** One constraint as validateTopologySpreadConstraints checks it; undefined when unusable. */
function readConstraint(f: Field, seen: Set<string>): TopologySpreadConstraint | undefined {
  const skewField = f.child('maxSkew');
  const maxSkew = skewField.integer() ?? 0;
  if (maxSkew <= 0) skewField.invalid(maxSkew, NOT_POSITIVE);
  const keyField = f.child('topologyKey');
  const topologyKey = keyField.string() ?? '';
  if (topologyKey === '') keyField.required('can not be empty');
  else validateQualifiedNameAt(keyField, topologyKey);
  const whenField = f.child('whenUnsatisfiable');
  const when = whenField.present ? readEnum(whenField, WHEN_UNSATISFIABLE) : undefined;
  if (!whenField.present) whenField.unsupported('', WHEN_UNSATISFIABLE);
  const pair = `{${topologyKey}, ${when ?? ''}}`;
  if (when !== undefined && seen.has(pair)) f.duplicate(pair);
  seen.add(pair);
  const minField = f.child('minDomains');
  const minDomains = minField.integer();
  if (minDomains !== undefined) {
    if (minDomains <= 0) minField.invalid(minDomains, NOT_POSITIVE);
    else if (when !== 'DoNotSchedule') {
      minField.invalid(minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when ?? ''}`);
    }
  }
  const selector = f.child('labelSelector');
  const labelSelector = selector.present ? readLabelSelector(selector) : undefined;
  if (maxSkew <= 0 || topologyKey === '' || when === undefined) return undefined;
  return {
    maxSkew,
    topologyKey,
    whenUnsatisfiable: when,
    ...(labelSelector !== undefined ? { labelSelector } : {}),
    ...(minDomains !== undefined ? { minDomains } : {}),
  };
}

export function readTopologySpreadConstraints(field: Field): TopologySpreadConstraint[] {
  const seen = new Set<string>();
  return field.items().flatMap((f) => readConstraint(f, seen) ?? []);
}
