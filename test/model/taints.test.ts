import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../src/model/meta.js';
import {
  DO_NOT_SCHEDULE_EFFECTS,
  TAINT_NODE_UNREACHABLE,
  findUntoleratedTaint,
  formatTaint,
  taintToString,
  tolerates,
  tolerationsTolerateTaint,
  untoleratedTaintReason,
} from '../../src/model/taints.js';

const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('tolerates', () => {
  it.each<[string, Toleration, Taint, boolean]>([
    ['Equal with key, value and effect', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, gpu, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }, gpu, false],
    ['Equal with another effect', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute' }, gpu, false],
    ['Equal with no effect matches every effect', { key: 'dedicated', operator: 'Equal', value: 'gpu' }, gpu, true],
    ['Equal with another key', { key: 'other', operator: 'Equal', value: 'gpu' }, gpu, false],
    ['Equal without a value against a taint with a value', { key: 'dedicated', operator: 'Equal' }, gpu, false],
    [
      'Equal without a value against a taint without one',
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
      true,
    ],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists', value: 'anything' }, gpu, true],
    ['Exists still checks the key', { key: 'other', operator: 'Exists' }, gpu, false],
    ['Exists still checks the effect', { key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' }, gpu, false],
    ['an empty key with Exists tolerates everything', { operator: 'Exists' }, gpu, true],
    ['an empty key with Exists and an effect tolerates that effect', { operator: 'Exists', effect: 'NoExecute' }, gpu, false],
    ['an empty key with Equal compares values only (as upstream)', { operator: 'Equal', value: 'gpu' }, gpu, true],
  ])('%s', (_name, toleration, taint, expected) => {
    expect(tolerates(toleration, taint)).toBe(expected);
  });
});

describe('tolerationsTolerateTaint and findUntoleratedTaint', () => {
  const taints: Taint[] = [
    { key: 'soft', effect: 'PreferNoSchedule' },
    { key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule' },
    { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' },
    gpu,
  ];

  it('needs only one toleration to tolerate a taint', () => {
    expect(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }, { key: 'dedicated', operator: 'Exists' }], gpu)).toBe(true);
    expect(tolerationsTolerateTaint([], gpu)).toBe(false);
  });

  it.each<[string, Toleration[], Taint | undefined]>([
    ['returns the first untolerated NoSchedule/NoExecute taint in node order', [], taints[1]],
    [
      'skips tolerated taints',
      [{ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoSchedule' }],
      taints[2],
    ],
    ['ignores PreferNoSchedule', [{ key: TAINT_NODE_UNREACHABLE, operator: 'Exists' }, { key: 'dedicated', operator: 'Exists' }], undefined],
    ['an empty-key Exists toleration tolerates them all', [{ operator: 'Exists' }], undefined],
  ])('%s', (_name, tolerations, expected) => {
    expect(findUntoleratedTaint(taints, tolerations, DO_NOT_SCHEDULE_EFFECTS)).toBe(expected);
  });

  it('filters by the effects asked for', () => {
    expect(findUntoleratedTaint(taints, [], ['NoExecute'])).toBe(taints[2]);
    expect(findUntoleratedTaint(taints, [], ['PreferNoSchedule'])).toBe(taints[0]);
  });
});

describe('formatting', () => {
  it('names a taint as the scheduler does', () => {
    expect(formatTaint(gpu)).toBe('{dedicated: gpu}');
    expect(formatTaint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' })).toBe(
      '{node-role.kubernetes.io/control-plane: }',
    );
    expect(untoleratedTaintReason(gpu)).toBe('node(s) had untolerated taint {dedicated: gpu}');
  });

  it('prints Taint.ToString', () => {
    expect(taintToString(gpu)).toBe('dedicated=gpu:NoSchedule');
    expect(taintToString({ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' })).toBe('node.kubernetes.io/unreachable:NoExecute');
  });
});
