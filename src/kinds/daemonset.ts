import { scaled } from '../check/scaled.js';
import { DaemonSetController } from '../controllers/daemonset/controller.js';
import { emptyDaemonSetStatus } from '../controllers/daemonset/status.js';
import { daemonSetConverter } from '../io/manifests/daemonset.js';
import type { DaemonSet } from '../model/workloads.js';
import type { KindEntry } from './entry.js';

/** apps/v1 DaemonSet (pkg/controller/daemon): one pod per eligible node. */
export const daemonSetKind: KindEntry<DaemonSet> = {
  kind: 'DaemonSet',
  converter: daemonSetConverter,
  initialStatus: emptyDaemonSetStatus,
  controllers: (ctx) => [new DaemonSetController(ctx)],
  scalable: false,
  neverEnds: () => 'keeps a pod running on every node',
  availability: { counts: (w) => [w.status.desiredNumberScheduled, w.status.numberAvailable], desiredFromStatus: true },
  podBound: {
    per: 'node',
    // Two on a node while a RollingUpdate with maxSurge replaces its pod.
    bound: (w) => (w.spec.updateStrategy.type === 'RollingUpdate' && scaled(w.spec.updateStrategy.maxSurge, 1, true) > 0 ? 2 : 1),
    exceeded: (created, active, bound, node) => `${created}: ${active} active pods for node ${node}, more than ${bound}`,
  },
};
