import { StatefulSetController } from '../controllers/statefulset/controller.js';
import { emptyStatefulSetStatus } from '../controllers/statefulset/status.js';
import { statefulSetConverter } from '../io/manifests/statefulset.js';
import type { StatefulSet } from '../model/workloads.js';
import type { KindEntry } from './entry.js';

/** apps/v1 StatefulSet (pkg/controller/statefulset): pods `<name>-<ordinal>`, each replaced under its own name. */
export const statefulSetKind: KindEntry<StatefulSet> = {
  kind: 'StatefulSet',
  converter: statefulSetConverter,
  initialStatus: emptyStatefulSetStatus,
  controllers: (ctx) => [new StatefulSetController(ctx)],
  scalable: true,
  neverEnds: (m) => (m.spec.replicas > 0 ? `keeps ${m.spec.replicas} pod(s) running` : undefined),
  availability: { counts: (w) => [w.spec.replicas, w.status.availableReplicas], desiredFromStatus: false },
  ownerSelector: (w) => w.spec.selector,
  podBound: {
    per: 'workload',
    // A replica is made again only once its pod is gone: never more active pods than replicas, but
    // while a scale-down deletes its condemned replicas one at a time, a lost lower one is made again
    // beside them (replicas are handled first): status.replicas still counts the condemned.
    bound: (w) => Math.max(w.spec.replicas, w.status.replicas),
    exceeded: (created, active, bound) => `${created}: ${active} active pods, more than ${bound} (spec.replicas, or status.replicas during a scale-down)`,
  },
  unmodelled: [
    {
      path: ['spec', 'volumeClaimTemplates'],
      name: 'StatefulSet volumeClaimTemplates are not simulated',
      instead: 'no PersistentVolumeClaims are made; pods start as if their claims were bound',
      unit: 'object',
    },
  ],
};
