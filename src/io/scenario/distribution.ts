import type { Distribution } from '../../model/distribution.js';
import { readDuration, readEnum } from '../values.js';
import type { Field } from '../yaml/field.js';

export const DISTRIBUTIONS = ['constant', 'uniform', 'exponential', 'lognormal', 'normal'] as const;
type DistributionKind = (typeof DISTRIBUTIONS)[number];

/** Each distribution's parameters; all are durations except lognormal's sigma, a plain number. */
const PARAMETERS: Readonly<Record<DistributionKind, readonly string[]>> = {
  constant: ['value'],
  uniform: ['min', 'max'],
  exponential: ['mean'],
  lognormal: ['median', 'sigma'],
  normal: ['mean', 'stddev'],
};

function requiredDuration(f: Field, name: string): number | undefined {
  const p = f.child(name);
  if (!p.present) {
    p.required();
    return undefined;
  }
  return readDuration(p);
}

function readSigma(f: Field): number | undefined {
  const p = f.child('sigma');
  if (!p.present) {
    p.required();
    return undefined;
  }
  const sigma = p.number();
  if (sigma !== undefined && sigma < 0) p.invalid(sigma, 'must be greater than or equal to 0');
  return sigma;
}

function build(kind: DistributionKind, f: Field): Distribution | undefined {
  const d = (name: string): number | undefined => requiredDuration(f, name);
  switch (kind) {
    case 'constant': {
      const value = d('value');
      return value === undefined ? undefined : { kind, value };
    }
    case 'uniform': {
      const min = d('min');
      const max = d('max');
      if (min === undefined || max === undefined) return undefined;
      if (max < min) f.child('max').invalid(f.child('max').scalar(), 'must be greater than or equal to min');
      return { kind, min, max };
    }
    case 'exponential': {
      const mean = d('mean');
      return mean === undefined ? undefined : { kind, mean };
    }
    case 'lognormal': {
      const median = d('median');
      const sigma = readSigma(f);
      return median === undefined || sigma === undefined ? undefined : { kind, median, sigma };
    }
    case 'normal': {
      const mean = d('mean');
      const stddev = d('stddev');
      return mean === undefined || stddev === undefined ? undefined : { kind, mean, stddev };
    }
  }
}

/** Example parameters, to show a distribution's shape in an error. */
const EXAMPLE: Readonly<Record<DistributionKind, string>> = {
  constant: 'value: 30s',
  uniform: 'min: 10s, max: 1m',
  exponential: 'mean: 1m',
  lognormal: 'median: 2m, sigma: 0.5',
  normal: 'mean: 1m, stddev: 10s',
};

/**
 * The shape the user meant: `{lognormal: {...}}` (a kind as the key) is
 * answered with the lognormal shape, anything else with lognormal's too.
 */
function shapeOf(f: Field): string {
  const kind = DISTRIBUTIONS.find((k) => f.keys().includes(k)) ?? 'lognormal';
  return `{distribution: ${kind}, ${EXAMPLE[kind]}}`;
}

/**
 * A random duration in ms: a plain duration (constant) or
 * `{distribution: <kind>, <parameters>}` with duration-valued parameters.
 */
export function readDistribution(f: Field): Distribution | undefined {
  if (!f.isMap) {
    const value = readDuration(f);
    return value === undefined ? undefined : { kind: 'constant', value };
  }
  const kindField = f.child('distribution');
  if (!kindField.present) {
    kindField.required(`one of ${DISTRIBUTIONS.map((k) => `"${k}"`).join(', ')}, written as ${shapeOf(f)}`);
    return undefined;
  }
  const kind = readEnum(kindField, DISTRIBUTIONS);
  if (kind === undefined) return undefined;
  f.warnUnknown(['distribution', ...PARAMETERS[kind]], `${kind} parameter`);
  return build(kind, f);
}
