import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/controllers/daemonset/backoff.js';
import { DelayingAdds } from '../../src/controllers/daemonset/delaying.js';
import { WorkQueue } from '../../src/controllers/workqueue.js';
import { Engine } from '../../src/engine/engine.js';
import { nodeShouldRunDaemonPod, type Eligibility } from '../../src/controllers/daemonset/eligibility.js';
import { canonicalJSON, computeHash, fnv32a, safeEncodeString } from '../../src/controllers/hash.js';
import {
  addOrUpdateToleration,
  createPodTemplate,
  daemonPodTolerations,
  nodeNameAffinity,
  targetNodeName,
} from '../../src/controllers/daemonset/pod-template.js';
import { scaledValue } from '../../src/model/workloads.js';
import type { Taint } from '../../src/model/meta.js';
import type { Pod } from '../../src/model/pod.js';
import { TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_NODE_NOT_READY } from '../../src/model/taints.js';
import { makeNode, podSpec } from './world-ds.js';

describe('template hash', () => {
  it('is FNV-32a: the published test vectors', () => {
    expect(fnv32a(new TextEncoder().encode(''))).toBe(0x811c9dc5);
    expect(fnv32a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    expect(fnv32a(new TextEncoder().encode('foobar'))).toBe(0xbf9cf968);
  });

  it('safe-encodes digits into the rand alphabet as SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('does not depend on key order, and changes with the template', () => {
    expect(canonicalJSON({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    const t = { labels: { app: 'x' }, annotations: {}, spec: podSpec() };
    const same = { spec: podSpec(), annotations: {}, labels: { app: 'x' } };
    const other = { ...t, spec: podSpec({ restartPolicy: 'OnFailure' }) };
    expect(computeHash(t)).toBe(computeHash(same));
    expect(computeHash(t)).not.toBe(computeHash(other));
    expect(computeHash(t)).toMatch(/^[4-9bcdf]{1,10}$/);
  });
});

describe('daemon pod template', () => {
  it('replaces a matching toleration (dropping its seconds) and appends the rest', () => {
    const user = { key: TAINT_NODE_NOT_READY, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 5 };
    const ours = { key: TAINT_NODE_NOT_READY, operator: 'Exists' as const, effect: 'NoExecute' as const };
    expect(addOrUpdateToleration([user], ours)).toEqual([ours]);
    const equal = { ...ours, operator: 'Equal' as const };
    expect(addOrUpdateToleration([equal], ours)).toEqual([equal, ours]);
  });

  it('tolerates network-unavailable only with hostNetwork', () => {
    const keys = (hostNetwork: boolean) => daemonPodTolerations(podSpec({ hostNetwork })).map((t) => t.key);
    expect(keys(false)).not.toContain(TAINT_NODE_NETWORK_UNAVAILABLE);
    expect(keys(true)).toContain(TAINT_NODE_NETWORK_UNAVAILABLE);
  });

  it('pins the pod by a single matchFields term, keeping preferred terms', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' as const }] } }];
    const affinity = nodeNameAffinity(
      { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'z', operator: 'Exists' }] }] }, preferred } },
      'n7',
    );
    expect(affinity.nodeAffinity).toEqual({
      required: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n7'] }] }] },
      preferred,
    });
    const pod = { spec: { affinity } } as unknown as Pod;
    expect(targetNodeName(pod)).toBe('n7');
    expect(targetNodeName({ spec: { nodeName: 'n1', affinity } } as unknown as Pod)).toBe('n1');
  });

  it('labels pods with the hash', () => {
    const t = createPodTemplate({ labels: { app: 'x' }, annotations: {}, spec: podSpec() }, 'abc');
    expect(t.labels).toEqual({ app: 'x', 'controller-revision-hash': 'abc' });
  });
});

