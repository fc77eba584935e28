import { describe, expect, it } from 'vitest';
import {
  matchesLabelSelector,
  matchesNodeSelector,
  matchesNodeSelectorRequirement,
  matchesNodeSelectorTerms,
  validateLabelKey,
  validateLabelSelector,
  validateLabelValue,
  validateLabels,
} from '../../src/model/labels.js';
import type { LabelSelector, NodeSelectorRequirement } from '../../src/model/meta.js';
import type { NodeSelectorTerm } from '../../src/model/pod.js';

const web = { app: 'web', tier: 'frontend', zone: 'a' };

describe('matchesLabelSelector', () => {
  it.each<[string, LabelSelector, boolean]>([
    ['an empty selector matches everything', {}, true],
    ['empty matchLabels and matchExpressions match everything', { matchLabels: {}, matchExpressions: [] }, true],
    ['matchLabels present matches', { matchLabels: { app: 'web' } }, true],
    ['matchLabels with another value fails', { matchLabels: { app: 'db' } }, false],
    ['matchLabels on a missing key fails', { matchLabels: { env: 'prod' } }, false],
    ['In with the value matches', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'frontend'] }] }, true],
    ['In without the label fails', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, false],
    ['NotIn with another value matches', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, true],
    ['NotIn with the value fails', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, false],
    ['NotIn without the label matches', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, true],
    ['Exists with the label matches', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, true],
    ['DoesNotExist with the label fails', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, false],
    ['DoesNotExist without the label matches', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, true],
    [
      'matchLabels and matchExpressions are ANDed',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
      false,
    ],
    ['an inherited property name is not a label', { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, false],
  ])('%s', (_name, selector, expected) => {
    expect(matchesLabelSelector(selector, web)).toBe(expected);
  });
});

describe('matchesNodeSelectorRequirement', () => {
  const req = (operator: NodeSelectorRequirement['operator'], values?: string[]): NodeSelectorRequirement => ({
    key: 'k',
    operator,
    ...(values ? { values } : {}),
  });
  it.each<[string, NodeSelectorRequirement, string | undefined, boolean]>([
    ['In matches a listed value', req('In', ['a', 'b']), 'b', true],
    ['In fails an absent label', req('In', ['a']), undefined, false],
    ['NotIn matches an absent label', req('NotIn', ['a']), undefined, true],
    ['NotIn fails a listed value', req('NotIn', ['a']), 'a', false],
    ['Exists matches an empty value', req('Exists'), '', true],
    ['DoesNotExist fails an empty value', req('DoesNotExist'), '', false],
    ['Gt compares as integers', req('Gt', ['9']), '10', true],
    ['Gt is strict', req('Gt', ['10']), '10', false],
    ['Lt compares as integers', req('Lt', ['10']), '9', true],
    ['Lt takes negative and signed numbers', req('Lt', ['+0']), '-5', true],
    ['Gt fails an absent label', req('Gt', ['1']), undefined, false],
    ['Gt fails a label that is not an integer', req('Gt', ['1']), '2.5', false],
    ['Gt fails a requirement that is not an integer', req('Gt', ['x']), '2', false],
    ['Gt fails more than one value', req('Gt', ['1', '2']), '5', false],
    ['Gt handles int64 beyond 2^53 exactly', req('Gt', ['9007199254740992']), '9007199254740993', true],
    ['Gt fails a label beyond int64', req('Lt', ['1']), '-9223372036854775809', false],
  ])('%s', (_name, requirement, value, expected) => {
    expect(matchesNodeSelectorRequirement(requirement, value)).toBe(expected);
  });
});

