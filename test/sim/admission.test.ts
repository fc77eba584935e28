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
});