describe('NodeShouldRunDaemonPod', () => {
  const spec = podSpec({
    nodeSelector: { role: 'worker' },
    affinity: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
  });
  const tolerations = daemonPodTolerations(spec);
  const taint = (key: string, effect: Taint['effect']): Taint => ({ key, effect });
  const cases: [string, Record<string, string>, Taint[], Eligibility][] = [
    ['a matching node', { role: 'worker', zone: 'a' }, [], 'run'],
    ['a node outside the nodeSelector', { role: 'infra', zone: 'a' }, [], 'none'],
    ['a node outside the required affinity', { role: 'worker', zone: 'b' }, [], 'none'],
    ['an untolerated NoSchedule taint: keep, do not start', { role: 'worker', zone: 'a' }, [taint('x', 'NoSchedule')], 'continue'],
    ['an untolerated NoExecute taint', { role: 'worker', zone: 'a' }, [taint('x', 'NoExecute')], 'none'],
    ['PreferNoSchedule is ignored', { role: 'worker', zone: 'a' }, [taint('x', 'PreferNoSchedule')], 'run'],
    ['not-ready and unreachable are tolerated', { role: 'worker', zone: 'a' }, [taint(TAINT_NODE_NOT_READY, 'NoExecute'), taint('node.kubernetes.io/unreachable', 'NoExecute')], 'run'],
  ];
  it.each(cases)('%s', (_, labels, taints, want) => {
    expect(nodeShouldRunDaemonPod(makeNode('n', 0, { labels, taints }), spec, tolerations)).toBe(want);
  });

  it('a template nodeName rules out every other node', () => {
    const fixed = podSpec({ nodeName: 'n1' });
    expect(nodeShouldRunDaemonPod(makeNode('n0', 0), fixed, [])).toBe('none');
    expect(nodeShouldRunDaemonPod(makeNode('n1', 1), fixed, [])).toBe('run');
  });
});

describe('intstr scaling and back-off', () => {
  it.each([
    [1, 10, 1],
    ['10%', 3, 1],
    ['50%', 3, 2],
    ['0%', 10, 0],
    ['100%', 4, 4],
  ] as const)('%s of %i rounded up is %i', (v, total, want) => {
    expect(scaledValue(v, total, true)).toBe(want);
  });

  it('doubles from 1 s to 15 min and starts over after 30 min untouched', () => {
    const b = new Backoff(1000, 900_000);
    expect(b.isInBackOffSinceUpdate('k', 0)).toBe(false);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      b.next('k', i);
      delays.push(b.get('k'));
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900].map((x) => x * 1000));
    expect(b.isInBackOffSinceUpdate('k', 11 + 899_999)).toBe(true);
    expect(b.isInBackOffSinceUpdate('k', 11 + 900_000)).toBe(false);
    b.next('k', 11 + 1_800_001);
    expect(b.get('k')).toBe(1000);
  });
});

describe('AddAfter in front of the work queue', () => {
  const syncsOf = (latency: number, script: (d: DelayingAdds, q: WorkQueue, e: Engine) => void) => {
    const engine = new Engine();
    const times: number[] = [];
    const queue = new WorkQueue(engine, () => times.push(engine.now), latency);
    script(new DelayingAdds(engine, queue, latency), queue, engine);
    engine.run();
    return times;
  };

  it('an add meanwhile does not cancel the wait', () => {
    expect(syncsOf(0, (d, q, e) => (d.addAfter('k', 5000), e.at(1000, () => q.add('k'))))).toEqual([1000, 5000]);
  });

  it('keeps the earliest wait per key', () => {
    expect(syncsOf(0, (d) => (d.addAfter('k', 5000), d.addAfter('k', 2000), d.addAfter('k', 9000)))).toEqual([2000]);
  });

  it('syncs at the delay when it exceeds the API latency, else after the latency', () => {
    expect(syncsOf(500, (d) => d.addAfter('k', 2000))).toEqual([2000]);
    expect(syncsOf(3000, (d) => d.addAfter('k', 2000))).toEqual([3000]);
  });
});
