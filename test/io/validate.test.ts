import { describe, expect, test } from 'vitest';
import { validateFiles } from '../../src/io/validate.js';
import { fixture, lines, memoryFs } from './helpers.js';

describe('validateFiles', () => {
  test('a valid scenario and a plain manifests file have nothing to report', () => {
    expect(lines(validateFiles([fixture('full.yml'), fixture('manifests/web.yml')]))).toEqual([]);
  });

  test('a plain manifests file is checked as Kubernetes objects, without asking for a Scenario', () => {
    expect(lines(validateFiles([fixture('bad/shared-broken.yml')]))).toEqual([
      `${fixture('bad/shared-broken.yml')}:5:16: error: The Pod "broken" is invalid: spec.containers[0].image: Required value`,
    ]);
  });

  test('problems in a file two scenarios include are reported once', () => {
    const got = lines(validateFiles([fixture('bad/shared-a.yml'), fixture('bad/shared-b.yml')]));
    expect(got).toEqual([`${fixture('bad/shared-broken.yml')}:5:16: error: The Pod "broken" is invalid: spec.containers[0].image: Required value`]);
  });

  test('images neither in the catalogue nor on any node are warned about once', () => {
    const fs = memoryFs({
      's.yml': `apiVersion: podsim.io/v1alpha1
kind: Scenario
spec:
  nodePools: [{name: w, count: 1, images: [busybox:1.36]}]
  images: [{name: nginx:1.25, size: 70Mi}]
---
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers: [{name: a, image: nginx:1.25}, {name: b, image: busybox:1.36}, {name: c, image: redis:7}]
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  containers: [{name: c, image: redis:7}]
`,
    });
    expect(lines(validateFiles(['s.yml'], { fs }))).toEqual([
      's.yml:7:1: warning: image "redis:7" is not in spec.images: it is pulled as registry.defaultImageSize (104857600 bytes)',
    ]);
  });

  test('overrides apply to every file validated', () => {
    expect(lines(validateFiles([fixture('full.yml')], { set: ['nodePools.worker.count=-1'] }))).toEqual([
      '--set:1:24: error: spec.nodePools[0].count: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});
