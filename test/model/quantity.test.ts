import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  formatQuantity,
  isNegative,
  milliValue,
  parseQuantity,
  resourceAmount,
  value,
  type Quantity,
} from '../../src/model/quantity.js';

function parsed(input: string | number): Quantity {
  const r = parseQuantity(input);
  if (!r.ok) throw new Error(`${String(input)}: ${r.message}`);
  return r.value;
}

describe('parseQuantity', () => {
  // The table of k8s-semantics.md §8 and the docs' "same value" examples.
  it.each([
    ['500m', 'cpu', 500],
    ['1', 'cpu', 1000],
    ['0.1', 'cpu', 100],
    ['0.5', 'cpu', 500],
    ['.5', 'cpu', 500],
    ['5.', 'cpu', 5000],
    ['+1', 'cpu', 1000],
    ['2', 'cpu', 2000],
    ['0.0005', 'cpu', 1],
    ['100u', 'cpu', 1],
    ['1Gi', 'memory', 1_073_741_824],
    ['123Mi', 'memory', 128_974_848],
    ['128974848', 'memory', 128_974_848],
    ['129e6', 'memory', 129_000_000],
    ['129M', 'memory', 129_000_000],
    ['128974848000m', 'memory', 128_974_848],
    ['400m', 'memory', 1],
    ['1k', 'memory', 1000],
    ['1Ki', 'memory', 1024],
    ['1E3', 'memory', 1000],
    ['1e-3', 'memory', 1],
    ['1.5Gi', 'memory', 1_610_612_736],
    ['0.5Ki', 'memory', 512],
    ['1Ti', 'ephemeral-storage', 1_099_511_627_776],
    ['110', 'pods', 110],
    ['2', 'nvidia.com/gpu', 2],
    [' 1Gi ', 'memory', 1_073_741_824],
    ['0', 'cpu', 0],
    ['000', 'memory', 0],
    ['.', 'memory', 0],
  ] as const)('%s of %s is %d in podsim units', (input, resource, expected) => {
    expect(resourceAmount(resource, parsed(input))).toBe(expected);
  });

  it.each([
    [2, 'cpu', 2000],
    [0.5, 'cpu', 500],
    [0.1, 'cpu', 100],
    [1e21, 'memory', 1e21],
    [1e-7, 'cpu', 1],
  ] as const)('reads the YAML number %d as its decimal text', (input, resource, expected) => {
    expect(resourceAmount(resource, parsed(input))).toBe(expected);
  });

  it('keeps huge values exact: 8Ei is capped at 2^63-1 as upstream, 10E is not', () => {
    expect(parsed('8Ei').nanos).toBe(((1n << 63n) - 1n) * 1_000_000_000n);
    expect(parsed('7Ei').nanos).toBe(7n * (1n << 60n) * 1_000_000_000n);
    expect(parsed('10E').nanos).toBe(10n ** 28n);
    expect(parsed('128974848000m').nanos).toBe(128_974_848n * 1_000_000_000n);
  });

  it('rounds values finer than a nano-unit up in magnitude', () => {
    expect(parsed('0.1n').nanos).toBe(1n);
    expect(parsed('-0.1n').nanos).toBe(-1n);
    expect(parsed('1e-30').nanos).toBe(1n);
    expect(parsed('1.5n').nanos).toBe(2n);
  });

  it.each([
    ['K', ERR_SUFFIX],
    ['1K', ERR_SUFFIX],
    ['3670016K', ERR_SUFFIX],
    ['32MMi', ERR_SUFFIX],
    ['1ki', ERR_SUFFIX],
    ['1e', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['1KI', ERR_FORMAT_WRONG],
    ['6GiB', ERR_FORMAT_WRONG],
    ['2 cores', ERR_FORMAT_WRONG],
    ['1.5.5', ERR_FORMAT_WRONG],
    ['', ERR_FORMAT_WRONG],
    ['   ', ERR_FORMAT_WRONG],
    ['1e3e3', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    ['.e-20', ERR_NUMERIC],
    ['.Ei', ERR_NUMERIC],
  ] as const)('rejects %j with the API server message', (input, message) => {
    expect(parseQuantity(input)).toEqual({ ok: false, message });
  });

  it('rejects non-finite YAML numbers', () => {
    expect(parseQuantity(Number.NaN)).toEqual({ ok: false, message: ERR_FORMAT_WRONG });
    expect(parseQuantity(Number.POSITIVE_INFINITY)).toEqual({ ok: false, message: ERR_FORMAT_WRONG });
  });

  it('has the exact regular-expression message of quantity.go', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('parses negative quantities and says so', () => {
    const q = parsed('-1');
    expect(isNegative(q)).toBe(true);
    expect(value(q)).toBe(-1);
    expect(isNegative(parsed('-0'))).toBe(false);
    expect(isNegative(parsed('1'))).toBe(false);
  });

  it('remembers the suffix family', () => {
    expect(parsed('1Gi').format).toBe('BinarySI');
    expect(parsed('1G').format).toBe('DecimalSI');
    expect(parsed('1e9').format).toBe('DecimalExponent');
    expect(parsed('0.0001Ki').format).toBe('DecimalSI');
  });
});

describe('milliValue and value', () => {
  it.each([
    ['1', 1000, 1],
    ['1.5', 1500, 2],
    ['1m', 1, 1],
    ['0.0001', 1, 1],
    ['-1.5', -1500, -2],
    ['1Ki', 1_024_000, 1024],
  ] as const)('%s has milliValue %d and value %d', (input, milli, whole) => {
    expect(milliValue(parsed(input))).toBe(milli);
    expect(value(parsed(input))).toBe(whole);
  });
});

describe('formatQuantity', () => {
  it.each([
    ['0', '0'],
    ['1', '1'],
    ['1.5', '1500m'],
    ['0.1', '100m'],
    ['500m', '500m'],
    ['1000m', '1'],
    ['1.5Gi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['1Ki', '1Ki'],
    ['1000Ki', '1000Ki'],
    ['0.5Ki', '512'],
    ['1.1Ki', '1126400m'],
    ['129e6', '129e6'],
    ['1E3', '1e3'],
    ['1.5e3', '1500'],
    ['12e-3', '12e-3'],
    ['123Mi', '123Mi'],
    ['129M', '129M'],
    ['1000k', '1M'],
    ['-1500m', '-1500m'],
    ['-1Gi', '-1Gi'],
    ['+1', '1'],
    ['8Ei', '9223372036854775807'],
    ['1000E', '1000E'],
  ] as const)('prints %s as %s', (input, expected) => {
    expect(formatQuantity(parsed(input))).toBe(expected);
  });

  const suffixes = ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'e-2', 'E7'];
  const quantityText = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.stringMatching(/^[0-9]{1,12}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,6}$/), { nil: undefined }),
      fc.constantFrom(...suffixes),
    )
    .map(([sign, whole, fraction, suffix]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${suffix}`);

  it('round-trips: parse(format(q)) has the value of q', () => {
    fc.assert(
      fc.property(quantityText, (text) => {
        const q = parsed(text);
        const again = parsed(formatQuantity(q));
        expect(again.nanos).toBe(q.nanos);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips arbitrary nano amounts in every format', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.constantFrom('DecimalSI', 'BinarySI', 'DecimalExponent') as fc.Arbitrary<Quantity['format']>,
        (nanos, format) => {
          expect(parsed(formatQuantity({ nanos, format })).nanos).toBe(nanos);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: formatting a parsed canonical form gives it back', () => {
    fc.assert(
      fc.property(quantityText, (text) => {
        const once = formatQuantity(parsed(text));
        expect(formatQuantity(parsed(once))).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
