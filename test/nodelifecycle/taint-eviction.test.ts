import { describe, expect, it } from 'vitest';
import { matchingTolerations, minTolerationTime } from '../../src/controllers/tainteviction/tolerations.js';
import type { Taint, Toleration } from '../../src/model/meta.js';
import { FaultWorld } from './world.js';

/** A NoExecute taint put on n1 at `at` by hand (removed at `until`), with pods of given tolerations on it. */
function tainted(tolerations: Record<string, readonly Toleration[]>, at = 10, until?: number) {
  const w = new FaultWorld();
  w.addNode('n1');
  for (const [name, tols] of Object.entries(tolerations)) {
    const pod = w.pod(name, 'n1');
    (pod.spec as { tolerations: readonly Toleration[] }).tolerations = tols;
  }
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoExecute', timeAdded: at * 1000 };
  w.at(at, () => {
    const n = w.node('n1');
    n.taints = [...n.taints, taint];
    w.cluster.updateNode(n);
  });
  if (until !== undefined) {
    w.at(until, () => {
      const n = w.node('n1');
      n.taints = n.taints.filter((t) => t !== taint);
      w.cluster.updateNode(n);
    });
  }
  w.run(1000);
  return w;
}

const tol = (seconds?: number): Toleration => ({
  key: 'dedicated',
  operator: 'Equal',
  value: 'gpu',
  effect: 'NoExecute',
  ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
});

describe('the taint eviction controller', () => {
  it('deletes at once a pod that does not tolerate a NoExecute taint', () => {
    const w = tainted({ plain: [] });
    expect(w.deleting).toEqual([[10, 'plain']]);
    expect(w.messages('TaintManagerEviction')).toEqual(['Marking for deletion Pod default/plain']);
  });

  it('deletes a pod tolerationSeconds after the taint, and never one that tolerates without seconds', () => {
    const w = tainted({ sixty: [tol(60)], forever: [tol()] });
    expect(w.deleting).toEqual([[70, 'sixty']]);
  });

  it('uses the smallest tolerationSeconds among the tolerations used', () => {
    const w = tainted({ two: [tol(120), { operator: 'Exists', tolerationSeconds: 30 }] });
    // the first toleration matching the only taint is used: 120 s
    expect(w.deleting).toEqual([[130, 'two']]);
  });

  it('cancels a pending deletion when the taint goes, with an event', () => {
    const w = tainted({ sixty: [tol(60)] }, 10, 40);
    expect(w.deleting).toEqual([]);
    expect(w.eventLog('TaintManagerEviction')).toEqual(['40 TaintManagerEviction Pod/sixty']);
    expect(w.messages('TaintManagerEviction')).toEqual(['Cancelling deletion of Pod default/sixty']);
  });

  it('schedules a pod bound to an already tainted node', () => {
    const w = new FaultWorld();
    w.addNode('n1');
    w.at(5, () => {
      const n = w.node('n1');
      n.taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute', timeAdded: 5000 }];
      w.cluster.updateNode(n);
    });
    const pod = w.pod('late', 'n1', { at: 20 });
    (pod.spec as { tolerations: readonly Toleration[] }).tolerations = [tol(30)];
    w.run(100);
    expect(w.deleting).toEqual([[50, 'late']]);
  });
});

describe('tolerations', () => {
  const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const dedicated: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoExecute' };

  it.each([
    ['no taints', [], [tol()], []],
    ['an untolerated taint', [dedicated], [], undefined],
    ['the first matching toleration per taint', [dedicated, unreachable], [tol(5), { operator: 'Exists' as const }], [tol(5), { operator: 'Exists' }]],
  ])('GetMatchingTolerations: %s', (_, taints, tolerations, used) => {
    expect(matchingTolerations(taints as Taint[], tolerations as Toleration[])).toEqual(used);
  });

  it.each([
    [[], 0],
    [[tol()], -1],
    [[tol(), tol(300)], 300_000],
    [[tol(300), tol(60)], 60_000],
    [[tol(300), tol(0)], 0],
    [[tol(-5)], 0],
  ])('getMinTolerationTime of %j is %i ms', (used, ms) => {
    expect(minTolerationTime(used)).toBe(ms);
  });
});
