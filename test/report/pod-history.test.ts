import { describe, expect, it } from 'vitest';
import { PodHistory, bucket, type PodRow } from '../../src/report/pod-history.js';
import { Timeline } from '../../src/report/timeline.js';

const pod = (name: string, extra: Partial<PodRow> = {}): PodRow => ({
  namespace: 'default',
  name,
  ownerKind: 'ReplicaSet',
  ownerName: 'web-1',
  createdS: 0,
  scheduledS: 0,
  runningS: 1,
  deletedS: undefined,
  finishedS: undefined,
  ...extra,
});

describe('PodHistory', () => {
  // Ten bins of 10 s over 100 s: each value is the count at the bin's end.
  const timeline = new Timeline(100, 10);

  it('counts a pod in its phase from each change until its deletion is requested', () => {
    const h = new PodHistory(timeline);
    h.pod(pod('a', { deletedS: 45, finishedS: 50 }));
    h.transition({ timeS: 0, namespace: 'default', name: 'a', from: undefined, to: 'Pending' });
    h.transition({ timeS: 15, namespace: 'default', name: 'a', from: 'Pending', to: 'Running' });
    h.transition({ timeS: 50, namespace: 'default', name: 'a', from: 'Running', to: 'Failed' }); // after deletion: not counted
    h.finish();
    expect(h.phases.Pending.values()).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(h.phases.Running.values()).toEqual([0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(h.phases.Failed.values()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(h.runningByOwner.get('default/ReplicaSet/web-1')?.values()).toEqual([0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(h.deletedBeforeEnd).toEqual([{ timeS: 45, key: 'default/a' }]);
  });

  it('tells apart two pods of one name (a StatefulSet pod recreated) by creation order', () => {
    const h = new PodHistory(timeline);
    h.pod(pod('web-0', { deletedS: 20 }));
    h.pod(pod('web-0', { createdS: 30 }));
    h.transition({ timeS: 0, namespace: 'default', name: 'web-0', from: undefined, to: 'Pending' });
    h.transition({ timeS: 1, namespace: 'default', name: 'web-0', from: 'Pending', to: 'Running' });
    h.transition({ timeS: 30, namespace: 'default', name: 'web-0', from: undefined, to: 'Pending' });
    h.transition({ timeS: 31, namespace: 'default', name: 'web-0', from: 'Pending', to: 'Running' });
    h.finish();
    expect(h.phases.Running.values()).toEqual([1, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('puts latencies in buckets: 0 alone, then up to each bound', () => {
    expect([0, 0.001, 1, 1.5, 600, 601].map(bucket)).toEqual([0, 1, 1, 2, 9, 10]);
  });
});
