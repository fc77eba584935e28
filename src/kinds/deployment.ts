import { DeploymentController } from '../controllers/deployment/controller.js';
import { emptyDeploymentStatus } from '../controllers/deployment/status.js';
import { deploymentConverter } from '../io/manifests/deployment.js';
import type { Deployment } from '../model/workloads.js';
import type { KindEntry } from './entry.js';

/** apps/v1 Deployment (pkg/controller/deployment): owns ReplicaSets, which own the pods. */
export const deploymentKind: KindEntry<Deployment> = {
  kind: 'Deployment',
  converter: deploymentConverter,
  initialStatus: emptyDeploymentStatus,
  controllers: (ctx) => [new DeploymentController(ctx)],
  scalable: true,
  neverEnds: (m) => (m.spec.replicas > 0 ? `keeps ${m.spec.replicas} pod(s) running` : undefined),
  availability: { counts: (w) => [w.spec.replicas, w.status.availableReplicas], desiredFromStatus: false },
  owns: 'ReplicaSets',
};
