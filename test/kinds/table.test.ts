import { describe, expect, it } from 'vitest';
import { converterFor } from '../../src/io/manifests/registry.js';
import { SCALABLE_KINDS, WORKLOAD_KINDS, kindEntry } from '../../src/kinds/table.js';

describe('the workload kinds table', () => {
  it('has one entry per kind, each with its own converter, reachable from the loader', () => {
    const kinds = WORKLOAD_KINDS.map((k) => k.kind);
    expect(kinds).toEqual(['ReplicaSet', 'ReplicationController', 'Deployment', 'Job', 'CronJob', 'PodDisruptionBudget', 'DaemonSet', 'StatefulSet']);
    for (const k of WORKLOAD_KINDS) {
      expect(k.converter.kind).toBe(k.kind);
      expect(converterFor(k.kind)).toBe(k.converter);
      expect(kindEntry(k.kind)).toBe(k);
    }
    expect(kindEntry('Pod')).toBeUndefined();
  });

  it('gives the scale action and its load check one list of scalable kinds', () => {
    expect(SCALABLE_KINDS).toEqual(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);
  });

  it('says, for every kind, whether it owns pods (a bound to check) or other workloads', () => {
    for (const k of WORKLOAD_KINDS) expect(k.podBound !== undefined || k.owns !== undefined, k.kind).toBe(true);
  });
});
