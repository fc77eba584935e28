import { ReplicaSetController, ReplicationManager } from '../controllers/replicaset/controller.js';
import { emptyReplicaSetStatus } from '../controllers/replicaset/status.js';
import { replicaSetConverter, replicationControllerConverter } from '../io/manifests/replicaset.js';
import type { ReplicaSet } from '../model/workloads.js';
import type { KindEntry } from './entry.js';

/** What ReplicaSets and ReplicationControllers (one type, two kinds) share. */
const replicaSetLike = {
  initialStatus: emptyReplicaSetStatus,
  scalable: true,
  neverEnds: (m) => (m.spec.replicas > 0 ? `keeps ${m.spec.replicas} pod(s) running` : undefined),
  availability: { counts: (w) => [w.spec.replicas, w.status.availableReplicas], desiredFromStatus: false },
  ownerSelector: (w) => w.spec.selector,
  podBound: {
    per: 'workload',
    bound: (w) => w.spec.replicas,
    exceeded: (created, active, bound) => `${created}: ${active} active pods, more than spec.replicas ${bound}`,
  },
} satisfies Omit<KindEntry<ReplicaSet>, 'kind' | 'converter' | 'controllers'>;

/** apps/v1 ReplicaSet (pkg/controller/replicaset). */
export const replicaSetKind: KindEntry<ReplicaSet> = {
  kind: 'ReplicaSet',
  converter: replicaSetConverter,
  controllers: (ctx) => [new ReplicaSetController(ctx)],
  ...replicaSetLike,
};

/** v1 ReplicationController (pkg/controller/replication): the ReplicaSet controller under another kind. */
export const replicationControllerKind: KindEntry<ReplicaSet> = {
  kind: 'ReplicationController',
  converter: replicationControllerConverter,
  controllers: (ctx) => [new ReplicationManager(ctx)],
  ...replicaSetLike,
};
