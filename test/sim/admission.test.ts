import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import type { PodTemplate } from '../../src/model/scenario.js';
import { TaintToleration } from '../../src/scheduler/plugins/taint-toleration.js';
import { SimAdmission } from '../../src/sim/admission.js';
import { testContainer, testNode, testPodSpec } from '../support/objects.js';

function setup() {
  const cluster = new Cluster(new Engine());
  const admission = new SimAdmission(cluster, { rules: [], defaultTolerationSeconds: 300, names: new RandomStreams(1).stream('names') });
  const template: PodTemplate = { labels: { app: 'web' }, annotations: {}, spec: testPodSpec({ containers: [testContainer('app', 'nginx:1.25')] }) };
  const admit = (name: string) => admission.admit({ namespace: 'default', name, ownerReferences: [], template });
  return { cluster, admit };
}

describe('SimAdmission', () => {
  it('gives the pods of one template one shared, read-only list of the default tolerations', () => {
    const { admit } = setup();
    const a = admit('a');
    const b = admit('b');
    expect(a.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(b.spec.tolerations).toBe(a.spec.tolerations);
    // TaintToleration's equivalence key is the list's JSON, whichever pod asks first.
    const plugin = new TaintToleration();
    expect(plugin.equivalence(b)).toBe(JSON.stringify(a.spec.tolerations));
    expect(plugin.equivalence(a)).toBe(plugin.equivalence(b));
  });

  it('gives each pod its own spec object, sharing the containers admission resolved once per template', () => {
    const { admit } = setup();
    const a = admit('a');
    const b = admit('b');
    expect(b.spec).not.toBe(a.spec);
    expect(b.spec).toEqual(a.spec);
    expect(b.spec.containers).toBe(a.spec.containers);
    expect(a.spec.containers[0]?.behavior).toBeDefined();
  });

  it('declares spec.nodeName before binding, so binding only fills it in', () => {
    const { cluster, admit } = setup();
    cluster.addNode(testNode('n1'));
    const pod = admit('a');
    expect(Object.keys(pod.spec)).toContain('nodeName');
    expect(pod.spec.nodeName).toBeUndefined();
    cluster.createPod(pod);
    const keys = Object.keys(pod.spec);
    cluster.bindPod(pod, 'n1');
    expect(pod.spec.nodeName).toBe('n1');
    expect(Object.keys(pod.spec)).toEqual(keys);
  });

  it('shares one admitted spec between templates made per pod from one spec, unless their behaviours differ', () => {
    const cluster = new Cluster(new Engine());
    const rule = { match: { labels: { app: 'batch' } }, behavior: { run: { kind: 'constant', value: 60_000 }, exitCode: 0, failureProbability: 0, failExitCode: 1 } } as const;
    const admission = new SimAdmission(cluster, { rules: [rule], defaultTolerationSeconds: 300, names: new RandomStreams(1).stream('names') });
    const spec = testPodSpec({ containers: [testContainer('work', 'busybox:1.36')] });
    // An Indexed Job's pods: a template each (the index label and annotation), one spec.
    const indexed = (i: number): PodTemplate => ({ labels: { app: 'batch', index: String(i) }, annotations: { index: String(i) }, spec });
    const admit = (template: PodTemplate) => admission.admit({ namespace: 'default', generateName: 'job-', ownerReferences: [], template });
    const [a, b, c] = [admit(indexed(0)), admit(indexed(1)), admit(indexed(2))];
    expect(b.spec.containers).toBe(a.spec.containers);
    expect(c.spec.containers).toBe(a.spec.containers);
    expect(a.spec.containers[0]?.behavior).toBe(rule.behavior);
    // The rule does not match: the container runs forever, in a spec of its own.
    const other = admit({ labels: { app: 'web' }, annotations: {}, spec });
    expect(other.spec.containers).not.toBe(a.spec.containers);
    expect(other.spec.containers[0]?.behavior.run).toBe('forever');
    // A duration annotation makes a new behaviour each time: those pods get their own containers, with that duration.
    const annotated = admit({ labels: { app: 'batch' }, annotations: { 'podsim.io/duration': '5s' }, spec });
    expect(annotated.spec.containers).not.toBe(a.spec.containers);
    expect(annotated.spec.containers[0]?.behavior.run).toEqual({ kind: 'constant', value: 5000 });
    expect(admit(indexed(3)).spec.containers).toBe(a.spec.containers);
  });
});
