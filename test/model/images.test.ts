import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, normalizeImage, parseImageName } from '../../src/model/images.js';

const SHA = 'sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa';

describe('parseImageName', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx', 'latest', ''],
    ['nginx:1.25', 'docker.io/library/nginx', '1.25', ''],
    ['nginx:latest', 'docker.io/library/nginx', 'latest', ''],
    [`nginx@${SHA}`, 'docker.io/library/nginx', '', SHA],
    [`nginx:1.25@${SHA}`, 'docker.io/library/nginx', '1.25', SHA],
    ['bitnami/redis:7', 'docker.io/bitnami/redis', '7', ''],
    ['docker.io/nginx', 'docker.io/library/nginx', 'latest', ''],
    ['index.docker.io/library/nginx:1', 'docker.io/library/nginx', '1', ''],
    ['localhost:5000/app', 'localhost:5000/app', 'latest', ''],
    ['localhost:5000/app:v2', 'localhost:5000/app', 'v2', ''],
    ['localhost/app', 'localhost/app', 'latest', ''],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io/pause', '3.9', ''],
    ['ghcr.io/org/team/tool:1.0.0-rc.1', 'ghcr.io/org/team/tool', '1.0.0-rc.1', ''],
    ['[::1]:5000/app:1', '[::1]:5000/app', '1', ''],
    ['my-reg.example.com/a__b/c--d:x_Y', 'my-reg.example.com/a__b/c--d', 'x_Y', ''],
  ])('%s is %s, tag %j, digest %j', (image, repository, tag, digest) => {
    expect(parseImageName(image)).toEqual({ ok: true, repository, tag, digest });
  });

  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['', 'invalid reference format'],
    ['nginx:1:2', 'invalid reference format'],
    ['-nginx', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    [`nginx@sha256:${'a'.repeat(63)}`, 'invalid checksum digest length'],
    [`nginx@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`nginx@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    [`r.io/${'a'.repeat(251)}`, 'repository name must not be more than 255 characters'],
  ])('rejects %j: %s', (image, error) => {
    expect(parseImageName(image)).toEqual({ ok: false, message: `couldn't parse image name "${image}": ${error}` });
  });
});

describe('defaultPullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['localhost:5000/app', 'Always'],
    [`nginx:latest@${SHA}`, 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    [`nginx@${SHA}`, 'IfNotPresent'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['busybox:1.36', 'IfNotPresent'],
    ['Nginx', 'IfNotPresent'],
  ] as const)('%s defaults to %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});

describe('normalizeImage', () => {
  it('makes nginx, nginx:latest and the fully qualified name one image', () => {
    const key = normalizeImage('nginx');
    expect(key).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:latest')).toBe(key);
    expect(normalizeImage('docker.io/library/nginx:latest')).toBe(key);
    expect(normalizeImage('nginx:1.25')).not.toBe(key);
  });

  it('identifies an image by its digest when one is given', () => {
    expect(normalizeImage(`nginx:1.25@${SHA}`)).toBe(`docker.io/library/nginx@${SHA}`);
    expect(normalizeImage(`nginx@${SHA}`)).toBe(`docker.io/library/nginx@${SHA}`);
  });

  it('leaves names that do not parse alone', () => {
    expect(normalizeImage('Nginx')).toBe('Nginx');
  });
});
