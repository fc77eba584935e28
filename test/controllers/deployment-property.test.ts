import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeploymentController } from '../../src/controllers/deployment/controller.js';
import { resolveFenceposts } from '../../src/controllers/deployment/replicas.js';
import { ReplicaSetController } from '../../src/controllers/replicaset/controller.js';
import type { IntOrPercent } from '../../src/model/workloads.js';
import { FakeKubelet, World, template } from './world-rs.js';

const labels = { app: 'web' };
const budget = fc.constantFrom<IntOrPercent>(0, 1, 2, '25%', '50%', '100%');

describe('a RollingUpdate, whatever its budgets', () => {
  it('keeps within replicas + maxSurge and replicas - maxUnavailable at every instant, and completes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        budget,
        budget,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 5 }),
        (replicas, maxSurge, maxUnavailable, readySeconds, graceSeconds) => {
          fc.pre(!(maxSurge === 0 && maxUnavailable === 0) && maxUnavailable !== '100%');
          const w = new World();
          w.cluster.watch(new ReplicaSetController(w.ctx));
          w.cluster.watch(new DeploymentController(w.ctx));
          w.cluster.watch(new FakeKubelet(w.cluster, w.engine, readySeconds * 1000, graceSeconds * 1000));
          const strategy = { type: 'RollingUpdate' as const, maxSurge, maxUnavailable };
          const d = w.deployment('web', { replicas, strategy, template: template(labels) });
          const [surge, unavailable] = resolveFenceposts(maxSurge, maxUnavailable, replicas);
          const start = 100_000;
          w.engine.at(start, () => {
            d.spec.template = template(labels, 'nginx:1.26');
            w.cluster.updateWorkload(d);
          });
          for (let next = w.engine.peek(); next !== undefined && next <= 1_000_000; next = w.engine.peek()) {
            w.engine.step();
            if (w.engine.now < start || w.engine.peek() === w.engine.now) continue; // check once per instant
            const specTotal = w.replicaSets().reduce((n, rs) => n + rs.spec.replicas, 0);
            expect(specTotal).toBeLessThanOrEqual(replicas + surge);
            expect(w.availablePods().length).toBeGreaterThanOrEqual(replicas - Math.min(unavailable, replicas));
          }
          const pods = w.activePods();
          expect(pods).toHaveLength(replicas);
          expect(pods.every((p) => p.spec.containers[0]?.image === 'nginx:1.26')).toBe(true);
          expect(d.status.conditions.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
