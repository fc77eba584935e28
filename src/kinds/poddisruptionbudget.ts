import { DisruptionController, emptyPodDisruptionBudgetStatus } from '../controllers/disruption/controller.js';
import { podDisruptionBudgetConverter } from '../io/manifests/poddisruptionbudget.js';
import type { PodDisruptionBudget } from '../model/workloads.js';
import type { KindEntry } from './entry.js';

/**
 * policy/v1 PodDisruptionBudget (pkg/controller/disruption): not a workload
 * but kept beside them; it owns nothing, and the Eviction API
 * (api/eviction.ts) reads it during drains.
 */
export const podDisruptionBudgetKind: KindEntry<PodDisruptionBudget> = {
  kind: 'PodDisruptionBudget',
  converter: podDisruptionBudgetConverter,
  initialStatus: emptyPodDisruptionBudgetStatus,
  controllers: (ctx) => [new DisruptionController(ctx)],
  scalable: false,
  neverEnds: () => undefined,
  owns: 'nothing',
};
