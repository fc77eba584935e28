import { describe, expect, it } from 'vitest';
import type { Manifest, PodManifest } from '../../src/model/scenario.js';
import { withSharedPodSpecs } from '../../src/sim/alike-pods.js';
import { testContainer, testPodSpec } from '../support/objects.js';

function pod(name: string, image = 'nginx:1.25', labels: Record<string, string> = { app: 'web' }): PodManifest {
  return {
    kind: 'Pod',
    source: { file: 'pods.yml', line: 1, col: 1 },
    namespace: 'default',
    name,
    ownerReferences: [],
    template: { labels, annotations: {}, spec: testPodSpec({ containers: [testContainer('c', image)] }) },
  };
}

const specOf = (m: Manifest | undefined) => (m as PodManifest).template.spec;

describe('withSharedPodSpecs', () => {
  it('gives bare pods with equal specs the first one\'s spec object, and keeps everything else of each pod', () => {
    const [a, b, c] = [pod('a'), pod('b', 'nginx:1.25', { app: 'other' }), pod('c', 'busybox:1.36')];
    expect(specOf(b)).not.toBe(specOf(a));
    const seen = new Map();
    const out = withSharedPodSpecs([a, b, c], seen);
    expect(out[0]).toBe(a);
    expect(specOf(out[1])).toBe(specOf(a));
    expect((out[1] as PodManifest).name).toBe('b');
    expect((out[1] as PodManifest).template.labels).toEqual({ app: 'other' });
    // A different image: a spec of its own, the manifest unchanged.
    expect(out[2]).toBe(c);
    // Later calls (the files events apply) share with what was seen before.
    const [later] = withSharedPodSpecs([pod('d')], seen);
    expect(specOf(later)).toBe(specOf(a));
  });

  it('returns the list itself when nothing is shared', () => {
    const list = [pod('a'), pod('b', 'busybox:1.36')];
    expect(withSharedPodSpecs(list, new Map())).toBe(list);
  });
});
