import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../src/model/meta.js';
import { container, makePod, s, World } from './world.js';

/**
 * The kubelet's admission of a pod bound by spec.nodeName to a tainted node
 * (pkg/kubelet/lifecycle/predicate.go): an untolerated NoExecute taint
 * refuses it (Failed, TaintToleration, never started); a NoSchedule taint,
 * or a toleration of the NoExecute taint, even for 0 s, admits it (taint
 * eviction then deletes it, not the kubelet).
 */
function run(taint: Taint, tolerations: readonly Toleration[] = []) {
  const w = new World({ kubelet: { containerStartLatencyMs: s(1) } });
  const node = w.addNode('n1', ['busybox:1.36']);
  Object.assign(node, { taints: [taint] });
  const pod = makePod('p', { containers: [container('c')] });
  Object.assign(pod.spec, { tolerations });
  w.submit(pod, 'n1', 0);
  w.run(10);
  return w;
}

const DEDICATED = (effect: Taint['effect']): Taint => ({ key: 'dedicated', value: 'x', effect });

describe('kubelet admission and NoExecute taints', () => {
  it('refuses a pod that does not tolerate a NoExecute taint of its node', () => {
    const w = run(DEDICATED('NoExecute'));
    expect(w.transitions('p')).toEqual([[0, 'Pending', 'Failed', 'TaintToleration']]);
    expect(w.eventsOf('p')).toEqual([[0, 'TaintToleration', "Pod was rejected: Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate"]]);
    expect(w.times('p', 'Started')).toEqual([]);
  });

  it('admits one that tolerates it, even for 0 s, and one on a node whose taint is only NoSchedule', () => {
    const zero: Toleration = { key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 };
    expect(run(DEDICATED('NoExecute'), [zero]).times('p', 'Started')).toEqual([1]);
    expect(run(DEDICATED('NoSchedule')).times('p', 'Started')).toEqual([1]);
  });
});
