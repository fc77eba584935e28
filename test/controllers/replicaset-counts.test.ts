import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplicaCounts } from '../../src/controllers/replicaset/replica-counts.js';
import { matchesLabelSelector } from '../../src/model/labels.js';
import type { Millis } from '../../src/model/meta.js';
import type { Pod } from '../../src/model/pod.js';
import { isPodActive, isPodAvailable, isPodReady, readySince } from '../../src/model/podutil.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../src/model/workloads.js';

/** calculateStatus (replica_set_utils.go) from scratch: the oracle the incremental counts must agree with. */
function calculateStatus(rs: ReplicaSet, activePods: readonly Pod[], now: Millis): ReplicaSetStatus {
  const templateLabels = { matchLabels: rs.spec.template.labels };
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    if (matchesLabelSelector(templateLabels, pod.metadata.labels)) fullyLabeled++;
    if (!isPodReady(pod)) continue;
    ready++;
    if (isPodAvailable(pod, rs.spec.minReadySeconds, now)) available++;
  }
  return { replicas: activePods.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available, observedGeneration: rs.metadata.generation };
}

/** The earliest instant after `now` at which a ready active pod becomes available, from scratch. */
function nextAvailableAt(pods: readonly Pod[], minReadySeconds: number, now: Millis): Millis | undefined {
  if (minReadySeconds === 0) return undefined;
  let next: Millis | undefined;
  for (const pod of pods) {
    const since = readySince(pod);
    if (since === undefined) continue;
    const at = since + minReadySeconds * 1000;
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

function replicaSet(minReadySeconds: number, generation: number): ReplicaSet {
  return {
    kind: 'ReplicaSet',
    metadata: { namespace: 'default', name: 'rs', uid: 'rs-uid', labels: {}, annotations: {}, ownerReferences: [], creationTimestamp: 0, generation },
    spec: { replicas: 3, minReadySeconds, selector: { matchLabels: { app: 'web' } }, template: { labels: { app: 'web', tier: 'a' }, annotations: {}, spec: {} } },
    status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 0 },
  } as unknown as ReplicaSet;
}

function pod(i: number, fullyLabeled: boolean): Pod {
  return {
    metadata: { namespace: 'default', name: `p${i}`, uid: `u${i}`, labels: fullyLabeled ? { app: 'web', tier: 'a' } : { app: 'web' }, annotations: {}, ownerReferences: [], creationTimestamp: 0 },
    spec: {},
    status: { phase: 'Pending', conditions: [], initContainerStatuses: [], containerStatuses: [] },
  } as unknown as Pod;
}

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('create' as const), labeled: fc.boolean() }),
    fc.record({ op: fc.constantFrom('ready' as const, 'unready' as const, 'fail' as const, 'delete' as const, 'remove' as const), which: fc.nat(20) }),
    fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 4000 }) }),
    fc.constant({ op: 'sync' as const }),
    fc.record({ op: fc.constant('bump' as const), minReadySeconds: fc.integer({ min: 0, max: 3 }) }),
  ),
  { maxLength: 120 },
);

describe('ReplicaCounts', () => {
  it('agrees with calculateStatus and the next availability computed from scratch, whatever the pods do between syncs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), ops, (minReady, script) => {
        let now = 0;
        let rs = replicaSet(minReady, 1);
        const counts = new ReplicaCounts();
        const pods: Pod[] = [];
        const held = new Set<Pod>();
        const sync = () => {
          const status = counts.status(rs, pods.filter((p) => held.has(p)), (p) => held.has(p), now);
          const active = pods.filter((p) => held.has(p) && isPodActive(p));
          expect(status).toEqual(calculateStatus(rs, active, now));
          expect(counts.active).toBe(active.length);
          expect(counts.nextAvailableAt()).toBe(nextAvailableAt(active, rs.spec.minReadySeconds, now));
        };
        for (const o of script) {
          const p = 'which' in o ? pods[o.which % Math.max(1, pods.length)] : undefined;
          switch (o.op) {
            case 'create': {
              const q = pod(pods.length, o.labeled);
              pods.push(q);
              held.add(q);
              counts.markChanged(q);
              break;
            }
            case 'ready':
            case 'unready':
              if (!p) break;
              p.status.conditions = [{ type: 'Ready', status: o.op === 'ready' ? 'True' : 'False', lastTransitionTime: now }];
              counts.markChanged(p);
              break;
            case 'fail':
              if (!p) break;
              p.status.phase = 'Failed';
              counts.markChanged(p);
              break;
            case 'delete':
              if (!p) break;
              p.metadata.deletionTimestamp ??= now;
              counts.markChanged(p);
              break;
            case 'remove':
              if (!p) break;
              held.delete(p);
              counts.markChanged(p);
              break;
            case 'tick':
              now += o.ms;
              break;
            case 'sync':
              sync();
              break;
            case 'bump':
              rs = { ...rs, metadata: { ...rs.metadata, generation: rs.metadata.generation + 1 }, spec: { ...rs.spec, minReadySeconds: o.minReadySeconds } };
              break;
          }
        }
        sync();
      }),
      { numRuns: 300 },
    );
  });
});
