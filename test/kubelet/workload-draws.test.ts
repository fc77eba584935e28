import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { workloadDraws } from '../../src/kubelet/workload-draws.js';
import type { Pod } from '../../src/model/pod.js';

/** Only what workloadDraws reads of a pod. */
function pod(name: string, owner?: { kind: string; name: string }): Pod {
  const ownerReferences = owner ? [{ ...owner, controller: true, uid: `uid-${owner.name}`, apiVersion: 'v1' }] : [];
  return { metadata: { namespace: 'default', name, ownerReferences } } as unknown as Pod;
}

describe("a container's draws come from its workload's stream", () => {
  const job = { kind: 'Job', name: 'batch' };

  it("the k-th run of a workload's container draws the same number whatever other workloads drew before it", () => {
    const quiet = workloadDraws(new RandomStreams(7));
    const busy = workloadDraws(new RandomStreams(7));
    const alone = [quiet('durations', pod('batch-a', job), 'work')(), quiet('durations', pod('batch-b', job), 'work')()];
    // another workload starts containers in between (more room, another order)
    busy('durations', pod('other-x', { kind: 'Job', name: 'other' }), 'work')();
    const first = busy('durations', pod('batch-z', job), 'work')();
    busy('durations', pod('web-1', { kind: 'ReplicaSet', name: 'web-5d8f' }), 'nginx')();
    const second = busy('durations', pod('batch-y', job), 'work')();
    expect([first, second]).toEqual(alone);
  });

  it('purposes, containers, workloads and seeds have streams of their own; a bare pod is its own workload', () => {
    const draws = workloadDraws(new RandomStreams(7));
    const firsts = [
      draws('durations', pod('p', job), 'work')(),
      draws('exits', pod('q', job), 'work')(),
      draws('durations', pod('r', job), 'sidecar')(),
      draws('durations', pod('s', { kind: 'Job', name: 'other' }), 'work')(),
      draws('durations', pod('bare'), 'work')(),
      workloadDraws(new RandomStreams(8))('durations', pod('t', job), 'work')(),
    ];
    expect(new Set(firsts).size).toBe(firsts.length);
  });
});
