import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultWorld } from './world.js';

const NODES = ['n0', 'n1', 'n2', 'n3'];
const KINDS = ['partition', 'heal', 'crash', 'reboot'] as const;

const faultArb = fc.record({
  t: fc.integer({ min: 1, max: 900 }),
  node: fc.constantFrom(...NODES),
  kind: fc.constantFrom(...KINDS),
});

/** Random faults over 900 s, then every node healed and rebooted at 1000; run to 2000. */
function run(faults: readonly { t: number; node: string; kind: (typeof KINDS)[number] }[]) {
  const w = new FaultWorld();
  for (const n of NODES) w.addNode(n);
  NODES.forEach((n, i) => {
    w.pod(`web-${n}`, n, { owner: 'ReplicaSet' });
    w.pod(`ds-${n}`, n, { owner: 'DaemonSet' });
    w.pod(`job-${n}`, n, { restartPolicy: 'Never', runs: 100 + 50 * i });
  });
  for (const f of faults) w.at(f.t, () => w.faults[f.kind](w.node(f.node)));
  w.at(1000, () => {
    for (const n of NODES) {
      w.faults.heal(w.node(n));
      w.faults.reboot(w.node(n));
    }
  });
  w.run(2000);
  return w;
}

describe('random partitions and crashes', () => {
  it('never break a rule, and once all is healed leave every node Ready and untainted, no pod Unknown and no evicted pod behind', () => {
    fc.assert(
      fc.property(fc.array(faultArb, { maxLength: 12 }), (faults) => {
        const w = run(faults);
        for (const n of NODES) {
          expect(w.node(n).ready).toBe('True');
          expect(w.node(n).taints).toEqual([]);
          expect(w.node(n).lastHeartbeat).toBeUndefined();
        }
        for (const pod of w.cluster.pods()) {
          expect(pod.status.phase).not.toBe('Unknown');
          expect(pod.status.reason).toBeUndefined();
          expect(pod.metadata.deletionTimestamp).toBeUndefined(); // evicted pods were killed and removed
        }
        // DaemonSet pods are never evicted
        expect(w.deleting.filter(([, p]) => p.startsWith('ds-'))).toEqual([]);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('give the same trace for the same faults', () => {
    const faults = [
      { t: 33, node: 'n1', kind: 'partition' as const },
      { t: 40, node: 'n2', kind: 'crash' as const },
      { t: 300, node: 'n2', kind: 'reboot' as const },
      { t: 500, node: 'n1', kind: 'heal' as const },
    ];
    const trace = () => run(faults).events.map((e) => `${e.time} ${e.reason} ${e.name} ${e.message}`);
    expect(trace()).toEqual(trace());
  });
});
