import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { validateFiles } from '../../src/io/validate.js';
import { testContext } from '../support/context.js';
import { folderWith, run } from '../reliability/files.js';
import { fixture, lines, loadFixture, loadWith } from './helpers.js';

/**
 * Keys users write that are also names of Object.prototype's members
 * (`__proto__`, `constructor`, `hasOwnProperty`, `toString`): every lookup
 * by such a key finds only what the user wrote. A `--set` path through one
 * is an unknown field; `__proto__` as a label, annotation or selector key is
 * an invalid key (test/bad-inputs/label-key-proto.yml); the others are
 * ordinary label keys and select exactly the objects that carry them.
 */
const SPEC_FIELDS = 'seed, duration, startTime, include, nodePools, images, registry, behaviors, events, arrivals, kubelet, controlPlane, output, fieldValidation';

describe('--set paths through prototype member names', () => {
  test.each([
    ['__proto__.x=1', `--set:1:1: error: --set __proto__.x=1: spec has no field "__proto__" (fields: ${SPEC_FIELDS})`],
    ['constructor.prototype.x=1', `--set:1:1: error: --set constructor.prototype.x=1: spec has no field "constructor" (fields: ${SPEC_FIELDS})`],
    ['hasOwnProperty.x=1', `--set:1:1: error: --set hasOwnProperty.x=1: spec has no field "hasOwnProperty" (fields: ${SPEC_FIELDS})`],
    ['registry.toString=1', '--set:1:1: error: --set registry.toString=1: spec.registry has no field "toString" (fields: defaultImageSize, bandwidth, latency, failureRate)'],
  ])('%s is an unknown field, on run and on validate', (arg, line) => {
    expect(loadFixture('full.yml', { set: [arg] })).toEqual({ lines: [line] });
    expect(lines(validateFiles([fixture('full.yml')], { set: [arg] }))).toEqual([line]);
    const ctx = testContext(process.cwd());
    expect(validateCommand([fixture('full.yml')], [arg], ctx)).toBe(1);
    expect(ctx.err.join('')).toBe(`${line}\n`);
  });

  test('a pool label __proto__ given with --set is an invalid label key', () => {
    expect(loadFixture('full.yml', { set: ['nodePools.worker.labels.__proto__=x'] }).lines).toEqual([
      expect.stringMatching(/^--set:1:\d+: error: spec\.nodePools\[0\]\.labels: Invalid value: "__proto__": name part must consist of/),
    ]);
  });
});

describe('objects whose kind is a prototype member name', () => {
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('kind %s is an unknown kind, skipped with a warning', (kind) => {
    expect(loadWith(`apiVersion: v1\nkind: ${kind}\nmetadata: {name: x}\n`).lines).toEqual([
      `s.yml:5:1: warning: kind "${kind}" is not simulated: objects of this kind are skipped (podsim simulates Node, Pod, ReplicaSet, ReplicationController, Deployment, Job, DaemonSet, PriorityClass, KubeSchedulerConfiguration)`,
    ]);
  });
});

const SELECTING = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: proto}
spec:
  duration: 30s
  nodePools:
    - {name: a, count: 2, allocatable: {cpu: "4", memory: 4Gi}, images: [busybox:1.36]}
    - {name: b, count: 2, allocatable: {cpu: "4", memory: 4Gi}, labels: {constructor: x, toString: y}, images: [busybox:1.36]}
  behaviors:
    - match: {labels: {hasOwnProperty: z}}
      run: {duration: 5s, exitCode: 0}
  events:
    - at: 10s
      cordon: {selector: {constructor: x}}
    - at: 20s
      scale: {kind: Deployment, name: web, replicas: 8}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 6
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {constructor: x}
      containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: done, labels: {hasOwnProperty: z}}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox:1.36}]
---
apiVersion: v1
kind: Pod
metadata: {name: forever}
spec:
  nodeSelector: {toString: y}
  containers: [{name: c, image: busybox:1.36}]
`;

describe('label keys named like prototype members select what carries them', () => {
  test('nodeSelector, behaviours and event selectors by constructor, toString and hasOwnProperty', async () => {
    const cwd = folderWith({ 's.yml': SELECTING });
    const r = await run(cwd, { scenario: 's.yml', out: 'out', check: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = fs.readFileSync(path.join(cwd, 'out', 'pods.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const byName = (prefix: string) => rows.filter((c) => c[1]!.startsWith(prefix));
    // every web pod on a b node (the only ones labelled constructor=x); the two
    // added after the cordon of those nodes (selected by constructor=x) wait
    expect(byName('web-').map((c) => c[4]!.replace(/-\d$/, ''))).toEqual([...Array(6).fill('b'), '', '']);
    // the behaviour matched only the pod labelled hasOwnProperty=z: it finished; the other runs on
    expect(byName('done').map((c) => c[10])).toEqual(['Succeeded']);
    expect(byName('forever').map((c) => [c[4]!.replace(/-\d$/, ''), c[10]])).toEqual([['b', 'Running']]);
  });
});
