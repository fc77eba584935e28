import { describe, expect, it } from 'vitest';
import { equalIgnoreHash } from '../../src/controllers/deployment/hash.js';
import { canonicalJSON, computeHash, fnv32a, safeEncodeString } from '../../src/controllers/hash.js';
import { newRSNewReplicas, resolveFenceposts } from '../../src/controllers/deployment/replicas.js';
import { scaledValue } from '../../src/model/workloads.js';
import { newReplicaSetAnnotations } from '../../src/controllers/deployment/replicasets.js';
import type { IntOrPercent } from '../../src/model/workloads.js';
import { World, template } from './world-rs.js';

describe('the pod-template-hash', () => {
  it.each<[string, string, number]>([
    ['FNV-1a of the empty string is the offset basis', '', 0x811c9dc5],
    ['FNV-1a of "a"', 'a', 0xe40c292c],
    ['FNV-1a of "foobar"', 'foobar', 0xbf9cf968],
  ])('%s', (_name, input, expected) => {
    expect(fnv32a(new TextEncoder().encode(input))).toBe(expected);
  });

  it('SafeEncodeString maps each digit by its character code modulo 27', () => {
    // '0'..'9' are codes 48..57: 48 % 27 = 21 -> '4', 57 % 27 = 3 -> 'f'
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('canonical JSON sorts keys and leaves out undefined members', () => {
    expect(canonicalJSON({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });

  it('is deterministic, changes with the template, and with collisionCount', () => {
    const t = template({ app: 'web' });
    const h = computeHash(t);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeHash(template({ app: 'web' }))).toBe(h);
    expect(computeHash(template({ app: 'web' }, 'nginx:1.26'))).not.toBe(h);
    expect(computeHash(t, 0)).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(computeHash(t, 0));
  });

  it('EqualIgnoreHash ignores the pod-template-hash label only', () => {
    const t = template({ app: 'web' });
    expect(equalIgnoreHash(t, { ...t, labels: { app: 'web', 'pod-template-hash': 'abc' } })).toBe(true);
    expect(equalIgnoreHash(t, { ...t, labels: { app: 'web', tier: 'x' } })).toBe(false);
  });
});

describe('ResolveFenceposts', () => {
  it.each<[string, IntOrPercent, IntOrPercent, number, [number, number]]>([
    ['25%/25% of 4 is 1 and 1', '25%', '25%', 4, [1, 1]],
    ['25%/25% of 3: surge rounds up, unavailable down', '25%', '25%', 3, [1, 0]],
    ['25%/25% of 10 is 3 and 2', '25%', '25%', 10, [3, 2]],
    ['both 0 make unavailable 1', '0%', '10%', 5, [0, 1]],
    ['absolute values are kept', 2, 0, 7, [2, 0]],
    ['100% surge of 1 is 1', '100%', 0, 1, [1, 0]],
  ])('%s', (_name, surge, unavailable, desired, expected) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual(expected);
  });

  it('scaledValue rounds a percentage of the total', () => {
    expect(scaledValue('33%', 10, true)).toBe(4);
    expect(scaledValue('33%', 10, false)).toBe(3);
  });
});

describe('NewRSNewReplicas', () => {
  it('scales the new ReplicaSet up by what maxSurge leaves, at most to the desired count', () => {
    const w = new World();
    const labels = { app: 'web' };
    const d = w.deployment('web', { replicas: 4, template: template(labels) });
    const old = w.replicaSet('old', 4, labels);
    const fresh = w.replicaSet('new', 0, labels);
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(1);
    old.spec.replicas = 3;
    fresh.spec.replicas = 1;
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(2);
    d.spec = { ...d.spec, strategy: { type: 'Recreate' } };
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(4);
  });
});

describe('SetNewReplicaSetAnnotations', () => {
  it('copies the Deployment annotations but the skipped ones, and sets revision and replicas', () => {
    const w = new World();
    const d = w.deployment('web', { replicas: 4, template: template({ app: 'web' }) });
    (d.metadata as { annotations: Record<string, string> }).annotations = {
      team: 'a',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    };
    expect(newReplicaSetAnnotations(d, {}, 3, { desired: 4, max: 5 })).toEqual({
      team: 'a',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
  });

  it('moves a lower revision into revision-history, and changes nothing when up to date', () => {
    const w = new World();
    const d = w.deployment('web', { template: template({ app: 'web' }) });
    const current = { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/revision-history': '' };
    expect(newReplicaSetAnnotations(d, current, 4)).toEqual({
      'deployment.kubernetes.io/revision': '4',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(newReplicaSetAnnotations(d, { 'deployment.kubernetes.io/revision': '4' }, 4)).toBeUndefined();
  });
});
