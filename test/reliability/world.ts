import { Cluster } from '../../src/api/cluster.js';
import { InvariantChecker } from '../../src/check/invariant-checker.js';
import { formatViolation } from '../../src/check/violation.js';
import { Engine } from '../../src/engine/engine.js';
import { RandomStreams } from '../../src/engine/random.js';
import type { Labels, OwnerReference } from '../../src/model/meta.js';
import type { Node } from '../../src/model/node.js';
import type { Pod } from '../../src/model/pod.js';
import type { ResourceList } from '../../src/model/resources.js';
import type { PodTemplate } from '../../src/model/scenario.js';
import { initialStatus } from '../../src/kinds/table.js';
import { type DaemonSet, type Deployment, type Job, type ReplicaSet, type StatefulSet, type CronJob, type PodDisruptionBudget, type Workload, type WorkloadKind } from '../../src/model/workloads.js';

interface ByKind {
  ReplicaSet: ReplicaSet;
  ReplicationController: ReplicaSet;
  Deployment: Deployment;
  Job: Job;
  DaemonSet: DaemonSet;
  StatefulSet: StatefulSet;
  CronJob: CronJob;
  PodDisruptionBudget: PodDisruptionBudget;
}
import { SimAdmission } from '../../src/sim/admission.js';
import { newNode } from '../../src/sim/materialize.js';

/** A pod template of one container with `requests` (cpu in millicores, memory in bytes). */
export function podTemplate(labels: Labels = {}, requests: ResourceList = {}): PodTemplate {
  return {
    labels,
    annotations: {},
    spec: {
      schedulerName: 'default-scheduler',
      nodeSelector: {},
      tolerations: [],
      topologySpreadConstraints: [],
      initContainers: [],
      containers: [{ name: 'app', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', requests, limits: {}, ports: [] }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      overhead: {},
    },
  };
}

/**
 * An engine and a cluster with podsim's admission and nothing else wired:
 * tests write to the cluster as a faulty component would and read what the
 * InvariantChecker (registered first) says.
 */
export class CheckWorld {
  readonly engine = new Engine();
  readonly cluster = new Cluster(this.engine);
  readonly checker: InvariantChecker;

  constructor(apiLatencyMs = 0) {
    this.checker = new InvariantChecker(this.cluster, { apiLatencyMs });
    this.cluster.watch(this.checker);
    this.cluster.setAdmission(new SimAdmission(this.cluster, { rules: [], defaultTolerationSeconds: 300, names: new RandomStreams(1).stream('names') }));
  }

  node(name: string, allocatable: ResourceList = { cpu: 1000, memory: 2 ** 30, pods: 110 }): Node {
    const m = { kind: 'Node', source: { file: 't', line: 1, col: 1 }, name, labels: {}, annotations: {}, taints: [], unschedulable: false, allocatable, capacity: allocatable, images: [] } as const;
    const n = newNode(m, this.cluster);
    this.cluster.addNode(n);
    return n;
  }

  pod(name: string, requests: ResourceList = {}, owner?: Workload, template = podTemplate({}, requests)): Pod {
    const ownerReferences: OwnerReference[] = owner ? [{ kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true }] : [];
    const pod = this.cluster.submitPod({ namespace: 'default', name, ownerReferences, template });
    if (!pod) throw new Error(`pod ${name} exists`);
    return pod;
  }

  workload<K extends WorkloadKind>(kind: K, name: string, spec: ByKind[K]['spec'], owner?: Workload): ByKind[K] {
    const ownerReferences: OwnerReference[] = owner ? [{ kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true }] : [];
    const metadata = { namespace: 'default', name, uid: this.cluster.newUid(), labels: {}, annotations: {}, ownerReferences, creationTimestamp: 0, generation: 0 };
    const w = { kind, metadata, spec, status: initialStatus(kind) } as unknown as ByKind[K];
    this.cluster.createWorkload(w);
    return w;
  }

  /** Runs `f` at time `t` (ms), then the engine up to it. */
  at(t: number, f: () => void): void {
    this.engine.at(t, f);
    this.engine.run(t);
  }

  /** The violations, formatted, after finishing the check. */
  violations(): string[] {
    return this.checker.finish().map(formatViolation);
  }
}
