import { describe, expect, it } from 'vitest';
import { revisionFor, updateStatefulSet, type StatefulPodControl } from '../../src/controllers/statefulset/control.js';
import { maxUnavailableOf } from '../../src/controllers/statefulset/pods.js';
import { completeRollingUpdate, emptyStatefulSetStatus } from '../../src/controllers/statefulset/status.js';
import type { Pod } from '../../src/model/pod.js';
import type { StatefulSet, StatefulSetSpec } from '../../src/model/workloads.js';
import type { Revision } from '../../src/controllers/statefulset/revisions.js';
import { testPodSpec } from '../support/objects.js';

/* updateStatefulSet (stateful_set_control.go) one sync at a time, on pods built by hand. */

const NOW = 100_000;
const template = { labels: { app: 'web' }, annotations: {}, spec: testPodSpec() };
const OLD: Revision = { name: 'web-old', revision: 1, template, identity: 'old' };
const NEW: Revision = { name: 'web-new', revision: 2, template, identity: 'new' };

function set(o: Partial<StatefulSetSpec> = {}): StatefulSet {
  return {
    kind: 'StatefulSet',
    metadata: { namespace: 'default', name: 'web', uid: 'u', labels: {}, annotations: {}, ownerReferences: [], creationTimestamp: 0, generation: 1 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template,
      serviceName: 'web',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: rolling(0, 1),
      revisionHistoryLimit: 10,
      minReadySeconds: 0,
      ordinalsStart: 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [],
      ...o,
    },
    status: emptyStatefulSetStatus(),
  };
}

const rolling = (partition: number, maxUnavailable: number) => ({ type: 'RollingUpdate' as const, partition, maxUnavailable, rollingUpdate: true });

type State = 'ready' | 'pending' | 'failed' | 'terminating';

/** A pod of the set: `web-<ordinal>` at `revision`, Ready since t=0 unless pending/failed. */
function pod(ordinal: number, state: State = 'ready', revision: Revision = NEW): Pod {
  const ready = state === 'ready' || state === 'terminating';
  return {
    metadata: {
      name: `web-${ordinal}`,
      labels: { app: 'web', 'controller-revision-hash': revision.name },
      ...(state === 'terminating' ? { deletionTimestamp: NOW } : {}),
    },
    status: {
      phase: state === 'failed' ? 'Failed' : state === 'pending' ? 'Pending' : 'Running',
      conditions: ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: 0 }] : [],
    },
  } as unknown as Pod;
}

function sync(s: StatefulSet, pods: Pod[], revisions = { current: NEW, update: NEW }) {
  const did: string[] = [];
  const control: StatefulPodControl = {
    create: (_s, ordinal, revision) => (did.push(`create web-${ordinal} ${revision.name}`), true),
    delete: (_s, p) => void did.push(`delete ${p.metadata.name}`),
  };
  const status = updateStatefulSet(s, pods, revisions, control, NOW);
  return { did, status };
}