describe('matchesNodeSelectorTerms', () => {
  const node = { name: 'n-1', labels: { 'topology.kubernetes.io/zone': 'a', gpu: 'true' } };
  const zone = (z: string): NodeSelectorTerm => ({
    matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [z] }],
  });
  it.each<[string, NodeSelectorTerm[], boolean]>([
    ['no terms match nothing', [], false],
    ['an empty term matches nothing', [{}], false],
    ['a term with empty lists matches nothing', [{ matchExpressions: [], matchFields: [] }], false],
    ['terms are ORed', [zone('b'), zone('a')], true],
    ['no matching term fails', [zone('b'), zone('c')], false],
    [
      'requirements within a term are ANDed',
      [{ matchExpressions: [...(zone('a').matchExpressions ?? []), { key: 'gpu', operator: 'DoesNotExist' }] }],
      false,
    ],
    ['matchFields In on metadata.name matches the node', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n-1'] }] }], true],
    ['matchFields In on another node fails', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n-2'] }] }], false],
    ['matchFields NotIn another node matches', [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n-2'] }] }], true],
    ['matchFields with two values does not parse, so fails', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n-1', 'n-2'] }] }], false],
    ['matchFields with Exists does not parse, so fails', [{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }], false],
    [
      'expressions and fields in one term are ANDed',
      [{ ...zone('a'), matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n-2'] }] }],
      false,
    ],
  ])('%s', (_name, terms, expected) => {
    expect(matchesNodeSelectorTerms(terms, node)).toBe(expected);
  });
});

describe('matchesNodeSelector', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['empty matches every node', {}, true],
    ['every pair must be present', { disktype: 'ssd', zone: 'a' }, true],
    ['a different value fails', { disktype: 'hdd' }, false],
    ['a missing key fails', { gpu: 'true' }, false],
  ])('%s', (_name, nodeSelector, expected) => {
    expect(matchesNodeSelector(nodeSelector, { disktype: 'ssd', zone: 'a' })).toBe(expected);
  });
});

const NAME_REGEX =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_REGEX =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('validateLabelKey and validateLabelValue', () => {
  it.each(['app', 'app.kubernetes.io/name', 'topology.kubernetes.io/zone', 'A_b-1.c', 'x'.repeat(63)])(
    'accepts the key %s',
    (key) => expect(validateLabelKey(key)).toEqual([]),
  );

  it.each<[string, string[]]>([
    ['', ['name part must be non-empty', `name part ${NAME_REGEX}`]],
    ['-app', [`name part ${NAME_REGEX}`]],
    ['x'.repeat(64), ['name part must be no more than 63 characters']],
    ['/app', ['prefix part must be non-empty']],
    ['Example.com/app', [`prefix part ${SUBDOMAIN_REGEX}`]],
    ['example.com/', ['name part must be non-empty', `name part ${NAME_REGEX}`]],
    [
      'a/b/c',
      [`a valid label key ${NAME_REGEX} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ],
  ])('rejects the key %j', (key, messages) => {
    expect(validateLabelKey(key)).toEqual(messages);
  });

  it.each(['', 'web', 'v1.2_3-x'])('accepts the value %j', (v) => expect(validateLabelValue(v)).toEqual([]));

  it.each<[string, string[]]>([
    ['web server', [VALUE_REGEX]],
    ['-web', [VALUE_REGEX]],
    ['x'.repeat(64), ['must be no more than 63 characters']],
  ])('rejects the value %j', (v, messages) => expect(validateLabelValue(v)).toEqual(messages));
});

describe('validateLabelSelector', () => {
  it('accepts a valid selector', () => {
    expect(
      validateLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a'] },
          { key: 'zone', operator: 'Exists' },
        ],
      }),
    ).toEqual([]);
  });

  it('reports each problem as the API server does', () => {
    const selector = {
      matchLabels: { 'bad key': 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: [] },
        { key: 'zone', operator: 'Exists', values: ['a'] },
        { key: 'env', operator: 'Equals', values: ['x y'] },
      ],
    } as unknown as LabelSelector;
    expect(validateLabelSelector(selector, 'spec.selector')).toEqual([
      `spec.selector.matchLabels: Invalid value: "bad key": name part ${NAME_REGEX}`,
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Equals": not a valid selector operator',
      `spec.selector.matchExpressions[2].values[0]: Invalid value: "x y": ${VALUE_REGEX}`,
    ]);
  });

  it('validates label maps key by key', () => {
    expect(validateLabels({ ok: 'fine', app: 'bad value' }, 'metadata.labels')).toEqual([
      `metadata.labels: Invalid value: "bad value": ${VALUE_REGEX}`,
    ]);
  });
});
