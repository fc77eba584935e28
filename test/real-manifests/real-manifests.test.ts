import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/io/diagnostics.js';
import { type FileSystem, decodeText, nodeFileSystem } from '../../src/io/fs.js';
import { loadScenario } from '../../src/io/load-scenario.js';

/**
 * Real manifests from public repositories (README.md here says where each
 * comes from, at which commit, under which licence), each loaded as a user
 * would: included, unchanged, from a small scenario of three nodes. Each has
 * the outcome a cluster would give: its objects created (`objects`, by
 * kind), or refused with the errors podsim prints; kinds podsim does not
 * simulate skipped with one warning each (`skipped`). Other warnings (probes,
 * volumes) are not part of the outcome.
 *
 * StatefulSet and CronJob files are refused today ("not supported yet");
 * when those kinds land, their expectations change to what a cluster does
 * (marked `when supported` below).
 */
const DIR = import.meta.dirname;

interface Outcome {
  /** Objects converted, by kind; absent when the file is refused. */
  readonly objects?: Readonly<Record<string, number>>;
  /** The errors, as printed, paths relative to this folder. */
  readonly errors?: readonly string[];
  /** Kinds skipped with a warning. */
  readonly skipped?: readonly string[];
}

const SCENARIO = (file: string) => `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: real}
spec:
  duration: 10m
  nodePools: [{name: worker, count: 3, allocatable: {cpu: "8", memory: 32Gi, pods: 110}}]
  include: [${JSON.stringify(file)}]
`;

const STRICT_POD = 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field';

const OUTCOMES: Readonly<Record<string, Outcome>> = {
  'website/nginx-deployment.yaml': { objects: { Deployment: 1 } },
  'website/frontend.yaml': { objects: { ReplicaSet: 1 } },
  'website/replication.yaml': { objects: { ReplicationController: 1 } },
  'website/job.yaml': { objects: { Job: 1 } },
  'website/daemonset.yaml': { objects: { DaemonSet: 1 } },
  'website/init-containers.yaml': { objects: { Pod: 1 } },
  'website/pod-with-toleration.yaml': { objects: { Pod: 1 } },
  // this older revision of the example gives required... a list (it is a NodeSelector): a cluster refuses it too
  'website/pod-with-node-affinity.yaml': {
    errors: [
      'website/pod-with-node-affinity.yaml:8:7: error: The Pod "with-node-affinity" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution: Invalid value: [...]: must be an object',
      'website/pod-with-node-affinity.yaml:8:7: error: The Pod "with-node-affinity" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
    ],
  },
  // when supported: batch/v1beta1 CronJob is no longer served (removed in 1.25): no matches for kind "CronJob" in version "batch/v1beta1"
  'website/cronjob.yaml': { errors: ['website/cronjob.yaml:1:1: error: CronJob is not supported yet'] },
  // when supported: a StatefulSet of 2 (its volumeClaimTemplates not simulated)
  'website/web.yaml': { errors: ['website/web.yaml:15:1: error: StatefulSet is not supported yet'], skipped: ['Service'] },
  // when supported: skipped no more, the PDB is created
  'website/zookeeper-pod-disruption-budget-minavailable.yaml': { objects: {}, skipped: ['PodDisruptionBudget'] },
  'kubernetes-examples/web--guestbook--all-in-one--guestbook-all-in-one.yaml': { objects: { Deployment: 3 }, skipped: ['Service'] },
  'kubernetes-examples/web--guestbook-go--guestbook-controller.yaml': { objects: { ReplicationController: 1 } },
  'kubernetes-examples/web--guestbook-go--redis-master-controller.yaml': { objects: { Deployment: 1 } },
  'kubernetes-examples/AI--vllm-deployment--vllm-deployment.yaml': { objects: { Deployment: 1 } },
  'kubernetes-examples/AI--model-serving-tensorflow--deployment.yaml': { objects: { Deployment: 1 } },
  'kubernetes-examples/databases--mysql-cinder-pd--mysql.yaml': { objects: { Pod: 1 } },
  'kubernetes-examples/databases--cassandra--cassandra-service.yaml': { objects: {}, skipped: ['Service'] },
  'kubernetes-examples/newrelic--newrelic-daemonset.yaml': { objects: { DaemonSet: 1 } },
  // when supported: the StatefulSet of 3 (claims not simulated), the StorageClass skipped
  'kubernetes-examples/databases--cassandra--cassandra-statefulset.yaml': {
    errors: ['kubernetes-examples/databases--cassandra--cassandra-statefulset.yaml:1:1: error: StatefulSet is not supported yet'],
    skipped: ['StorageClass'],
  },
  // when supported: the StatefulSet of 3 and its PodDisruptionBudget
  'kubernetes-examples/cockroachdb--cockroachdb-statefulset.yaml': {
    errors: ['kubernetes-examples/cockroachdb--cockroachdb-statefulset.yaml:69:1: error: StatefulSet is not supported yet'],
    skipped: ['Service', 'PodDisruptionBudget'],
  },
  // real mistakes, refused by strict field validation as a cluster refuses them: a misspelt field,
  // and two StorageClass parameters written into the Pod's rbd volume (RBDVolumeSource has no such fields)
  'kubernetes-examples/volumes--scaleio--pod.yaml': {
    errors: [`kubernetes-examples/volumes--scaleio--pod.yaml:17:7: error: ${STRICT_POD} "spec.volumes[0].scaleIO.protectionDoamin"; did you mean "protectionDomain"?`],
  },
  'kubernetes-examples/volumes--rbd--rbd.yaml': {
    errors: [
      `kubernetes-examples/volumes--rbd--rbd.yaml:25:9: error: ${STRICT_POD} "spec.volumes[0].rbd.imageformat"`,
      `kubernetes-examples/volumes--rbd--rbd.yaml:26:9: error: ${STRICT_POD} "spec.volumes[0].rbd.imagefeatures"`,
    ],
  },
  'microservices-demo/kubernetes-manifests.yaml': { objects: { Deployment: 12 }, skipped: ['Service', 'ServiceAccount'] },
};