describe('updateStatefulSet', () => {
  it('OrderedReady creates only the first missing replica; Parallel creates them all', () => {
    expect(sync(set(), []).did).toEqual(['create web-0 web-new']);
    expect(sync(set(), [pod(0)]).did).toEqual(['create web-1 web-new']);
    expect(sync(set({ podManagementPolicy: 'Parallel' }), []).did).toEqual(['create web-0 web-new', 'create web-1 web-new', 'create web-2 web-new']);
  });

  it('names replicas from spec.ordinals.start', () => {
    expect(sync(set({ ordinalsStart: 5, podManagementPolicy: 'Parallel', replicas: 2 }), []).did).toEqual(['create web-5 web-new', 'create web-6 web-new']);
    // web-0 is outside [5, 7): condemned, deleted once the replicas are healthy.
    expect(sync(set({ ordinalsStart: 5, replicas: 1 }), [pod(0), pod(5)]).did).toEqual(['delete web-0']);
  });

  it('OrderedReady waits on a replica that is pending or terminating; Parallel goes past it', () => {
    expect(sync(set(), [pod(0), pod(1, 'pending')]).did).toEqual([]);
    expect(sync(set(), [pod(0, 'terminating')]).did).toEqual([]);
    expect(sync(set({ podManagementPolicy: 'Parallel' }), [pod(0, 'terminating'), pod(1, 'pending')]).did).toEqual(['create web-2 web-new']);
  });

  it('deletes a failed replica and makes it again only at a later sync, once it is gone', () => {
    expect(sync(set(), [pod(0), pod(1, 'failed'), pod(2)]).did).toEqual(['delete web-1']);
    const terminatingFailed = pod(1, 'failed');
    terminatingFailed.metadata.deletionTimestamp = NOW;
    expect(sync(set(), [pod(0), terminatingFailed, pod(2)]).did).toEqual([]);
    expect(sync(set(), [pod(0), pod(2)]).did).toEqual(['create web-1 web-new']);
  });

  it('scales down from the highest ordinal: one at a time with OrderedReady, all at once with Parallel', () => {
    const three = () => [pod(0), pod(1), pod(2)];
    expect(sync(set({ replicas: 1 }), three()).did).toEqual(['delete web-2']);
    expect(sync(set({ replicas: 1 }), [pod(0), pod(1), pod(2, 'terminating')]).did).toEqual([]);
    expect(sync(set({ replicas: 1, podManagementPolicy: 'Parallel' }), three()).did).toEqual(['delete web-2', 'delete web-1']);
    // A condemned pod that is not ready blocks OrderedReady unless it is the first unavailable pod
    // (the lowest ordinal): web-1 is, web-2 is not.
    expect(sync(set({ replicas: 1 }), [pod(0), pod(1, 'pending'), pod(2, 'pending')]).did).toEqual([]);
    expect(sync(set({ replicas: 1 }), [pod(0), pod(1, 'pending'), pod(2)]).did).toEqual(['delete web-2']);
    expect(sync(set({ replicas: 1 }), [pod(0), pod(1), pod(2, 'pending')]).did).toEqual(['delete web-2']);
  });

  it('rolls the highest ordinals first, down to the partition, within maxUnavailable', () => {
    const old = (n: number, state: State = 'ready') => pod(n, state, OLD);
    const revs = { current: OLD, update: NEW };
    const four = (o: Partial<StatefulSetSpec>) => sync(set({ replicas: 4, ...o }), [old(0), old(1), old(2), old(3)], revs);
    expect(four({}).did).toEqual(['delete web-3']);
    const two = four({ updateStrategy: rolling(0, 2) });
    expect(two.did).toEqual(['delete web-3', 'delete web-2']);
    expect(two.status).toMatchObject({ replicas: 4, currentReplicas: 2, updatedReplicas: 0 });
    expect(four({ updateStrategy: rolling(3, 2) }).did).toEqual(['delete web-3']);
    expect(four({ updateStrategy: rolling(4, 2) }).did).toEqual([]);
    expect(four({ updateStrategy: { type: 'OnDelete' } }).did).toEqual([]);
    // Parallel: an unavailable replica counts against maxUnavailable.
    const parallel = (maxUnavailable: number) =>
      sync(set({ replicas: 3, podManagementPolicy: 'Parallel', updateStrategy: rolling(0, maxUnavailable) }), [old(0, 'pending'), old(1), old(2)], revs).did;
    expect(parallel(1)).toEqual([]);
    expect(parallel(2)).toEqual(['delete web-2']);
    // Already-updated pods are skipped; the next old one below them goes.
    expect(sync(set(), [old(0), old(1), pod(2)], revs).did).toEqual(['delete web-1']);
  });

  it('makes a missing replica below the partition at the current revision, the rest at the update revision', () => {
    const s = set({ updateStrategy: rolling(2, 1) });
    expect([0, 1, 2].map((o) => revisionFor(s, o, OLD, NEW).name)).toEqual(['web-old', 'web-old', 'web-new']);
    expect(revisionFor(set({ updateStrategy: { type: 'OnDelete' } }), 0, OLD, NEW).name).toBe('web-new');
    expect(sync(s, [pod(0, 'ready', OLD), pod(2)], { current: OLD, update: NEW }).did).toEqual(['create web-1 web-old']);
    // `type: RollingUpdate` without a rollingUpdate block: below status.currentReplicas instead.
    const bare = set({ updateStrategy: { type: 'RollingUpdate', partition: 0, maxUnavailable: 1, rollingUpdate: false } });
    bare.status.currentReplicas = 1;
    expect([0, 1].map((o) => revisionFor(bare, o, OLD, NEW).name)).toEqual(['web-old', 'web-new']);
  });

  it('counts status from the pods as the sync found them, and completes a finished rolling update', () => {
    const { status } = sync(set(), [pod(0), pod(1, 'pending'), pod(2, 'terminating')], { current: OLD, update: NEW });
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 2, availableReplicas: 2, currentReplicas: 0, updatedReplicas: 2, currentRevision: 'web-old', updateRevision: 'web-new' });
    const done = sync(set(), [pod(0), pod(1), pod(2)], { current: OLD, update: NEW }).status;
    completeRollingUpdate(set(), done);
    expect(done).toMatchObject({ currentReplicas: 3, currentRevision: 'web-new' });
  });
});

describe('getStatefulSetMaxUnavailable', () => {
  it('scales percentages down and never goes below 1', () => {
    expect([maxUnavailableOf(1, 5), maxUnavailableOf(3, 5), maxUnavailableOf('10%', 5), maxUnavailableOf('50%', 5), maxUnavailableOf('100%', 5)]).toEqual([1, 3, 1, 2, 5]);
  });
});
