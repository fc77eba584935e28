import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/model/scenario.js';
import { loadText } from '../support/play.js';

/*
 * YAML merge keys as kubectl's YAML reader applies them (go-yaml v2 decode.go,
 * through sigs.k8s.io/yaml): pairs written in order, a later write wins; in
 * `<<: [*a, *b]` the earlier map wins.
 */
const HEAD = `metadata: {name: t}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "4", memory: 8Gi}}]
`;

function pods(yaml: string): { pods: Extract<Manifest, { kind: 'Pod' }>[]; lines: string[] } {
  const { scenario, lines } = loadText(`${HEAD}---\n${yaml}`);
  return { pods: (scenario?.objects ?? []).flatMap((m) => (m.kind === 'Pod' ? [m] : [])), lines };
}

const list = (items: string) => `apiVersion: v1
kind: List
items:
${items}`;

describe('YAML merge keys', () => {
  it('merge an anchored map, keys after << overriding it', () => {
    const { pods: [small, big], lines } = pods(
      list(`- apiVersion: v1
  kind: Pod
  metadata: {name: small}
  spec:
    containers:
    - &base
      name: app
      image: busybox:1.36
      resources: {requests: {cpu: 100m, memory: 64Mi}}
- apiVersion: v1
  kind: Pod
  metadata: {name: big}
  spec:
    containers:
    - <<: *base
      resources: {requests: {cpu: "2"}}
`),
    );
    expect(lines).toEqual([]);
    expect(small!.template.spec.containers[0]).toMatchObject({ name: 'app', image: 'busybox:1.36', requests: { cpu: 100, memory: 64 * 1024 * 1024 } });
    expect(big!.template.spec.containers[0]).toMatchObject({ name: 'app', image: 'busybox:1.36', requests: { cpu: 2000 } });
  });

  // Anchors sit on fields the objects really have: kubectl's strict field validation refuses a made-up holder key.
  it('in a list, take the earlier map first; a key written before << is overridden by it (go-yaml v2 writes in order)', () => {
    const { pods: [, p], lines } = pods(
      list(`- apiVersion: v1
  kind: Pod
  metadata:
    name: a
    labels: &a {app: a, tier: a}
    annotations: &b {app: b, tier: b, zone: b}
  spec:
    containers: [{name: c, image: busybox:1.36}]
- apiVersion: v1
  kind: Pod
  metadata:
    name: p
    labels:
      tier: mine
      <<: [*a, *b]
      zone: mine
  spec:
    containers: [{name: c, image: busybox:1.36}]
`),
    );
    expect(lines.filter((l) => l.includes('error'))).toEqual([]);
    expect(p!.template.labels).toEqual({ tier: 'a', app: 'a', zone: 'mine' });
  });

  it('apply merge keys inside merged maps', () => {
    const { pods: [, p] } = pods(
      list(`- apiVersion: v1
  kind: Pod
  metadata:
    name: a
    labels: &a {app: a}
    annotations: &b {<<: *a, tier: b}
  spec:
    containers: [{name: c, image: busybox:1.36}]
- apiVersion: v1
  kind: Pod
  metadata: {name: p, labels: {<<: *b, zone: z}}
  spec:
    containers: [{name: c, image: busybox:1.36}]
`),
    );
    expect(p!.template.labels).toEqual({ app: 'a', tier: 'b', zone: 'z' });
  });

  it('refuse a value that is not a map or a list of maps, at the value', () => {
    const { lines } = pods(`apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {note: &s just-a-string}
  labels: {<<: *s}
spec:
  containers: [{name: c, image: busybox:1.36}]
`);
    expect(lines).toEqual(['s.yml:12:16: error: YAML: map merge requires map or sequence of maps as the value']);
  });

  it('refuse a list holding something other than maps', () => {
    const { lines } = pods(`apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: &a {app: a}
  labels:
    <<: [*a, 3]
spec:
  containers: [{name: c, image: busybox:1.36}]
`);
    expect(lines).toEqual(['s.yml:13:9: error: YAML: map merge requires map or sequence of maps as the value']);
  });

  it('point a bad merged value at the line where it is written (the anchored map)', () => {
    const { lines } = pods(
      list(`- apiVersion: v1
  kind: Pod
  metadata: {name: a}
  spec:
    containers:
    - &base
      name: app
      image: busybox:1.36
      resources: {requests: {cpu: lots}}
- apiVersion: v1
  kind: Pod
  metadata: {name: b}
  spec:
    containers:
    - <<: *base
      name: other
`),
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^s\.yml:18:30: error: The Pod "[ab]" is invalid: spec\.containers\[0\]\.resources\.requests\[cpu\]: Invalid value: "lots"/);
  });

  it('leave a quoted "<<" an ordinary key', () => {
    const { pods: [p] } = pods(`apiVersion: v1
kind: Pod
metadata: {name: p, labels: {"<<": x}}
spec:
  containers: [{name: c, image: busybox:1.36}]
`);
    expect(p?.template.labels).toBeUndefined();
  });
});