/** The scenario in memory, every other file from the disk. */
function scenarioFs(scenarioPath: string, text: string): FileSystem {
  return {
    read: (p) => (p === scenarioPath ? decodeText(p, new TextEncoder().encode(text)) : nodeFileSystem.read(p)),
  };
}

function outcomeOf(file: string): Outcome {
  const scenarioPath = path.join(DIR, 'scenario.yml');
  const { scenario, diagnostics } = loadScenario(scenarioPath, { fs: scenarioFs(scenarioPath, SCENARIO(file)) });
  const printed = diagnostics.map((d) => formatDiagnostic(d).split(`${DIR}/`).join(''));
  const errors = printed.filter((l) => / error: /.test(l));
  const skipped = diagnostics.filter((d) => d.code === 'kind-unknown').map((d) => /^kind "([^"]+)"/.exec(d.message)?.[1] ?? d.message);
  const objects: Record<string, number> = {};
  for (const m of scenario?.objects ?? []) if (m.kind !== 'Node') objects[m.kind] = (objects[m.kind] ?? 0) + 1;
  return {
    ...(scenario !== undefined ? { objects } : {}),
    ...(errors.length > 0 ? { errors } : {}),
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}

describe('real manifests load as a cluster would take them', () => {
  test('at least 20 files from at least 3 repositories', () => {
    expect(Object.keys(OUTCOMES).length).toBeGreaterThanOrEqual(20);
    expect(new Set(Object.keys(OUTCOMES).map((f) => f.split('/')[0])).size).toBeGreaterThanOrEqual(3);
  });

  test.each(Object.entries(OUTCOMES))('%s', (file, expected) => {
    expect(outcomeOf(file)).toEqual(expected);
  });
});
